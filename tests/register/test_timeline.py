"""One timeline per partnership of every change to it and its records, old → new; the audit log."""

import datetime
from decimal import Decimal

import pytest
from django.urls import reverse

from register.choices import RAG, Status
from tests.factories import (
    LessonFactory,
    ObjectiveFactory,
    PartnershipMemberFactory,
    ProposedPartnershipFactory,
    RiskEntryFactory,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def partnership(officer, directorate):
    return ProposedPartnershipFactory(lead_officer=officer, directorate=directorate, rag=RAG.GREEN)


def timeline(client, partnership, **params):
    url = reverse("register:partnership_history", args=[partnership.reference])
    response = client.get(url, params)
    assert response.status_code == 200
    return response.content.decode()


def test_a_partnership_change_shows_money_dates_and_choices_as_people_read_them(client_for, officer, partnership):
    partnership.annual_contribution = Decimal("12500")
    partnership.start_date = datetime.date(2026, 4, 1)
    partnership.rag = RAG.AMBER
    partnership.save()
    page = timeline(client_for(officer), partnership)
    assert "£10,000.00" in page and "£12,500.00" in page
    assert "1 April 2026" in page
    assert "Green" in page and "Amber" in page
    assert "Changed the partnership" in page


def test_changes_to_a_risk_and_an_objective_show_old_and_new_values(client_for, officer, partnership):
    risk = RiskEntryFactory(partnership=partnership, owner="Sam Owner")
    objective = ObjectiveFactory(partnership=partnership, target="Below 15%")
    risk.owner = "Pat Newowner"
    risk.save()
    objective.target = "Below 10%"
    objective.save()
    page = timeline(client_for(officer), partnership)
    assert f"Changed risk {risk.risk_id}" in page and "Sam Owner" in page and "Pat Newowner" in page
    assert f"Changed objective {objective.title}" in page and "Below 15%" in page and "Below 10%" in page


def test_partners_lessons_and_lifecycle_appear(client_for, officer, partnership):
    member = PartnershipMemberFactory(partnership=partnership)
    LessonFactory(partnership=partnership, title="Agree data sharing first")
    partnership.transition(Status.REJECTED, by=officer, note="Another body leads this work")
    page = timeline(client_for(officer), partnership)
    assert f"Added partner {member.organisation.name}" in page
    assert "Added lesson Agree data sharing first" in page
    assert "Proposed" in page and "Rejected" in page  # the status change, as labels


def test_the_timeline_filters_by_kind(client_for, officer, partnership):
    risk = RiskEntryFactory(partnership=partnership)
    ObjectiveFactory(partnership=partnership, title="Open ten new hubs")
    page = timeline(client_for(officer), partnership, kind="risks")
    assert f"Added risk {risk.risk_id}" in page and "Open ten new hubs" not in page


def test_the_partnership_page_shows_the_latest_changes(client_for, officer, partnership):
    partnership.name = "Renamed Partnership"
    partnership.save()
    page = client_for(officer).get(partnership.get_absolute_url()).content.decode()
    assert "Renamed Partnership" in page and "changed to" in page


def test_the_audit_log_is_for_administrators(client_for, admin_user, officer, partnership):
    RiskEntryFactory(partnership=partnership)
    assert client_for(officer).get(reverse("register:audit_log")).status_code == 403
    page = client_for(admin_user).get(reverse("register:audit_log")).content.decode()
    assert partnership.reference in page and "Added risk" in page
