"""The partnership lifecycle: which status may follow which, in one place."""

from .choices import Status

TRANSITIONS = {
    Status.PROPOSED: (Status.ASSESSED, Status.REJECTED),
    Status.ASSESSED: (Status.APPROVED, Status.REJECTED, Status.PROPOSED),
    Status.APPROVED: (Status.ACTIVE, Status.REJECTED),
    Status.ACTIVE: (Status.UNDER_REVIEW, Status.EXITING),
    Status.UNDER_REVIEW: (Status.ACTIVE, Status.EXITING),
    Status.EXITING: (Status.CLOSED, Status.ACTIVE),
    Status.CLOSED: (),
    Status.REJECTED: (Status.PROPOSED,),
}

# Statuses in which the council is committed to the partnership (used for compliance checks).
LIVE = (Status.ACTIVE, Status.UNDER_REVIEW, Status.EXITING)

# Statuses in which the partnership's story is over: no reviews fall due and only administrators edit.
ENDED = (Status.CLOSED, Status.REJECTED)

# Moves on the ordinary path, whose evidence is recorded elsewhere (the assessment, the decision
# record, the review): every other move needs a note saying why it was made.
ROUTINE = {
    (Status.PROPOSED, Status.ASSESSED),
    (Status.ASSESSED, Status.APPROVED),
    (Status.APPROVED, Status.ACTIVE),
    (Status.ACTIVE, Status.UNDER_REVIEW),
    (Status.UNDER_REVIEW, Status.ACTIVE),
}

# The verb an officer sees on the button that moves a partnership into each status.
ACTIONS = {
    Status.PROPOSED: "Reopen as a proposal",
    Status.ASSESSED: "Mark as assessed",
    Status.APPROVED: "Approve",
    Status.ACTIVE: "Make active",
    Status.UNDER_REVIEW: "Move to under review",
    Status.EXITING: "Begin exit",
    Status.CLOSED: "Close",
    Status.REJECTED: "Reject",
}


class TransitionNotAllowed(Exception):
    def __init__(self, from_status, to_status):
        self.from_status, self.to_status = Status(from_status), Status(to_status)
        super().__init__(
            f"A partnership that is {self.from_status.label.lower()} cannot move to {self.to_status.label.lower()}."
        )


class TransitionBlocked(TransitionNotAllowed):
    """The move is on the lifecycle, but the partnership lacks what it needs (`reasons`, in plain English)."""

    def __init__(self, from_status, to_status, reasons):
        super().__init__(from_status, to_status)
        self.reasons = list(reasons)
        self.args = (f"{ACTIONS[self.to_status]}: " + " ".join(self.reasons),)


def needs_note(from_status, to_status):
    return (Status(from_status), Status(to_status)) not in ROUTINE


def allowed_next(status):
    return TRANSITIONS[Status(status)]


def check(from_status, to_status):
    if Status(to_status) not in TRANSITIONS[Status(from_status)]:
        raise TransitionNotAllowed(from_status, to_status)
