"""Every partner's contribution and responsibilities reach the agreement page and its PDF."""

import re
from decimal import Decimal

import pytest
from django.urls import reverse

from agreements.facts import register_facts
from agreements.pdf import render_agreement_pdf

from .pdfs import flat, pdf_text

pytestmark = pytest.mark.django_db


@pytest.fixture
def contributing(rich_partnership, partners):
    welsh, food_bank = partners
    welsh.annual_contribution, welsh.in_kind_description, welsh.in_kind_value = Decimal(4000), "A youth worker", None
    welsh.responsibilities = "Runs the Saturday sessions."
    welsh.save()
    food_bank.annual_contribution, food_bank.one_off_contribution = Decimal("2500.50"), Decimal(10000)
    food_bank.in_kind_description, food_bank.in_kind_value = "Warehouse space", Decimal(3000)
    food_bank.responsibilities = "Stores and delivers food parcels."
    food_bank.save()
    return rich_partnership


def test_the_facts_list_every_partys_contribution_and_the_totals(contributing):
    facts = register_facts(contributing)
    rows = {row["party"]: row for row in facts["party_contributions"]}
    assert rows["Northmoor Food Bank Trust"]["annual"] == "£2,500.50"
    assert rows["Northmoor Food Bank Trust"]["one_off"] == "£10,000"
    assert rows["Northmoor Food Bank Trust"]["in_kind"] == "£3,000 (Warehouse space)"
    assert rows["Cyngor Tref Llanfair Pwllgwyngyll (Gŵyr ŷ Fro)"]["in_kind"] == "A youth worker"
    # 12,500 (council) + 4,000 + 2,500.50 a year; 1,750.50 + 3,000 in kind
    assert facts["contribution_totals"] == {"annual": "£19,000.50", "one_off": "£10,000", "in_kind": "£4,750.50"}


def test_the_pdf_lists_every_partners_contribution_and_responsibilities(draft, contributing):
    text = flat(pdf_text(render_agreement_pdf(draft)))
    finance = text[text.rindex("9. Financial accountability") :]
    for figure in ("£12,500", "£4,000", "£2,500.50", "£10,000", "£3,000 (Warehouse space)", "£19,000.50"):
        assert figure in finance, figure
    roles = text[text.rindex("7. Roles and duties") : text.rindex("8. Due diligence")]
    assert "Stores and delivers food parcels." in roles and "Runs the Saturday sessions." in roles


def test_the_agreement_page_shows_the_same_table(client_for, officer, draft, contributing):
    response = client_for(officer).get(draft.get_absolute_url())
    page = response.content.decode()
    assert "£2,500.50" in page and "£19,000.50" in page and "Stores and delivers food parcels." in page


def test_an_officer_records_a_partners_contribution_on_its_own_page(client_for, officer, partnership, partners):
    member = partners[1]
    url = reverse("register:partner_contribution", args=[partnership.reference, member.pk])
    client = client_for(officer)
    page = client.get(url).content.decode()
    assert "Contribution of Northmoor Food Bank Trust" in page
    bad = client.post(url, {"annual_contribution": "lots"})
    assert "Enter annual contribution (optional) as a number of pounds" in bad.content.decode()
    response = client.post(
        url,
        {
            "annual_contribution": "£7,500",
            "one_off_contribution": "",
            "in_kind_description": "Volunteers",
            "in_kind_value": "1,200",
            "responsibilities": "Runs the food bank",
            "signatory_name": "Dev Patel",
            "signatory_title": "Chair of trustees",
        },
    )
    assert response.status_code == 302
    member.refresh_from_db()
    assert (member.annual_contribution, member.in_kind_value) == (Decimal(7500), Decimal(1200))
    detail = client.get(partnership.get_absolute_url()).content.decode()
    assert re.search(r"Total</th>\s*<td[^>]*><strong>£17,500</strong>", detail)  # 10,000 council + 7,500
    assert "Signs: Dev Patel, Chair of trustees" in detail
