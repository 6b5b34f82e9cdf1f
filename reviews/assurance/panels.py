"""The "Assurance" panel on the partnership page (registered in ReviewsConfig.ready): its returns by
round, with status and rating, and the remedial actions still to do. Two queries, however many rows."""

from django.utils import timezone

from .models import RemedialAction

CHANGE_ACTION = "reviews.change_action"


def assurance_panel_context(partnership, user):
    returns = list(partnership.assurance_returns.select_related("round").order_by("-round__deadline", "-round_id"))
    actions = list(RemedialAction.objects.outstanding().filter(partnership=partnership).select_related("raised_in"))
    for action in actions:
        action.partnership = partnership  # the rules read it: no query per row
    today = timezone.localdate()
    return {
        "assurance_returns": returns,
        "open_actions": [
            (action, action.is_overdue(today), user.has_perm(CHANGE_ACTION, action)) for action in actions
        ],
    }
