"""A partner's page reads the same number of rows whatever the organisation's size: its
partnerships and contacts are paged on their own, and the totals are added up in the database."""

from decimal import Decimal

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from register.views import partners
from tests.factories import OrganisationFactory, PartnershipMemberFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def page_size(monkeypatch):
    monkeypatch.setattr(partners, "PAGE_SIZE", 3)
    return 3


def join(organisation, count, **fields):
    return [
        PartnershipMemberFactory(organisation=organisation, annual_contribution=Decimal("100.25"), **fields)
        for _ in range(count)
    ]


def partner_page(client, organisation, **params):
    response = client.get(organisation.get_absolute_url(), params)
    assert response.status_code == 200
    return response


def test_each_page_shows_the_next_partnerships_by_reference_and_totals_cover_them_all(client_for, officer, page_size):
    council = OrganisationFactory(name="Northmoor Council")
    join(council, 4, contact_name="Rosa Reed")
    join(council, 3, contact_name="", contact_email="", contact_phone="")
    whole = sorted(council.memberships.select_related("partnership"), key=lambda m: m.partnership.reference)
    client = client_for(officer)

    shown = []
    for number in (1, 2, 3):
        response = partner_page(client, council, page=number)
        shown += list(response.context["memberships"])
    assert [m.pk for m in shown] == [m.pk for m in whole]

    first = partner_page(client, council)
    assert first.context["totals"] == {
        "partnerships": 7,
        "annual": Decimal("701.75"),
        "one_off": Decimal(0),
        "in_kind": Decimal(0),
    }
    text = first.content.decode()
    assert "£701.75" in text and "Total, all 7 partnerships" in text
    assert 'href="?page=2#partnerships-heading"' in text and 'href="?contacts_page=2#contacts-heading"' in text
    contacts = [m.pk for n in (1, 2) for m in partner_page(client, council, contacts_page=n).context["contacts"]]
    assert contacts == [m.pk for m in whole if m.contact_name]


def test_the_partner_page_takes_a_fixed_number_of_queries(client_for, officer, page_size):
    council = OrganisationFactory(name="Northmoor Council")
    client = client_for(officer)
    join(council, 1, contact_email="team@northmoor.example")
    with CaptureQueriesContext(connection) as small:
        partner_page(client, council)
    join(council, 10, contact_email="team@northmoor.example")
    with CaptureQueriesContext(connection) as large:
        partner_page(client, council)
        partner_page(client, council, page=3, contacts_page=2)
    assert len(large) == 2 * len(small)
