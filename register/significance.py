"""Significance worked out from the criteria an administrator keeps (register.models.significance).

`score(partnership)` adds up the points of every criterion that holds and returns the level those
points reach, with a reason per criterion, so the partnership page can say why. `apply(partnership)`
stores the scored level; the effective `Partnership.significance` is the scored one unless an
override with a reason says otherwise; the review frequency follows the level.
"""

from dataclasses import dataclass, field
from decimal import Decimal

from .choices import CouncilRole, PartnershipType
from .models import Measure, SignificanceCriterion, SignificanceLevel

# What scoring changes on a partnership.
SCORED_FIELDS = [
    "significance",
    "significance_scored",
    "significance_override_reason",
    "review_frequency",
    "updated_at",
]


@dataclass
class Score:
    points: int = 0
    level: str = ""
    reasons: list = field(default_factory=list)  # [(criterion name, holds, points)]


def _holds(criterion, partnership, facts):
    threshold = criterion.threshold if criterion.threshold is not None else Decimal(0)
    return {
        Measure.ANNUAL_VALUE: lambda: facts["annual_value"] >= threshold,
        Measure.STATUTORY: lambda: partnership.partnership_type == PartnershipType.STATUTORY,
        Measure.SERIOUS_IF_FAILED: lambda: bool(partnership.serious_if_failed),
        Measure.CORPORATE_PRIORITY: lambda: facts["priorities"] > 0,
        Measure.PARTNER_COUNT: lambda: facts["partners"] >= threshold,
        Measure.ACCOUNTABLE_BODY: lambda: partnership.council_role == CouncilRole.ACCOUNTABLE_BODY,
    }[criterion.measure]()


def score(partnership):
    """The partnership's points, level and reasons under the criteria and levels now in force."""
    if not partnership.pk:
        return Score()
    members = list(partnership.memberships.all())
    totals = partnership.contribution_totals(members)
    facts = {
        "annual_value": totals["annual"] + totals["in_kind"],
        "partners": len(members),
        "priorities": partnership.priorities.count(),
    }
    result = Score()
    for criterion in SignificanceCriterion.objects.filter(active=True):
        holds = _holds(criterion, partnership, facts)
        result.reasons.append((criterion.name, holds, criterion.points))
        result.points += criterion.points if holds else 0
    level = SignificanceLevel.objects.filter(min_points__lte=result.points).order_by("-min_points").first()
    result.level = level.level if level else ""
    return result


def apply(partnership, override="", reason=""):
    """Score the partnership and save its scored and effective levels and its review frequency.

    `override` (a level) with `reason` keeps a level other than the scored one; without them the
    scored level is the effective one.
    """
    result = score(partnership)
    partnership.significance_scored = result.level
    if override and override != result.level:
        partnership.significance, partnership.significance_override_reason = override, reason
    else:
        partnership.significance, partnership.significance_override_reason = result.level, ""
    level = SignificanceLevel.objects.filter(level=partnership.significance).first()
    if level:
        partnership.review_frequency = level.review_frequency
    return result


def rescore(partnership):
    """Score again after the facts changed (money, partners, type), keeping any override and its reason.

    A partnership never scored keeps the level it was given by hand until someone scores it.
    """
    if not partnership.significance_scored:
        return
    override = partnership.significance if partnership.significance_overridden else ""
    apply(partnership, override, partnership.significance_override_reason)
    partnership.save(update_fields=SCORED_FIELDS)
