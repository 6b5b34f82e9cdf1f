"""The governance pages: what a move still needs shows before the button, the server refuses a
blocked move, approvers approve, and ended partnerships are read-only records."""

import pytest
from django.urls import reverse

from register.choices import Status
from register.models import AgreementWaiver, ClosureEvaluation
from tests.factories import (
    AssessedPartnershipFactory,
    AssessmentFactory,
    ClosedPartnershipFactory,
    ExitingPartnershipFactory,
    RiskEntryFactory,
)

pytestmark = pytest.mark.django_db


def move(partnership, status):
    return reverse("register:transition", args=[partnership.reference, status])


@pytest.fixture
def assessed(officer, directorate):
    partnership = AssessedPartnershipFactory(lead_officer=officer, directorate=directorate)
    RiskEntryFactory(partnership=partnership)
    return partnership


class TestBeforeTheButton:
    def test_the_page_lists_what_approval_still_needs(self, client_for, officer, assessed):
        page = client_for(officer).get(assessed.get_absolute_url()).content.decode()
        assert "To approve, you still need to:" in page
        assert "Record the partnership assessment and its decision record." in page
        assert "Someone with the Approver role who does not lead this partnership must approve it." in page
        assert move(assessed, Status.APPROVED) not in page  # no button for a blocked move
        assert move(assessed, Status.REJECTED) in page

    def test_an_approver_sees_the_approve_button_once_the_evidence_is_there(self, client_for, approver, assessed):
        AssessmentFactory(partnership=assessed)
        page = client_for(approver).get(assessed.get_absolute_url()).content.decode()
        assert "you still need" not in page
        assert move(assessed, Status.APPROVED) in page
        assert move(assessed, Status.REJECTED) not in page  # approvers approve; officers run the rest
        assert "Edit details and partners" not in page


class TestTheServerEnforces:
    def test_a_blocked_move_is_refused_with_its_reasons(self, client_for, officer, assessed):
        client = client_for(officer)
        page = client.get(move(assessed, Status.APPROVED)).content.decode()
        assert "You cannot approve this partnership yet" in page and "<form" not in page.split('id="main-content"')[1]
        response = client.post(move(assessed, Status.APPROVED), {"note": "x", "lock_version": assessed.lock_version})
        assert response.status_code == 409
        assert "Record the partnership assessment and its decision record." in response.content.decode()
        assessed.refresh_from_db()
        assert assessed.status == Status.ASSESSED

    def test_the_lead_officer_cannot_approve_even_with_the_evidence(self, client_for, officer, assessed):
        AssessmentFactory(partnership=assessed)
        response = client_for(officer).post(move(assessed, Status.APPROVED), {"lock_version": assessed.lock_version})
        assert response.status_code == 409
        assessed.refresh_from_db()
        assert assessed.status == Status.ASSESSED

    def test_an_approver_approves(self, client_for, approver, assessed):
        AssessmentFactory(partnership=assessed)
        response = client_for(approver).post(
            move(assessed, Status.APPROVED), {"note": "Cabinet minute 42", "lock_version": assessed.lock_version}
        )
        assert response.status_code == 302
        assessed.refresh_from_db()
        assert assessed.status == Status.APPROVED
        assert assessed.transitions.get().by == approver

    def test_an_approver_makes_no_other_move(self, client_for, approver, assessed):
        response = client_for(approver).post(move(assessed, Status.REJECTED), {"note": "No", "lock_version": 1})
        assert response.status_code == 403

    def test_a_move_that_needs_a_reason_asks_for_one(self, client_for, officer, assessed):
        client = client_for(officer)
        page = client.get(move(assessed, Status.REJECTED)).content.decode()
        assert "Note</label>" in page.replace(" (optional)", "(optional)") and "Note (optional)" not in page
        response = client.post(move(assessed, Status.REJECTED), {"note": " ", "lock_version": assessed.lock_version})
        assert response.status_code == 200
        assert "Enter why the partnership is making this move" in response.content.decode()
        assessed.refresh_from_db()
        assert assessed.status == Status.ASSESSED

    def test_a_routine_move_marks_the_note_optional(self, client_for, officer, partnership):
        page = client_for(officer).get(move(partnership, Status.UNDER_REVIEW)).content.decode()
        assert "Note (optional)" in page


class TestGovernanceRecords:
    def test_an_approver_grants_an_agreement_waiver_with_a_reason(self, client_for, approver, officer, partnership):
        url = reverse("register:agreement_waiver", args=[partnership.reference])
        client = client_for(approver)
        assert "Enter why the agreement is waived" in client.post(url, {"reason": ""}).content.decode()
        assert client.post(url, {"reason": "Statutory board: terms of reference apply"}).status_code == 302
        waiver = AgreementWaiver.objects.get(partnership=partnership)
        assert (waiver.granted_by, waiver.reason) == (approver, "Statutory board: terms of reference apply")
        assert client_for(officer).post(url, {"reason": "My own waiver"}).status_code == 403

    def test_the_closure_evaluation_needs_every_answer(self, client_for, officer, directorate):
        partnership = ExitingPartnershipFactory(lead_officer=officer, directorate=directorate)
        url = reverse("register:closure_evaluation", args=[partnership.reference])
        client = client_for(officer)
        page = client.post(url, {"assets": "None held"}).content.decode()
        assert "Select whether the objectives were achieved" in page and "Enter what happens to data" in page
        assert not ClosureEvaluation.objects.exists()
        answers = {
            "objectives_achieved": "partly",
            "objectives_summary": "Four of five targets met",
            "value_for_money": "good",
            "assets": "None held",
            "staff": "Secondees return",
            "data": "Records returned to the council",
            "money": "Balance returned pro rata",
            "partners_told": "At the final board",
        }
        assert client.post(url, answers).status_code == 302
        evaluation = ClosureEvaluation.objects.get(partnership=partnership)
        assert evaluation.missing() == [] and evaluation.completed_by == officer
        page = client.get(partnership.get_absolute_url()).content.decode()
        assert "Completed" in page and "partly achieved" in page


class TestEndedPartnerships:
    def test_a_closed_partnership_shows_no_review_dates_and_no_edit_actions(self, client_for, officer, directorate):
        closed = ClosedPartnershipFactory(lead_officer=officer, directorate=directorate, next_review_due="2020-01-01")
        page = client_for(officer).get(closed.get_absolute_url()).content.decode()
        assert "Next review due" not in page and "Review overdue" not in page
        assert "Edit details and partners" not in page and "Add a risk" not in page
        assert (
            client_for(officer).get(reverse("register:partnership_update", args=[closed.reference])).status_code == 403
        )

    def test_an_administrator_may_still_correct_it(self, client_for, admin_user):
        closed = ClosedPartnershipFactory()
        page = client_for(admin_user).get(closed.get_absolute_url()).content.decode()
        assert "Edit details and partners" in page


class TestScopeScreening:
    def test_an_officer_answers_and_sees_the_result(self, client_for, officer, partnership):
        from register.models import ScopeQuestion

        url = reverse("register:scope_screening", args=[partnership.reference])
        client = client_for(officer)
        assert "Answer yes or no" in client.post(url, {}).content.decode()
        questions = list(ScopeQuestion.objects.all())
        answers = {f"q{q.pk}": str(q.partnership_answer) for q in questions}
        answers[f"q{questions[2].pk}"] = "True"  # "a contract let by tender": yes
        assert client.post(url, answers).status_code == 302
        page = client.get(url).content.decode()
        assert "Result: this arrangement is not a partnership." in page
        assert "Is it a contract for goods, works or services let by tender or quotation? Yes" in page


def test_a_statutory_partnership_must_name_its_statutory_basis(client_for, officer, partnership):
    from register.forms import PartnershipForm

    data = {**PartnershipForm(instance=partnership).initial, "partnership_type": "statutory", "statutory_basis": ""}
    form = PartnershipForm({**data, "lock_version": partnership.lock_version}, instance=partnership)
    assert not form.is_valid()
    assert form.errors["statutory_basis"] == ["Enter the statutory basis of this statutory partnership"]
