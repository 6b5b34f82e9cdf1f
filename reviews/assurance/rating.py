"""The rating rule: which conditions hold for a return, and the rating their points propose.

The conditions, their points and the thresholds are data (RatingCondition, RatingThreshold, loaded
from fixtures/assurance_rating.json and edited in the admin site); only what each check looks at is
code. The proposal reads like the committee report: "Limited: no current agreement; no risk register".
"""

from dataclasses import dataclass

from django.utils import timezone

from assessments.scoring import health_check_results
from register.choices import AssuranceRating

from ..dashboard import compliance
from .models import AnswerKind, QuestionSection, RatingCheck, RatingCondition, RatingThreshold, RemedialAction


@dataclass(frozen=True)
class Proposal:
    rating: str
    points: int
    reasons: list

    @property
    def label(self):
        return AssuranceRating(self.rating).label

    def __str__(self):
        if not self.reasons:
            return f"{self.label}: no concerns found"
        return f"{self.label}: {'; '.join(self.reasons)}"


def _gap_checks(partnership, today):
    """{gap key: whether the partnership has it}. One partnership: its related records are looked up
    by index (`per_row`), not through every rule's list over the whole register."""
    found = {gap.key for gap in compliance.gaps_by_partnership([partnership], today).get(partnership.pk, [])}
    return {gap.key: gap.key in found for gap in compliance.GAPS}


def holding(assurance_return, today=None):
    """{check: 1, or the list of things found} for the checks that hold. A list (the governance
    questions answered no) adds the condition's points once per item and names them in the reason."""
    today = today or timezone.localdate()
    partnership = assurance_return.partnership
    found = {key: 1 for key, holds in _gap_checks(partnership, today).items() if holds}
    answered_no = list(
        assurance_return.answers.filter(
            question__section=QuestionSection.GOVERNANCE, question__kind=AnswerKind.YES_NO, answer="no"
        ).values_list("question__text", flat=True)
    )
    if answered_no:
        found[RatingCheck.RETURN_ANSWERED_NO] = answered_no
    results = [result for result in health_check_results(partnership) if result.mean is not None]
    if results and sum(result.mean for result in results) / len(results) < 2.5:
        found[RatingCheck.HEALTH_LOW] = 1
    if any(result.spread >= 2 for result in results):
        found[RatingCheck.HEALTH_SPREAD] = 1
    if not assurance_return.invitations.filter(used_at__isnull=False).exists():
        found[RatingCheck.NO_PARTNER_VOICE] = 1
    if RemedialAction.objects.filter(partnership=partnership).overdue(today).exists():
        found[RatingCheck.ACTIONS_OVERDUE] = 1
    return found


def propose(assurance_return, today=None):
    """The rating the rule proposes, with its reasons in words."""
    found = holding(assurance_return, today)
    points, reasons = 0, []
    for condition in RatingCondition.objects.filter(active=True):
        found_here = found.get(condition.check_name)
        if not found_here:
            continue
        if isinstance(found_here, list):
            points += condition.points * len(found_here)
            reasons.append(f"{condition.reason}: " + "; ".join(f"“{item}”" for item in found_here))
        else:
            points += condition.points
            reasons.append(condition.reason)
    rating = AssuranceRating.NO_ASSURANCE
    for threshold in RatingThreshold.objects.all():
        if threshold.max_points is None or points <= threshold.max_points:
            rating = threshold.rating
            break
    return Proposal(rating=rating, points=points, reasons=reasons)


def refresh_proposal(assurance_return, today=None):
    proposal = propose(assurance_return, today)
    assurance_return.proposed_rating = proposal.rating
    assurance_return.proposed_reasons = proposal.reasons
    assurance_return.save(update_fields=["proposed_rating", "proposed_reasons", "updated_at"])
    return proposal
