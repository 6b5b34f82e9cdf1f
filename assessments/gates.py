"""Gates on evidence the assessment holds (see register/gates.py): the case and the decision record."""

from register.choices import Status
from register.gates import gate

from .models import PartnershipAssessment


def assessment_of(partnership):
    return PartnershipAssessment.objects.filter(partnership=partnership).first()


@gate(Status.ASSESSED, in_scope_only=True)
def assessment_complete(partnership, by):
    assessment = assessment_of(partnership)
    if assessment is None:
        return ["Record the partnership assessment."]
    reasons = []
    if not assessment.why_partnership.strip():
        reasons.append("Explain in the assessment why a partnership is the best route.")
    if not assessment.alternatives_considered.strip():
        reasons.append("Record the options considered in the assessment.")
    if missing := [label for label, done in assessment.checklist_status() if not done]:
        reasons.append(f"Answer the fact-finding checklist: {', '.join(missing)}.")
    if not assessment.recommendation.strip():
        reasons.append("Record the recommendation in the assessment.")
    return reasons


@gate(Status.APPROVED)
def decision_record(partnership, by):
    assessment = assessment_of(partnership)
    if assessment is None:
        return ["Record the partnership assessment and its decision record."]
    return assessment.decision_record_gaps()
