"""The lifecycle gates: each rule blocks its move with a plain-English reason until the evidence is there."""

import datetime

import pytest

from agreements.models import AgreementStatus
from register import gates
from register.choices import PartnershipType, RiskStatus, Status
from register.lifecycle import TransitionBlocked, TransitionNotAllowed
from tests.factories import (
    AgreementWaiverFactory,
    ApprovedAgreementFactory,
    ApprovedPartnershipFactory,
    AssessedPartnershipFactory,
    AssessmentFactory,
    ClosureEvaluationFactory,
    ExitingPartnershipFactory,
    LessonFactory,
    ObjectiveFactory,
    ProposedPartnershipFactory,
    RiskEntryFactory,
    SignedAgreementFactory,
    answer_scope_screening,
)

pytestmark = pytest.mark.django_db


def reasons(partnership, to_status, by=None, **kwargs):
    return gates.blockers(partnership, to_status, by, **kwargs)


def mentions(found, words):
    return any(words.lower() in reason.lower() for reason in found)


def screened(**kwargs):
    """A proposal whose scope screening says it is a partnership."""
    partnership = ProposedPartnershipFactory(**kwargs)
    answer_scope_screening(partnership)
    return partnership


# -- proposed -> assessed -----------------------------------------------------------------------
class TestAssessed:
    def test_needs_an_assessment(self, officer):
        partnership = screened(lead_officer=officer)
        assert reasons(partnership, Status.ASSESSED) == ["Record the partnership assessment."]

    def test_needs_the_scope_screening_answered(self, officer):
        partnership = ProposedPartnershipFactory(lead_officer=officer)
        AssessmentFactory(partnership=partnership)
        assert reasons(partnership, Status.ASSESSED) == ["Answer the scope screening questions."]
        answer_scope_screening(partnership, as_a_partnership=False)  # answered, whatever the result
        assert reasons(partnership, Status.ASSESSED) == []

    def test_a_statutory_partnership_names_its_statutory_basis(self):
        partnership = screened(partnership_type=PartnershipType.STATUTORY, statutory_basis=" ")
        AssessmentFactory(partnership=partnership)
        assert reasons(partnership, Status.ASSESSED) == [
            "Name the statutory basis (the Act and section) of this statutory partnership."
        ]
        partnership.statutory_basis = "Children Act 2004, s10"
        assert reasons(partnership, Status.ASSESSED) == []

    @pytest.mark.parametrize(
        ("blank", "words"),
        [
            ({"why_partnership": ""}, "why a partnership"),
            ({"alternatives_considered": ""}, "options considered"),
            ({"swot_threats": ""}, "fact-finding checklist: SWOT"),
            ({"legal_basis": "", "evidence_of_impact": ""}, "Legal basis, Evidence of impact"),
            ({"recommendation": ""}, "recommendation"),
        ],
    )
    def test_each_part_of_the_case_is_needed(self, blank, words):
        partnership = screened()
        AssessmentFactory(partnership=partnership, **blank)
        found = reasons(partnership, Status.ASSESSED)
        assert len(found) == 1 and mentions(found, words), found

    def test_a_complete_assessment_passes(self, officer):
        partnership = screened(lead_officer=officer)
        AssessmentFactory(partnership=partnership)
        assert reasons(partnership, Status.ASSESSED) == []
        partnership.assess(by=officer)
        assert partnership.status == Status.ASSESSED

    def test_a_contractual_arrangement_needs_no_partnership_assessment(self):
        partnership = screened(partnership_type=PartnershipType.CONTRACTUAL)
        assert reasons(partnership, Status.ASSESSED) == []


# -- assessed -> approved -----------------------------------------------------------------------
@pytest.fixture
def ready_to_approve(officer):
    partnership = AssessedPartnershipFactory(lead_officer=officer)
    AssessmentFactory(partnership=partnership)
    RiskEntryFactory(partnership=partnership)
    return partnership


class TestApproved:
    @pytest.mark.parametrize(
        ("change", "words"),
        [
            ({"decision": "pending"}, "decision to proceed"),
            ({"decision": "do_not_proceed"}, "decision to proceed"),
            ({"decision_body": ""}, "who made the decision"),
            ({"decision_date": None}, "date of the decision"),
            ({"decision_reference": " "}, "minute or decision reference"),
        ],
    )
    def test_the_decision_record_must_be_complete(self, ready_to_approve, approver, change, words):
        type(ready_to_approve.assessment).objects.filter(pk=ready_to_approve.assessment.pk).update(**change)
        ready_to_approve.refresh_from_db()
        found = reasons(ready_to_approve, Status.APPROVED, approver)
        assert len(found) == 1 and mentions(found, words), found

    def test_a_decision_with_conditions_is_a_decision_to_proceed(self, ready_to_approve, approver):
        ready_to_approve.assessment.decision = "conditions"
        ready_to_approve.assessment.save()
        assert reasons(ready_to_approve, Status.APPROVED, approver) == []

    def test_needs_a_risk_register_entry(self, ready_to_approve, approver):
        ready_to_approve.risks.all().delete()
        assert reasons(ready_to_approve, Status.APPROVED, approver) == ["Add at least one risk to the risk register."]

    def test_the_lead_officer_cannot_approve_their_own_partnership(self, ready_to_approve, officer):
        found = reasons(ready_to_approve, Status.APPROVED, officer)
        assert found == ["Someone with the Approver role who does not lead this partnership must approve it."]
        with pytest.raises(TransitionBlocked) as refused:
            ready_to_approve.approve(by=officer)
        assert refused.value.reasons == found
        ready_to_approve.refresh_from_db()
        assert ready_to_approve.status == Status.ASSESSED and not ready_to_approve.transitions.exists()

    def test_an_officer_cannot_approve_a_colleagues_partnership(self, ready_to_approve, colleague):
        assert mentions(reasons(ready_to_approve, Status.APPROVED, colleague), "Approver role (a director")

    def test_an_approver_who_leads_it_cannot_approve_it_either(self, ready_to_approve, approver):
        ready_to_approve.lead_officer = approver
        ready_to_approve.save()
        assert mentions(reasons(ready_to_approve, Status.APPROVED, approver), "does not lead this partnership")

    def test_an_approver_approves_once_the_evidence_is_there(self, ready_to_approve, approver):
        ready_to_approve.approve(by=approver)
        move = ready_to_approve.transitions.get()
        assert (ready_to_approve.status, move.by) == (Status.APPROVED, approver)

    def test_a_register_administrator_may_approve(self, ready_to_approve, admin_user):
        assert reasons(ready_to_approve, Status.APPROVED, admin_user) == []

    def test_every_reason_is_given_at_once(self, officer):
        partnership = AssessedPartnershipFactory(lead_officer=officer)
        found = reasons(partnership, Status.APPROVED, officer)
        assert len(found) == 3  # no decision record, no risk, and not the lead officer


# -- approved -> active -------------------------------------------------------------------------
@pytest.fixture
def approved(officer):
    partnership = ApprovedPartnershipFactory(lead_officer=officer)
    ObjectiveFactory(partnership=partnership)
    return partnership


class TestActive:
    AGREEMENT = (
        "Have legal approve the agreement (or record its signing), or ask an approver to waive it with a reason."
    )

    def test_needs_an_agreement_in_force_or_a_waiver(self, approved, officer):
        assert reasons(approved, Status.ACTIVE, officer) == [self.AGREEMENT]

    def test_a_draft_agreement_is_not_enough(self, approved, officer):
        ApprovedAgreementFactory(partnership=approved, status=AgreementStatus.DRAFT)
        assert reasons(approved, Status.ACTIVE, officer) == [self.AGREEMENT]

    @pytest.mark.parametrize("factory", [ApprovedAgreementFactory, SignedAgreementFactory])
    def test_an_approved_or_signed_agreement_passes(self, approved, officer, factory):
        factory(partnership=approved)
        assert reasons(approved, Status.ACTIVE, officer) == []

    def test_an_approvers_waiver_passes(self, approved, officer, approver):
        AgreementWaiverFactory(partnership=approved, granted_by=approver)
        approved.activate(by=officer)
        assert approved.status == Status.ACTIVE

    def test_a_contractual_arrangement_needs_no_partnership_agreement(self, officer):
        partnership = ApprovedPartnershipFactory(lead_officer=officer, partnership_type=PartnershipType.CONTRACTUAL)
        ObjectiveFactory(partnership=partnership)
        assert reasons(partnership, Status.ACTIVE, officer) == []

    def test_needs_a_smart_objective(self, approved, officer):
        AgreementWaiverFactory(partnership=approved)
        approved.objectives.update(status="withdrawn")
        assert reasons(approved, Status.ACTIVE, officer) == ["Set at least one SMART objective."]

    def test_coming_back_from_a_review_is_not_gated(self, officer):
        partnership = ExitingPartnershipFactory(lead_officer=officer, status=Status.UNDER_REVIEW)
        assert reasons(partnership, Status.ACTIVE, officer) == []


# -- active -> exiting -> closed ----------------------------------------------------------------
class TestExitingAndClosed:
    def test_beginning_an_exit_needs_an_exit_strategy(self, partnership, officer):
        partnership.exit_strategy = "  "
        assert reasons(partnership, Status.EXITING, officer) == [
            "Record the exit strategy in the partnership's details."
        ]
        partnership.exit_strategy = "Hand the service back to the NHS trust."
        assert reasons(partnership, Status.EXITING, officer) == []

    @pytest.fixture
    def exiting(self, officer):
        partnership = ExitingPartnershipFactory(lead_officer=officer)
        ClosureEvaluationFactory(partnership=partnership)
        LessonFactory(partnership=partnership)
        return partnership

    def test_a_partnership_with_everything_closes(self, exiting, officer):
        RiskEntryFactory(partnership=exiting, status=RiskStatus.CLOSED)
        RiskEntryFactory(partnership=exiting, status=RiskStatus.TRANSFERRED)
        SignedAgreementFactory(partnership=exiting, status=AgreementStatus.ENDED)
        exiting.close(by=officer, note="Funding ended; final report noted by the board.")
        exiting.refresh_from_db()
        assert exiting.status == Status.CLOSED
        assert exiting.next_review_due is None  # no more reviews

    def test_closing_needs_the_closure_evaluation(self, exiting, officer):
        exiting.closure_evaluation.delete()
        exiting = type(exiting).objects.get(pk=exiting.pk)
        assert reasons(exiting, Status.CLOSED, officer) == ["Complete the closure evaluation."]

    def test_an_unfinished_closure_evaluation_says_what_is_left(self, exiting, officer):
        exiting.closure_evaluation.data = ""
        exiting.closure_evaluation.value_for_money = ""
        assert reasons(exiting, Status.CLOSED, officer) == [
            "Finish the closure evaluation: value for money, what happens to data."
        ]

    def test_closing_needs_a_lesson_learnt(self, exiting, officer):
        exiting.lessons.all().delete()
        assert reasons(exiting, Status.CLOSED, officer) == ["Record at least one lesson learnt."]

    def test_open_risks_must_be_closed_or_transferred(self, exiting, officer):
        RiskEntryFactory(partnership=exiting, risk_id="R1")
        RiskEntryFactory(partnership=exiting, risk_id="R2", status=RiskStatus.TRANSFERRED)
        assert reasons(exiting, Status.CLOSED, officer) == ["Close or transfer the open risks: R1."]

    def test_the_agreement_in_force_must_be_marked_ended(self, exiting, officer):
        agreement = SignedAgreementFactory(partnership=exiting)
        assert reasons(exiting, Status.CLOSED, officer) == [
            "Mark the agreement in force as ended (terminated or expired)."
        ]
        agreement.end(by=officer, on=datetime.date(2026, 3, 31))
        assert agreement.ended_on == datetime.date(2026, 3, 31)
        assert reasons(exiting, Status.CLOSED, officer) == []


# -- notes --------------------------------------------------------------------------------------
class TestNotes:
    @pytest.mark.parametrize(
        ("start", "target"),
        [
            (Status.PROPOSED, Status.REJECTED),
            (Status.ASSESSED, Status.PROPOSED),
            (Status.REJECTED, Status.PROPOSED),
            (Status.EXITING, Status.ACTIVE),
        ],
    )
    def test_moves_off_the_ordinary_path_need_a_reason(self, officer, start, target):
        partnership = ProposedPartnershipFactory(lead_officer=officer, status=start)
        assert reasons(partnership, target, officer, note="  ") == [gates.NOTE_NEEDED]
        with pytest.raises(TransitionBlocked):
            partnership.transition(target, by=officer)
        partnership.transition(target, by=officer, note="The partners withdrew their funding.")
        assert partnership.status == target

    def test_routine_moves_need_no_note(self, partnership, officer):
        assert reasons(partnership, Status.UNDER_REVIEW, officer, note="") == []
        partnership.start_review(by=officer)
        assert partnership.status == Status.UNDER_REVIEW


def test_a_move_off_the_lifecycle_is_its_own_reason(partnership):
    assert reasons(partnership, Status.PROPOSED) == ["A partnership that is active cannot move to proposed."]


def test_blocked_is_a_kind_of_not_allowed_so_callers_catch_one_exception(officer):
    partnership = screened(lead_officer=officer)
    with pytest.raises(TransitionNotAllowed) as refused:
        partnership.assess(by=officer)
    assert getattr(refused.value, "reasons", None) == ["Record the partnership assessment."]


def test_pending_lists_what_each_open_move_needs(officer):
    partnership = screened(lead_officer=officer)
    assert gates.pending(partnership, officer) == {
        Status.ASSESSED: ["Record the partnership assessment."],
        Status.REJECTED: [],
    }


def test_history_brought_in_from_elsewhere_is_recorded_without_the_gates(officer):
    partnership = ProposedPartnershipFactory(lead_officer=officer)
    partnership.record_past_transition(Status.ASSESSED, by=officer, note="From the toolkit")
    assert partnership.status == Status.ASSESSED
    with pytest.raises(TransitionNotAllowed):
        partnership.record_past_transition(Status.CLOSED)
