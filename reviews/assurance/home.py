"""What the assurance round puts on an officer's home page."""

from django.db.models import Count, Subquery, Value
from django.db.models.functions import Coalesce

from .models import AssuranceRound, RemedialAction
from .rounds import open_tasks


def assurance_context(user, today):
    return {
        "assurance_returns": list(open_tasks(user)),
        "overdue_actions": list(
            RemedialAction.objects.overdue(today).filter(partnership__lead_officer=user).select_related("partnership")
        ),
    }


def assurance_dashboard_context(today):
    """The latest round and the overdue remedial actions across the register, in one query that reads
    no partnership rows (the dashboard's partnership figures are cached). Actions need a round, so
    with no round there are none."""
    overdue = (
        RemedialAction.objects.overdue(today)
        .order_by()  # the default ordering would join the GROUP BY (PostgreSQL refuses it)
        .annotate(group=Value(1))
        .values("group")
        .annotate(count=Count("pk"))
        .values("count")
    )
    latest = (
        AssuranceRound.objects.order_by("-deadline").annotate(overdue_actions=Coalesce(Subquery(overdue), 0)).first()
    )
    return {"latest_round": latest, "overdue_action_count": latest.overdue_actions if latest else 0}
