"""What stops a partnership moving to a status: plain-English reasons, one list per move.

A placeholder so the task list can say what the next lifecycle gate needs. The governance
work (issue 13) replaces this module with the real gates; the signature stays the same.
"""


def blockers(partnership, to_status, by=None):
    """[reason] why `partnership` may not move to `to_status` (by `by`); empty when it may."""
    return []
