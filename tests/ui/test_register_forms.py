"""Creating and editing partnerships and partners, risks and lifecycle moves."""

import datetime

import pytest
from django.urls import reverse

from register.choices import PartnershipType, Status
from register.models import Partnership, RiskEntry
from tests.factories import PartnershipMemberFactory, RiskEntryFactory

pytestmark = pytest.mark.django_db


def errors(response):
    """The messages in the page's error summary, to explain a failed submission."""
    return response.context.get("error_summary") if response.context else None


CREATE = reverse("register:partnership_create")


def date_fields(name, day):
    return {f"{name}_0": str(day.day), f"{name}_1": str(day.month), f"{name}_2": str(day.year)}


def partnership_data(officer, directorate, partners=(), **overrides):
    data = {
        "name": "Northmoor Food Partnership",
        "purpose": "Tackle food poverty together.",
        "partnership_type": PartnershipType.COMMUNITY_VCSE,
        "directorate": str(directorate.pk),
        "lead_officer_kind": "account",
        "lead_officer": str(officer.pk),
        "annual_contribution": "£12,500",
        "review_frequency": "annual",
        **date_fields("start_date", datetime.date(2026, 4, 1)),
        "partners-TOTAL_FORMS": str(max(len(partners), 2)),
        "partners-INITIAL_FORMS": "0",
        "partners-MIN_NUM_FORMS": "0",
        "partners-MAX_NUM_FORMS": "1000",
    }
    for index, (name, role) in enumerate(partners):
        data[f"partners-{index}-organisation_name"] = name
        data[f"partners-{index}-role"] = role
    data.update(overrides)
    return data


class TestCreatePartnership:
    """The short first page of "Add a partnership"; the set-up tasks are in tests/register/test_task_list.py."""

    def test_officer_adds_a_partnership_and_lands_on_its_task_list(self, client_for, officer, directorate):
        response = client_for(officer).post(CREATE, partnership_data(officer, directorate))
        assert response.status_code == 302, errors(response)
        partnership = Partnership.objects.get(name="Northmoor Food Partnership")
        assert response.url == reverse("register:partnership_tasks", args=[partnership.reference])
        assert partnership.reference == "NCC-0001"
        assert partnership.status == Status.PROPOSED
        assert partnership.created_by == officer and partnership.lead_officer == officer
        assert partnership.directorate == directorate

    def test_shows_plain_english_errors_in_an_error_summary(self, client_for, officer, directorate):
        data = partnership_data(officer, directorate, name="", partnership_type="")
        response = client_for(officer).post(CREATE, data)
        page = response.content.decode()
        assert response.status_code == 200
        assert "There is a problem" in page
        assert "Enter the partnership name" in page
        assert "Select the type of partnership" in page
        assert 'href="#id_name"' in page
        assert not Partnership.objects.exists()

    def test_contractual_needs_a_reason(self, client_for, officer, directorate):
        data = partnership_data(officer, directorate, partnership_type=PartnershipType.CONTRACTUAL)
        page = client_for(officer).post(CREATE, data).content.decode()
        assert "Enter why this contractual arrangement is out of scope" in page

    @pytest.mark.parametrize("role", ["scrutiny", "legal"])
    def test_only_officers_and_admins_may_create(self, client_for, role, request, directorate, officer):
        client = client_for(request.getfixturevalue(role))
        assert client.get(CREATE).status_code == 403
        assert client.post(CREATE, partnership_data(officer, directorate)).status_code == 403
        assert not Partnership.objects.exists()

    def test_admin_may_create(self, client_for, admin_user, officer, directorate):
        response = client_for(admin_user).post(CREATE, partnership_data(officer, directorate))
        assert response.status_code == 302


class TestEditPartnership:
    def url(self, partnership):
        return reverse("register:partnership_update", args=[partnership.reference])

    def existing_data(self, partnership, officer, **overrides):
        member = partnership.memberships.get()
        data = partnership_data(
            officer,
            partnership.directorate,
            name="Renamed Partnership",
            lock_version=str(partnership.lock_version),
            **{
                "partners-TOTAL_FORMS": "2",
                "partners-INITIAL_FORMS": "1",
                "partners-0-id": str(member.pk),
                "partners-0-organisation_name": member.organisation.name,
                "partners-0-role": member.role,
            },
        )
        data.update(overrides)
        return data

    def test_lead_officer_edits_and_removes_a_partner(self, client_for, officer, partnership):
        PartnershipMemberFactory(partnership=partnership)
        data = self.existing_data(partnership, officer, **{"partners-0-DELETE": "on"})
        response = client_for(officer).post(self.url(partnership), data)
        assert response.status_code == 302, errors(response)
        partnership.refresh_from_db()
        assert partnership.name == "Renamed Partnership"
        assert not partnership.memberships.exists()
        assert partnership.history.first().history_user == officer

    def test_a_stale_form_is_refused_not_saved(self, client_for, officer, partnership):
        PartnershipMemberFactory(partnership=partnership)
        data = self.existing_data(partnership, officer)
        partnership.save_checked(partnership.lock_version)  # someone else saved meanwhile
        response = client_for(officer).post(self.url(partnership), data)
        assert response.status_code == 409
        assert "changed this partnership since you opened it" in response.content.decode()
        partnership.refresh_from_db()
        assert partnership.name != "Renamed Partnership"

    def test_reference_cannot_be_changed(self, client_for, officer, partnership):
        PartnershipMemberFactory(partnership=partnership)
        reference = partnership.reference
        client_for(officer).post(self.url(partnership), self.existing_data(partnership, officer, reference="HACK-1"))
        partnership.refresh_from_db()
        assert partnership.reference == reference

    @pytest.mark.parametrize("role", ["scrutiny", "outsider", "legal"])
    def test_others_may_not_edit(self, client_for, role, request, officer, partnership):
        PartnershipMemberFactory(partnership=partnership)
        client = client_for(request.getfixturevalue(role))
        assert client.get(self.url(partnership)).status_code == 403
        assert client.post(self.url(partnership), self.existing_data(partnership, officer)).status_code == 403

    def test_colleague_in_same_directorate_may_edit(self, client_for, colleague, partnership):
        assert client_for(colleague).get(self.url(partnership)).status_code == 200


class TestRisks:
    def data(self, **overrides):
        return {
            "description": "Funding from the ICB ends",
            "category": "financial",
            "owner": "Pat Finance",
            "likelihood": "4",
            "impact": "5",
            "residual_likelihood": "2",
            "residual_impact": "3",
            "status": "open",
            **date_fields("review_date", datetime.date.today() + datetime.timedelta(days=60)),
            **overrides,
        }

    def test_add_a_risk_gets_the_next_id_and_scores(self, client_for, officer, partnership):
        RiskEntryFactory(partnership=partnership, risk_id="R1")
        url = reverse("register:risk_create", args=[partnership.reference])
        response = client_for(officer).post(url, self.data())
        assert response.status_code == 302, errors(response)
        risk = partnership.risks.get(description="Funding from the ICB ends")
        assert risk.risk_id == "R2"
        assert (risk.inherent, risk.inherent_band, risk.residual, risk.residual_band) == (20, "high", 6, "medium")

    def test_invalid_risk(self, client_for, officer, partnership):
        url = reverse("register:risk_create", args=[partnership.reference])
        page = client_for(officer).post(url, self.data(description="", likelihood="9", residual_impact="")).content
        page = page.decode()
        assert "Describe the risk" in page
        assert "Select likelihood from the list" in page
        assert "Select both residual likelihood and residual impact, or neither" in page
        assert not RiskEntry.objects.exists()

    def test_update_a_risk_with_locking(self, client_for, officer, partnership):
        risk = RiskEntryFactory(partnership=partnership)
        url = reverse("register:risk_update", args=[partnership.reference, risk.pk])
        client = client_for(officer)
        assert client.get(url).status_code == 200
        response = client.post(url, self.data(risk_id=risk.risk_id, lock_version=str(risk.lock_version), owner="New"))
        assert response.status_code == 302, errors(response)
        risk.refresh_from_db()
        assert risk.owner == "New"
        stale = client.post(url, self.data(risk_id=risk.risk_id, lock_version="1", owner="Stale"))
        assert stale.status_code == 409
        risk.refresh_from_db()
        assert risk.owner == "New"

    def test_risk_of_another_partnership_is_404(self, client_for, officer, partnership):
        other = RiskEntryFactory()
        url = reverse("register:risk_update", args=[partnership.reference, other.pk])
        assert client_for(officer).get(url).status_code == 404

    def test_scrutiny_cannot_add_risks(self, client_for, scrutiny, partnership):
        url = reverse("register:risk_create", args=[partnership.reference])
        assert client_for(scrutiny).post(url, self.data()).status_code == 403
        assert not RiskEntry.objects.exists()


class TestTransition:
    def url(self, partnership, status):
        return reverse("register:transition", args=[partnership.reference, status])

    def test_confirmation_page_then_move_with_note(self, client_for, officer, partnership):
        client = client_for(officer)
        page = client.get(self.url(partnership, Status.UNDER_REVIEW)).content.decode()
        assert "Move to under review: are you sure?" in page and "Active" in page and "Under review" in page
        response = client.post(
            self.url(partnership, Status.UNDER_REVIEW),
            {"note": "Annual review", "lock_version": partnership.lock_version},
        )
        assert response.status_code == 302
        partnership.refresh_from_db()
        assert partnership.status == Status.UNDER_REVIEW
        move = partnership.transitions.get()
        assert (move.by, move.note) == (officer, "Annual review")

    def test_disallowed_moves_are_refused_clearly(self, client_for, officer, partnership):
        client = client_for(officer)
        assert "You cannot make this move" in client.get(self.url(partnership, Status.PROPOSED)).content.decode()
        response = client.post(self.url(partnership, Status.CLOSED), {"lock_version": partnership.lock_version})
        assert response.status_code == 409
        assert "cannot move to closed" in response.content.decode()
        partnership.refresh_from_db()
        assert partnership.status == Status.ACTIVE

    def test_unknown_status_is_404(self, client_for, officer, partnership):
        assert client_for(officer).get(self.url(partnership, "flying")).status_code == 404

    def test_scrutiny_gets_403(self, client_for, scrutiny, partnership):
        response = client_for(scrutiny).post(self.url(partnership, Status.UNDER_REVIEW), {"lock_version": "1"})
        assert response.status_code == 403
        partnership.refresh_from_db()
        assert partnership.status == Status.ACTIVE
