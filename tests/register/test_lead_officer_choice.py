"""Who leads a partnership: one choice between someone with an account here (picked from the
officers) and someone without one (a name and email), on every page that asks."""

import re

import pytest
from django.urls import reverse

from register.models import Partnership
from tests.factories import ProposedPartnershipFactory, UserFactory

pytestmark = pytest.mark.django_db

ACCOUNT, NO_ACCOUNT = "account", "no_account"


@pytest.fixture
def partnership(officer, directorate):
    return ProposedPartnershipFactory(lead_officer=officer, directorate=directorate)


def leads_url(partnership):
    return reverse("register:partnership_section_leads", args=[partnership.reference])


def leads_data(partnership, **answers):
    return {
        "lock_version": str(partnership.lock_version),
        "directorate": str(partnership.directorate_id),
        "lead_officer": "",
        "lead_officer_name": "",
        "lead_officer_email": "",
        **answers,
    }


def post(client, partnership, **answers):
    return client.post(leads_url(partnership), leads_data(partnership, **answers))


def summary(response):
    return {message: anchor for anchor, message in response.context["error_summary"]}


def test_the_page_asks_which_kind_of_lead_officer_with_the_questions_under_each(client_for, officer, partnership):
    page = client_for(officer).get(leads_url(partnership)).content.decode()
    assert "Who is the lead officer?" in page
    account = page.index("Someone with an account on this service")
    no_account = page.index("Someone without an account")
    select = page.index('name="lead_officer"')
    name = page.index('name="lead_officer_name"')
    assert account < select < no_account < name  # each option's questions follow it
    assert 'value="account" checked' in page  # the current lead has an account
    assert "Select lead officer" in page and "---------" not in page
    labels = [" ".join(label.split()) for label in re.findall(r"<label[^>]*>(.*?)</label>", page, re.S)]
    assert "Full name" in labels and "Email address (optional)" in labels  # a name is needed, an email helps
    assert 'data-aria-controls="id_lead_officer_kind_2_reveal"' in page


def test_a_lead_without_an_account_is_shown_as_such(client_for, officer, partnership):
    Partnership.objects.filter(pk=partnership.pk).update(
        lead_officer=None, lead_officer_name="Kirsty Evans", lead_officer_shown_as="Kirsty Evans"
    )
    page = client_for(officer).get(leads_url(partnership)).content.decode()
    assert 'value="no_account" checked' in page and 'value="account" checked' not in page
    assert 'value="Kirsty Evans"' in page


def test_choosing_someone_without_an_account_clears_the_user(client_for, officer, partnership):
    response = post(
        client_for(officer),
        partnership,
        lead_officer_kind=NO_ACCOUNT,
        lead_officer=str(officer.pk),  # still selected in the hidden question: not kept
        lead_officer_name="Kirsty Evans",
        lead_officer_email="kirsty.evans@northmoor.gov.uk",
    )
    assert response.status_code == 302
    partnership.refresh_from_db()
    assert partnership.lead_officer is None
    assert (partnership.lead_officer_name, partnership.lead_officer_email) == (
        "Kirsty Evans",
        "kirsty.evans@northmoor.gov.uk",
    )


def test_choosing_a_user_clears_the_name_and_email_even_if_the_email_was_mistyped(
    client_for, officer, colleague, partnership
):
    Partnership.objects.filter(pk=partnership.pk).update(
        lead_officer=None, lead_officer_name="Kirsty Evans", lead_officer_shown_as="Kirsty Evans"
    )
    response = post(
        client_for(officer),
        partnership,
        lead_officer_kind=ACCOUNT,
        lead_officer=str(colleague.pk),
        lead_officer_name="Kirsty Evans",
        lead_officer_email="not an email",
    )
    assert response.status_code == 302
    partnership.refresh_from_db()
    assert partnership.lead_officer == colleague
    assert (partnership.lead_officer_name, partnership.lead_officer_email) == ("", "")


@pytest.mark.parametrize(
    ("answers", "message", "anchor"),
    [
        ({}, "Select whether the lead officer has an account on this service", "id_lead_officer_kind_1"),
        ({"lead_officer_kind": ACCOUNT}, "Select the lead officer", "id_lead_officer"),
        ({"lead_officer_kind": NO_ACCOUNT}, "Enter the lead officer's full name", "id_lead_officer_name"),
        (
            {"lead_officer_kind": NO_ACCOUNT, "lead_officer_name": "Kirsty Evans", "lead_officer_email": "kirsty@"},
            "Enter the lead officer's email address in the right format, like name@example.gov.uk",
            "id_lead_officer_email",
        ),
    ],
)
def test_a_missing_answer_is_a_clear_error_in_the_summary_and_nothing_is_saved(
    client_for, officer, partnership, answers, message, anchor
):
    response = post(client_for(officer), partnership, **answers)
    assert response.status_code == 200
    assert summary(response) == {message: anchor}
    assert f'id="{anchor}"' in response.content.decode()  # the summary's link lands on the question
    partnership.refresh_from_db()
    assert partnership.lead_officer is not None


def test_the_list_is_of_officers_and_keeps_a_current_lead_of_another_role(client_for, officer, partnership):
    director = UserFactory(first_name="Dana", last_name="Director")
    Partnership.objects.filter(pk=partnership.pk).update(
        lead_officer=director, lead_officer_shown_as=director.get_full_name()
    )
    stranger = UserFactory(first_name="Sam", last_name="Stranger")
    page = client_for(officer).get(leads_url(partnership)).content.decode()
    assert "Dana Director" in page and "Sam Stranger" not in page
    assert f'<option value="{stranger.pk}"' not in page


def test_adding_a_partnership_asks_the_same_question_with_the_officer_chosen(client_for, officer, directorate):
    client = client_for(officer)
    page = client.get(reverse("register:partnership_create")).content.decode()
    assert 'value="account" checked' in page and f'<option value="{officer.pk}" selected' in page
    response = client.post(
        reverse("register:partnership_create"),
        {
            "name": "Northmoor Food Partnership",
            "partnership_type": "community_vcse",
            "directorate": str(directorate.pk),
            "lead_officer_kind": NO_ACCOUNT,
            "lead_officer_name": "Kirsty Evans",
        },
    )
    assert response.status_code == 302
    added = Partnership.objects.get(name="Northmoor Food Partnership")
    assert added.lead_officer is None and added.lead_officer_name == "Kirsty Evans"


def test_the_whole_edit_form_asks_the_same_question(client_for, officer, partnership):
    Partnership.objects.filter(pk=partnership.pk).update(
        lead_officer=None, lead_officer_name="Kirsty Evans", lead_officer_shown_as="Kirsty Evans"
    )
    url = reverse("register:partnership_update", args=[partnership.reference])
    page = client_for(officer).get(url).content.decode()
    assert "Who is the lead officer?" in page and 'value="no_account" checked' in page
    assert page.count('name="lead_officer_kind"') == 2
