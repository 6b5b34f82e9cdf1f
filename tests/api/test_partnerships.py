"""The partnerships API: what each role reads and changes, lifecycle moves, filters and pages."""

import pytest
from django.urls import reverse

from register.choices import Status
from register.lifecycle import TransitionNotAllowed
from register.models import Partnership
from tests.factories import (
    ActivePartnershipFactory,
    AgreementFactory,
    ObjectiveFactory,
    PartnershipMemberFactory,
    PerformanceReviewFactory,
    ProposedPartnershipFactory,
    RiskEntryFactory,
)

pytestmark = pytest.mark.django_db
LIST = reverse("api:partnership-list")


def detail(partnership):
    return reverse("api:partnership-detail", args=[partnership.reference])


def move(partnership):
    return reverse("api:partnership-transition", args=[partnership.reference])


def test_a_partnership_comes_with_its_partners_risks_objectives_reviews_and_agreements(api, scrutiny, partnership):
    member = PartnershipMemberFactory(partnership=partnership)
    RiskEntryFactory(partnership=partnership, risk_id="R1")
    ObjectiveFactory(partnership=partnership, title="500 households helped")
    PerformanceReviewFactory(partnership=partnership)
    AgreementFactory(partnership=partnership)  # a draft: the scrutiny committee does not see it yet

    body = api(scrutiny).get(detail(partnership)).json()

    assert body["reference"] == partnership.reference
    assert body["status"] == "active"
    assert body["partners"] == [{"organisation": member.organisation.name, "role": member.role}]
    assert [risk["risk_id"] for risk in body["risks"]] == ["R1"]
    assert [o["title"] for o in body["objectives"]] == ["500 households helped"]
    assert len(body["reviews"]) == 1
    assert body["agreements"] == []
    assert set(body["allowed_transitions"]) == {"under_review", "exiting"}


def test_legal_see_the_draft_agreement_the_committee_does_not(api, legal, partnership):
    AgreementFactory(partnership=partnership)
    body = api(legal).get(detail(partnership)).json()
    assert [(a["version_number"], a["status"]) for a in body["agreements"]] == [(1, "draft")]


def test_the_list_takes_the_register_lists_filters_and_is_paginated(api, officer, partnership):
    ProposedPartnershipFactory(name="Youth music hub", lead_officer=officer)
    client = api(officer)

    everything = client.get(LIST).json()
    assert everything["count"] == 2
    proposed = client.get(LIST, {"status": "proposed"}).json()
    assert [p["name"] for p in proposed["results"]] == ["Youth music hub"]
    found = client.get(LIST, {"q": "music"}).json()
    assert [p["name"] for p in found["results"]] == ["Youth music hub"]
    page = client.get(LIST, {"page_size": 1}).json()
    assert len(page["results"]) == 1 and page["next"]
    assert client.get(LIST, {"status": "no-such-status"}).status_code == 400


def test_listing_costs_the_same_queries_for_many_partnerships(api, scrutiny, django_assert_max_num_queries):
    for _ in range(8):
        p = ActivePartnershipFactory()
        PartnershipMemberFactory(partnership=p)
        RiskEntryFactory(partnership=p)
        PerformanceReviewFactory(partnership=p)
        AgreementFactory(partnership=p)
    client = api(scrutiny)
    with django_assert_max_num_queries(14):
        assert client.get(LIST).status_code == 200


def test_the_list_shows_the_committee_only_issued_agreements(api, scrutiny, legal, partnership):
    AgreementFactory(partnership=partnership)  # a draft: legal see it, the committee does not
    listed = {user: api(user).get(LIST).json()["results"][0]["agreements"] for user in (scrutiny, legal)}
    assert listed[scrutiny] == [] and [a["status"] for a in listed[legal]] == ["draft"]


def test_the_list_gives_25_partnerships_a_page_unless_asked_for_more(api, scrutiny):
    for _ in range(26):
        ActivePartnershipFactory()
    client = api(scrutiny)
    assert len(client.get(LIST).json()["results"]) == 25
    assert len(client.get(LIST, {"page_size": 26}).json()["results"]) == 26


def test_the_lead_officer_changes_their_partnership_and_a_stale_change_is_refused(api, officer, partnership):
    client = api(officer)
    read = client.get(detail(partnership)).json()

    changed = client.patch(detail(partnership), {"purpose": "Better care", "lock_version": read["lock_version"]})
    assert changed.status_code == 200, changed.json()
    partnership.refresh_from_db()
    assert partnership.purpose == "Better care"

    stale = client.patch(detail(partnership), {"purpose": "Overwritten", "lock_version": read["lock_version"]})
    assert stale.status_code == 409
    partnership.refresh_from_db()
    assert partnership.purpose == "Better care"

    unversioned = client.patch(detail(partnership), {"purpose": "Blind"})
    assert unversioned.status_code == 400 and "lock_version" in unversioned.json()


def test_the_web_forms_checks_apply(api, officer, partnership):
    response = api(officer).patch(
        detail(partnership),
        {"start_date": "2026-04-01", "end_date": "2025-04-01", "lock_version": partnership.lock_version},
    )
    assert response.status_code == 400
    assert response.json()["end_date"] == ["End date must be the same as or after the start date"]


def test_an_officer_adds_a_partnership(api, officer, directorate):
    response = api(officer).post(
        LIST,
        {
            "name": "Dementia friendly towns",
            "partnership_type": "strategic_alliance",
            "directorate": directorate.pk,
            "lead_officer": officer.pk,
        },
        format="json",
    )
    assert response.status_code == 201, response.json()
    created = Partnership.objects.get(name="Dementia friendly towns")
    assert created.status == Status.PROPOSED and created.created_by == officer
    assert response.json()["reference"] == created.reference


def test_readers_and_outsiders_cannot_change_it(api, scrutiny, outsider, partnership):
    for user in (scrutiny, outsider):
        response = api(user).patch(detail(partnership), {"purpose": "No", "lock_version": partnership.lock_version})
        assert response.status_code == 403
    partnership.refresh_from_db()
    assert partnership.purpose != "No"


def test_a_lifecycle_move_records_who_and_why(api, officer, partnership):
    response = api(officer).post(move(partnership), {"to_status": "under_review", "note": "Annual review"})
    assert response.status_code == 200
    assert response.json()["status"] == "under_review"
    entry = partnership.transitions.get()
    assert (entry.by, entry.note, entry.to_status) == (officer, "Annual review", "under_review")


def test_a_move_the_lifecycle_forbids_is_refused_with_reasons(api, officer, partnership):
    response = api(officer).post(move(partnership), {"to_status": "closed"})
    assert response.status_code == 409
    assert response.json() == {"reasons": ["A partnership that is active cannot move to closed."]}
    partnership.refresh_from_db()
    assert partnership.status == Status.ACTIVE


def test_gate_reasons_are_passed_on(api, officer, partnership, monkeypatch):
    """Governance gates raise a TransitionNotAllowed carrying `.reasons`: the API shows each one."""

    def blocked(self, to_status, by=None, note=""):
        refusal = TransitionNotAllowed(self.status, to_status)
        refusal.reasons = ["Record a health check first", "Name an approver"]
        raise refusal

    monkeypatch.setattr(Partnership, "transition", blocked)
    response = api(officer).post(move(partnership), {"to_status": "under_review"})
    assert response.status_code == 409
    assert response.json()["reasons"] == ["Record a health check first", "Name an approver"]


def test_a_stale_lock_version_stops_a_move(api, officer, partnership):
    response = api(officer).post(move(partnership), {"to_status": "under_review", "lock_version": 0})
    assert response.status_code == 409
    partnership.refresh_from_db()
    assert partnership.status == Status.ACTIVE


def test_the_lead_officer_is_one_kind_or_the_other_as_on_the_web_form(api, officer, partnership):
    client = api(officer)
    both = client.patch(
        detail(partnership),
        {"lead_officer": officer.pk, "lead_officer_name": "Pat Jones", "lock_version": partnership.lock_version},
    )
    assert both.status_code == 400 and "not both" in both.json()["lead_officer"][0]

    named = client.patch(
        detail(partnership),
        {
            "lead_officer_name": "Pat Jones",
            "lead_officer_email": "pat@example.org",
            "lock_version": partnership.lock_version,
        },
    )
    assert named.status_code == 200, named.json()
    partnership.refresh_from_db()
    assert (partnership.lead_officer, partnership.lead_officer_name) == (None, "Pat Jones")

    user_again = client.patch(
        detail(partnership), {"lead_officer": officer.pk, "lock_version": partnership.lock_version}
    )
    assert user_again.status_code == 200, user_again.json()
    partnership.refresh_from_db()
    assert (partnership.lead_officer, partnership.lead_officer_name, partnership.lead_officer_email) == (
        officer,
        "",
        "",
    )
