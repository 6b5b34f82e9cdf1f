"""Gates on evidence the assessment holds (see register/gates.py): the case and the decision record."""

from register.choices import Status
from register.gates import gate
from register.models import Partnership

from .models import PartnershipAssessment


def assessment_of(partnership):
    """The partnership's assessment or None: the one read with the partnership if it was (the partnership
    page reads it for its assessment panel), otherwise read afresh."""
    if Partnership.assessment.is_cached(partnership):
        return getattr(partnership, "assessment", None)  # None cached: a missing one raises an AttributeError
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
