"""Signals officers read: the overall RAG follows the latest review unless overridden (and says
which), and one rule decides which live partnerships lack a signed agreement."""

import datetime

import pytest
from django.urls import reverse

from register.choices import RAG, PartnershipType
from tests.factories import ActivePartnershipFactory, PerformanceReviewFactory, SignedAgreementFactory

pytestmark = pytest.mark.django_db


def test_a_completed_review_sets_the_overall_rag_and_the_page_says_so(client_for, officer, partnership):
    partnership.rag = ""
    partnership.save()
    PerformanceReviewFactory(partnership=partnership, rag=RAG.GREEN, review_date=datetime.date.today()).complete()
    partnership.refresh_from_db()
    assert partnership.rag == RAG.GREEN
    page = client_for(officer).get(partnership.get_absolute_url()).content.decode()
    assert "from the latest review" in page


def test_an_overridden_rag_stays_until_cleared(client_for, officer, partnership):
    partnership.rag, partnership.rag_overridden = RAG.RED, True
    partnership.save()
    PerformanceReviewFactory(partnership=partnership, rag=RAG.GREEN, review_date=datetime.date.today()).complete()
    partnership.refresh_from_db()
    assert partnership.rag == RAG.RED
    page = client_for(officer).get(partnership.get_absolute_url()).content.decode()
    assert "set by hand, overriding the reviews" in page


def test_choosing_a_rag_in_the_form_overrides_and_clearing_it_follows_reviews(client_for, officer, partnership):
    url = reverse("register:partnership_section_dates", args=[partnership.reference])
    data = {"review_frequency": "annual", "rag": RAG.AMBER, "lock_version": partnership.lock_version}
    assert client_for(officer).post(url, data).status_code == 302
    partnership.refresh_from_db()
    assert partnership.rag_overridden
    data.update(rag="", lock_version=partnership.lock_version)
    assert client_for(officer).post(url, data).status_code == 302
    partnership.refresh_from_db()
    assert not partnership.rag_overridden


def test_home_and_agreements_agree_on_which_live_partnerships_lack_an_approved_agreement(
    client_for, officer, legal, directorate
):
    ActivePartnershipFactory(lead_officer=officer, directorate=directorate, name="Needs One Forum")
    ActivePartnershipFactory(
        lead_officer=officer,
        directorate=directorate,
        name="Catering Contract Arrangement",
        partnership_type=PartnershipType.CONTRACTUAL,
        out_of_scope_reason="A contract",
    )
    SignedAgreementFactory(partnership=ActivePartnershipFactory(lead_officer=officer, name="Signed Alliance"))
    home = client_for(officer).get(reverse("home")).content.decode()
    agreements = client_for(legal).get(reverse("agreements:list"), {"list": "missing"}).content.decode()
    home_section = home.split("without a signed agreement")[1].split("</ul>")[0]
    agreements_section = agreements.split('id="missing"')[1].split("</table>")[0]
    for section in (home_section, agreements_section):
        assert "Needs One Forum" in section
        assert "Catering Contract Arrangement" not in section and "Signed Alliance" not in section
