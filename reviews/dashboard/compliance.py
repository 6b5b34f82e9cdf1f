"""Compliance gaps: the governance the partnership framework expects of every live partnership.

Each rule is a queryset condition (a `Q`), so the same rule counts a gap on the dashboard
(`Count(filter=...)`), lists the partnerships behind it and prints them in the committee report.
The rules apply to live partnerships (register.lifecycle.LIVE) in scope of the framework:
contractual arrangements are recorded but are not expected to have assessments or agreements.
"""

import datetime
import functools
import operator
from collections.abc import Callable
from dataclasses import dataclass

from django.db.models import BooleanField, Count, Exists, ExpressionWrapper, F, OuterRef, Q, Subquery
from django.db.models.functions import Coalesce

from agreements.models import AgreementStatus, PartnershipAgreement
from assessments.models import TO_PROCEED, PartnershipAssessment
from register import lifecycle
from register.choices import PartnershipType, Significance, Status
from register.models import ClosureEvaluation, DueDiligenceCheck, DueDiligenceItem, Partnership, RiskEntry
from register.models.due_diligence import SETTLED
from reviews.models import Objective, ObjectiveStatus

# Live partnerships: the council is committed to them now.
LIVE = Q(status__in=lifecycle.LIVE)
# The partnerships the rules apply to: live ones in scope of the framework.
IN_SCOPE = ~Q(partnership_type=PartnershipType.CONTRACTUAL)
ELIGIBLE = LIVE & IN_SCOPE

AGREED = (AgreementStatus.APPROVED, AgreementStatus.SIGNED)


def _lacks(queryset):
    """No related row in `queryset`: `NOT IN (SELECT partnership_id ...)`, not a correlated NOT EXISTS.

    The dashboard counts every gap in one aggregate (`COUNT(*) FILTER (WHERE ...)`), where
    PostgreSQL cannot turn NOT EXISTS into an anti-join: it ran one subquery per partnership per
    gap, and the estimated cost switched on JIT compilation (most of a second at 20,000
    partnerships). The uncorrelated form is worked out once, as a hashed subplan, on both
    databases. `partnership_id` is never NULL, so NOT IN means the same as NOT EXISTS here.
    """
    return ~Q(pk__in=queryset.values("partnership_id").distinct())


class ExistsForEachRow(Exists):
    """`EXISTS`, asked for each row the query reads, on PostgreSQL as on SQLite.

    PostgreSQL may plan an `EXISTS` on an equality as a hashed list of every related row, built
    before the first row is read: cheaper for a whole table, but a page of 50 partnerships then
    waits for lists of every assessment, agreement, risk and objective (80 ms at 20,000; 4 ms asked
    row by row). `OFFSET 0` is the usual fence that keeps a subquery as written.
    """

    template = "EXISTS(%(subquery)s OFFSET 0)"


def _lacks_per_row(queryset):
    """No related row in `queryset`, looked up for each partnership by its index (`NOT EXISTS`): for a
    few partnerships (a page), where building the whole of every `NOT IN` list costs far more."""
    return ~Q(ExistsForEachRow(queryset.filter(partnership_id=OuterRef("pk"))))


def _due_diligence_settled():
    """Partnerships whose every active due diligence check is done or not needed (one subquery)."""
    active_items = (
        DueDiligenceItem.objects.filter(active=True).order_by().values("active").annotate(n=Count("pk")).values("n")
    )
    return (
        DueDiligenceCheck.objects.filter(status__in=SETTLED, item__active=True)
        .order_by()
        .values("partnership_id")
        .annotate(settled=Count("pk"))
        .filter(settled__gte=Coalesce(Subquery(active_items), 0))
    )


def _decision_recorded():
    return (
        PartnershipAssessment.objects.filter(decision__in=TO_PROCEED, decision_date__isnull=False)
        .exclude(decision_body="")
        .exclude(decision_reference="")
    )


@dataclass(frozen=True)
class Gap:
    key: str
    title: str
    description: str
    rule: Callable[..., Q]  # (today, lacks=_lacks): `lacks` says how "no related row" is asked

    def condition(self, today, lacks=_lacks):
        """The gap as a condition on partnerships, with `today` the date it is judged at."""
        return ELIGIBLE & self.rule(today, lacks)


GAPS = (
    Gap(
        "no_assessment",
        "No assessment",
        "Live partnerships with no partnership assessment recorded.",
        lambda today, lacks=_lacks: lacks(PartnershipAssessment.objects.all()),
    ),
    Gap(
        "no_agreement",
        "No approved or signed agreement",
        "Live partnerships without a partnership agreement that legal have approved or that has been signed.",
        lambda today, lacks=_lacks: lacks(PartnershipAgreement.objects.filter(status__in=AGREED)),
    ),
    Gap(
        "no_risk_entry",
        "No risk register",
        "Live partnerships with no entries on their risk register.",
        lambda today, lacks=_lacks: lacks(RiskEntry.objects.all()),
    ),
    Gap(
        "review_not_in_date",
        "No review in date",
        "Live partnerships whose next review is overdue or has never been scheduled.",
        lambda today, lacks=_lacks: Q(next_review_due__isnull=True) | Q(next_review_due__lt=today),
    ),
    Gap(
        "no_objectives",
        "No SMART objectives",
        "Live partnerships with no objectives recorded (withdrawn objectives do not count).",
        lambda today, lacks=_lacks: lacks(Objective.objects.exclude(status=ObjectiveStatus.WITHDRAWN)),
    ),
    Gap(
        "past_end_date",
        "End date passed but still live",
        "Partnerships whose end date has passed but which are still active, under review or exiting.",
        lambda today, lacks=_lacks: Q(end_date__lt=today),
    ),
    # Governance the register runs (issue 13): live partnerships that predate a gate show its gap.
    Gap(
        "no_exit_strategy",
        "No exit strategy",
        "Live partnerships with no exit strategy recorded.",
        lambda today, lacks=_lacks: Q(exit_strategy=""),
    ),
    Gap(
        "no_closure_evaluation",
        "Exiting without a closure evaluation",
        "Partnerships being wound up that have no closure evaluation yet.",
        lambda today, lacks=_lacks: Q(status=Status.EXITING) & lacks(ClosureEvaluation.objects.all()),
    ),
    Gap(
        "due_diligence_outstanding",
        "Due diligence outstanding",
        "High-significance live partnerships with due diligence checks not yet done or found not needed.",
        lambda today, lacks=_lacks: Q(significance=Significance.HIGH) & lacks(_due_diligence_settled()),
    ),
    Gap(
        "significance_overridden",
        "Significance overridden",
        "Live partnerships whose significance was set by hand, not by the criteria (the reason is on the record).",
        lambda today, lacks=_lacks: ~Q(significance_scored="") & ~Q(significance=F("significance_scored")),
    ),
    Gap(
        "no_decision_record",
        "Approved without a decision record",
        "Live partnerships with no recorded decision to proceed, decision maker, date and minute reference.",
        lambda today, lacks=_lacks: lacks(_decision_recorded()),
    ),
)

BY_KEY = {gap.key: gap for gap in GAPS}


def get(key):
    """The gap called `key`, or None."""
    return BY_KEY.get(key)


def _reads_other_records(gap):
    """Whether the rule looks at records other than the partnership (asks `lacks`)."""
    asked = []
    gap.rule(datetime.date.min, lambda queryset: asked.append(queryset) or Q())
    return bool(asked)


# The rules on the partnership's own columns first: the database stops at the first rule a partnership
# breaks, so it reads other records (the slow part) only for partnerships with none of these gaps.
CHEAP_FIRST = sorted(GAPS, key=_reads_other_records)


def any_gap(today, per_row=False):
    """Partnerships with at least one gap.

    `per_row`: for a list rather than an aggregate. Nearly every live partnership breaks one of the
    rules on its own columns, so asking the other records of the few that do not, one by one, costs
    less than building every rule's whole list (SQLite, 20,000: the count 24 → 10 ms, a page 17 → 4 ms).
    """
    lacks = _lacks_per_row if per_row else _lacks
    return ELIGIBLE & functools.reduce(operator.or_, (gap.rule(today, lacks) for gap in CHEAP_FIRST))


def with_gap(partnerships, key, today):
    return partnerships.filter(BY_KEY[key].condition(today))


def annotate_gaps(partnerships, today, per_row=False):
    """Each partnership with a boolean `gap_<key>` per rule, worked out in the same query.

    `per_row`: look each partnership's related records up by index, for a few partnerships (a page).
    """
    lacks = _lacks_per_row if per_row else _lacks
    return partnerships.annotate(
        **{
            f"gap_{gap.key}": ExpressionWrapper(gap.condition(today, lacks), output_field=BooleanField())
            for gap in GAPS
        }
    )


def gaps_by_partnership(partnerships, today):
    """{pk: [Gap]} for these partnerships (a page of them): one query, each rule looked up per row."""
    ids = [partnership.pk for partnership in partnerships]
    rows = annotate_gaps(Partnership.objects.filter(pk__in=ids).only("pk"), today, per_row=True) if ids else []
    return {row.pk: gaps_of(row) for row in rows}


def gaps_of(partnership):
    """The gaps of a partnership fetched with `annotate_gaps`."""
    return [gap for gap in GAPS if getattr(partnership, f"gap_{gap.key}")]
