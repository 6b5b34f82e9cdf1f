"""Remedial actions from the improvements a lead officer proposes on their return.

When the return is sent, each improvement (one per line of the answers in the "Improvements
proposed" section) becomes a remedial action owned by the lead officer and due
`round.action_due_months` after sending; the owner and the date can be changed afterwards. Sending
is the moment because the lead officer has then committed to the improvements, and the
administrator sees them as actions beside the return when confirming its rating.

Sending again after the return was sent back adds only the new improvements (one action per
return and wording, a unique constraint, so a double click cannot add two either), and removes the
actions for improvements no longer proposed that nobody has started or edited.
"""

import re

from django.utils import timezone

from register.dates import add_months

from .models import ActionStatus, QuestionSection, RemedialAction

BULLET = re.compile(r"^\s*(?:[-*•–]|\d+[.)])\s*")
NOTHING = {"none", "n/a", "na", "no", "nothing", "-"}
LONGEST = 1000  # characters of one improvement kept as the action's wording (the return keeps it all)


def improvements(assurance_return):
    """The improvements proposed on the return, one per non-empty line, in order, without repeats."""
    answers = assurance_return.answers.filter(question__section=QuestionSection.IMPROVEMENTS).order_by(
        "question__order", "question_id"
    )
    found = []
    for answer in answers.values_list("answer", flat=True):
        for line in answer.splitlines():
            text = BULLET.sub("", line).strip()[:LONGEST]
            if text and text.lower().rstrip(".") not in NOTHING and text not in found:
                found.append(text)
    return found


def raise_actions(assurance_return, today=None):
    """Make the return's improvements remedial actions (see the module's docstring). Returns the new ones."""
    today = today or timezone.localdate()
    proposed = improvements(assurance_return)
    raised = RemedialAction.objects.filter(from_return=assurance_return)
    raised.exclude(description__in=proposed).filter(status=ActionStatus.OPEN, progress="", lock_version=1).delete()
    existing = set(raised.values_list("description", flat=True))
    partnership, assurance_round = assurance_return.partnership, assurance_return.round
    new = [
        RemedialAction(
            partnership=partnership,
            raised_in=assurance_round,
            from_return=assurance_return,
            description=text,
            owner=partnership.lead_officer_display or "Lead officer",
            due_date=add_months(today, assurance_round.action_due_months),
        )
        for text in proposed
        if text not in existing
    ]
    # A second request sending the same return at the same moment meets the unique constraint: skipped.
    RemedialAction.objects.bulk_create(new, ignore_conflicts=True)
    return new
