"""What the assurance round puts on an officer's home page."""

from .models import RemedialAction
from .rounds import open_tasks


def assurance_context(user, today):
    return {
        "assurance_returns": list(open_tasks(user)),
        "overdue_actions": list(
            RemedialAction.objects.overdue(today).filter(partnership__lead_officer=user).select_related("partnership")
        ),
    }
