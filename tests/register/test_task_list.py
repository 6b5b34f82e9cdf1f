"""Setting up a partnership as a GOV.UK task list: statuses, short pages saved as you go, the next gate."""

import datetime

import pytest
from django.urls import reverse

from register import tasklist
from register.choices import PartnerRole, Status
from register.models import Organisation
from tests.factories import (
    AssessmentFactory,
    ObjectiveFactory,
    OrganisationFactory,
    PartnershipMemberFactory,
    ProposedPartnershipFactory,
    RiskEntryFactory,
)

pytestmark = pytest.mark.django_db


def url(name, partnership):
    return reverse(name, args=[partnership.reference])


def statuses(partnership):
    return {row.title: row.status for row in tasklist.task_rows(partnership)}


@pytest.fixture
def partnership(officer, directorate):
    return ProposedPartnershipFactory(
        lead_officer=officer, directorate=directorate, annual_contribution=None, significance=""
    )


def test_every_task_links_to_a_page_for_the_partnership(partnership):
    rows = tasklist.task_rows(partnership)
    assert len(rows) == len(tasklist.TASKS) and all(partnership.reference in row.url for row in rows)


def test_a_new_partnership_has_work_to_do_and_tasks_that_cannot_start(partnership):
    found = statuses(partnership)
    assert found["Partnership details"] == tasklist.COMPLETED  # the factory filled name, type and purpose
    assert found["Partners"] == tasklist.NOT_STARTED
    assert found["Money"] == tasklist.NOT_STARTED
    assert found["Partnership assessment"] == tasklist.NOT_STARTED
    assert found["Health check"] == tasklist.CANNOT_START  # needs partners to answer it
    assert found["Partnership agreement"] == tasklist.CANNOT_START


def test_statuses_follow_the_records(partnership):
    PartnershipMemberFactory(partnership=partnership)
    RiskEntryFactory(partnership=partnership)
    ObjectiveFactory(partnership=partnership)
    AssessmentFactory(partnership=partnership, evidence_of_impact="")
    found = statuses(partnership)
    assert found["Partners"] == found["Risks"] == found["SMART objectives"] == tasklist.COMPLETED
    assert found["Partnership assessment"] == tasklist.IN_PROGRESS  # a checklist item is missing
    assert found["Health check"] == found["Partnership agreement"] == tasklist.NOT_STARTED


def test_the_task_list_page_shows_each_status_and_the_next_step(client_for, officer, partnership):
    page = client_for(officer).get(url("register:partnership_tasks", partnership)).content.decode()
    assert 'class="govuk-task-list"' in page
    assert "Cannot start yet" in page and "Not started" in page and "Completed" in page
    assert "Next step: mark as assessed" in page
    assert url("register:partnership_section_money", partnership) in page


def test_readers_see_the_statuses_without_links(client_for, scrutiny, partnership):
    page = client_for(scrutiny).get(url("register:partnership_tasks", partnership)).content.decode()
    assert "Partners" in page and url("register:partnership_partners", partnership) not in page
    assert "Next step" not in page


def test_the_gate_lists_what_blocks_the_next_move(monkeypatch, client_for, officer, partnership):
    from register import gates

    monkeypatch.setattr(gates, "blockers", lambda p, to_status, by=None: ["Add at least one partner"])
    page = client_for(officer).get(url("register:partnership_tasks", partnership)).content.decode()
    assert "Add at least one partner" in page
    move = reverse("register:transition", args=[partnership.reference, Status.ASSESSED])
    assert move not in page


def test_a_section_page_saves_its_fields_and_returns_to_the_task_list(client_for, officer, partnership):
    client = client_for(officer)
    page_url = url("register:partnership_section_money", partnership)
    page = client.get(page_url).content.decode()
    assert "<h1" in page and "Money" in page and 'name="name"' not in page  # only this section's fields
    data = {"annual_contribution": "£12,500", "lock_version": partnership.lock_version}
    response = client.post(page_url, data)
    assert response.status_code == 302 and response.url == url("register:partnership_tasks", partnership)
    partnership.refresh_from_db()
    assert str(partnership.annual_contribution) == "12500.00"
    assert partnership.name.startswith("Test Partnership")  # other fields untouched
    assert statuses(partnership)["Money"] == tasklist.COMPLETED


def test_a_section_page_shows_errors_and_saves_nothing(client_for, officer, partnership):
    data = {"annual_contribution": "lots", "lock_version": partnership.lock_version}
    page = client_for(officer).post(url("register:partnership_section_money", partnership), data).content.decode()
    assert "There is a problem" in page and "as a number of pounds" in page
    partnership.refresh_from_db()
    assert partnership.annual_contribution is None


def test_dates_page_checks_the_end_follows_the_start(client_for, officer, partnership):
    data = {
        "start_date_0": "1",
        "start_date_1": "4",
        "start_date_2": "2026",
        "end_date_0": "1",
        "end_date_1": "1",
        "end_date_2": "2020",
        "review_frequency": "annual",
        "lock_version": partnership.lock_version,
    }
    page = client_for(officer).post(url("register:partnership_section_dates", partnership), data).content.decode()
    assert "End date must be the same as or after the start date" in page


def test_partners_page_adds_partners_matching_existing_organisations(client_for, officer, partnership):
    OrganisationFactory(name="Northmoor Foodbank")
    data = {
        "partners-TOTAL_FORMS": "2",
        "partners-INITIAL_FORMS": "0",
        "partners-MIN_NUM_FORMS": "0",
        "partners-MAX_NUM_FORMS": "1000",
        "partners-0-organisation_name": "  northmoor   foodbank ",
        "partners-0-role": PartnerRole.DELIVERY,
        "partners-1-organisation_name": "Age Concern Northmoor",
        "partners-1-role": PartnerRole.MEMBER,
    }
    response = client_for(officer).post(url("register:partnership_partners", partnership), data)
    assert response.status_code == 302
    names = sorted(m.organisation.name for m in partnership.memberships.all())
    assert names == ["Age Concern Northmoor", "Northmoor Foodbank"]
    assert Organisation.objects.filter(name__iexact="northmoor foodbank").count() == 1


def test_partners_page_refuses_the_same_partner_twice(client_for, officer, partnership):
    data = {
        "partners-TOTAL_FORMS": "2",
        "partners-INITIAL_FORMS": "0",
        "partners-MIN_NUM_FORMS": "0",
        "partners-MAX_NUM_FORMS": "1000",
        "partners-0-organisation_name": "Sustrans",
        "partners-0-role": PartnerRole.MEMBER,
        "partners-1-organisation_name": "sustrans",
        "partners-1-role": PartnerRole.FUNDER,
    }
    page = client_for(officer).post(url("register:partnership_partners", partnership), data).content.decode()
    assert "is listed twice" in page and not partnership.memberships.exists()


def test_the_task_list_takes_a_fixed_number_of_queries(client_for, officer, partnership, django_assert_max_num_queries):
    client = client_for(officer)
    for _ in range(3):
        PartnershipMemberFactory(partnership=partnership)
        RiskEntryFactory(partnership=partnership)
        ObjectiveFactory(partnership=partnership, deadline=datetime.date(2027, 1, 1))
    with django_assert_max_num_queries(25):
        assert client.get(url("register:partnership_tasks", partnership)).status_code == 200
