"""Remedial actions from the improvements a lead officer proposes on their return.

`RemedialActionQuerySet.raise_from(assurance_return)` (reviews/assurance/models.py) does it: when
the return is sent, each improvement (one per line of the answers in the "Improvements
proposed" section) becomes a remedial action owned by the lead officer and due
`round.action_due_months` after sending; the owner and the date can be changed afterwards. Sending
is the moment because the lead officer has then committed to the improvements, and the
administrator sees them as actions beside the return when confirming its rating.

Sending again after the return was sent back adds only the new improvements (one action per
return and wording, a unique constraint, so a double click cannot add two either), and removes the
actions for improvements no longer proposed that nobody has started or edited.
"""

import re

BULLET = re.compile(r"^\s*(?:[-*•–]|\d+[.)])\s*")
NOTHING = {"none", "n/a", "na", "no", "nothing", "-"}
LONGEST = 1000  # characters of one improvement kept as the action's wording (the return keeps it all)


def improvements(answers):
    """The improvements in `answers` (texts, in question order): one per non-empty line, without repeats."""
    found = []
    for answer in answers:
        for line in answer.splitlines():
            text = BULLET.sub("", line).strip()[:LONGEST]
            if text and text.lower().rstrip(".") not in NOTHING and text not in found:
                found.append(text)
    return found
