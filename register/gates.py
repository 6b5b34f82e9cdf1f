"""Gates: what a partnership needs before each move along its lifecycle.

A gate is a small function `(partnership, by) -> list[str]` returning, in plain English, what is
still missing (an empty list when the gate is passed). `blockers(partnership, to_status, by)`
collects every reason a move is blocked; `Partnership.transition()` refuses a move with
`register.lifecycle.TransitionBlocked` carrying those reasons, and the partnership page shows them
before anyone presses the button ("To approve, you still need: ...").

The register is the ground floor and imports nothing from the other apps. The gates on evidence
those apps own (the assessment and its decision record, the agreement, objectives, lessons) live
beside that evidence, in `assessments/gates.py`, `agreements/gates.py` and `reviews/gates.py`,
registered from each app's AppConfig.ready() with the same `@gate` decorator. Every gate of the
project is listed in order by `all_gates()`.

A partnership that is already live when a gate is introduced is not moved back: gates only
decide moves, and the gaps of live partnerships show on the compliance dashboard.
"""

from collections.abc import Callable
from dataclasses import dataclass

from . import lifecycle
from .choices import PartnershipType, RiskStatus, Significance, Status


@dataclass(frozen=True)
class Gate:
    name: str
    to_status: Status
    check: Callable  # (partnership, by) -> list[str]
    from_status: Status | None = None  # None: the gate applies to every move into `to_status`
    in_scope_only: bool = False  # contractual (out-of-scope) arrangements skip this gate

    def applies(self, partnership, to_status):
        return (
            self.to_status == to_status
            and (self.from_status is None or self.from_status == partnership.status)
            and (partnership.in_scope or not self.in_scope_only)
        )


_gates = {}


def gate(to_status, *, from_status=None, in_scope_only=False):
    """Register the decorated function as a gate on moves into `to_status` (from `from_status`)."""

    def decorator(check):
        name = f"{check.__module__}.{check.__name__}"
        _gates[name] = Gate(name, Status(to_status), check, Status(from_status) if from_status else None, in_scope_only)
        return check

    return decorator


def all_gates():
    return list(_gates.values())


NOTE_NEEDED = "Give a reason for this move in the note."


def blockers(partnership, to_status, by=None, note=None):
    """Plain-English reasons `partnership` cannot move to `to_status` now; empty when it can.

    `by` is the person making the move (None for the system: approver checks are then skipped).
    `note` is checked only when given: moves that are not routine need a reason.
    """
    to_status = Status(to_status)
    if to_status not in lifecycle.allowed_next(partnership.status):
        return [str(lifecycle.TransitionNotAllowed(partnership.status, to_status))]
    reasons = [
        reason
        for each in _gates.values()
        if each.applies(partnership, to_status)
        for reason in each.check(partnership, by)
    ]
    if note is not None and not note.strip() and lifecycle.needs_note(partnership.status, to_status):
        reasons.append(NOTE_NEEDED)
    return reasons


def pending(partnership, by=None):
    """{status: reasons} for each move open to the partnership now (the page's "you still need")."""
    return {status: blockers(partnership, status, by) for status in partnership.allowed_transitions()}


# -- the register's own gates -------------------------------------------------------------------


@gate(Status.ASSESSED)
def scope_screening(partnership, by):
    from .models.scope import screening

    complete, _in_scope, _against = screening(partnership)
    return [] if complete else ["Answer the scope screening questions."]


@gate(Status.ASSESSED)
def statutory_basis(partnership, by):
    if partnership.partnership_type == PartnershipType.STATUTORY and not partnership.statutory_basis.strip():
        return ["Name the statutory basis (the Act and section) of this statutory partnership."]
    return []


@gate(Status.APPROVED)
def risk_register(partnership, by):
    if partnership.risks.exists():
        return []
    return ["Add at least one risk to the risk register."]


@gate(Status.APPROVED)
def separation_of_duties(partnership, by):
    """Approval is made by an approver (a director or register administrator) who does not lead it."""
    if by is None or by.has_perm("register.approve_partnership", partnership):
        return []
    if partnership.lead_officer_id == by.pk:
        return ["Someone with the Approver role who does not lead this partnership must approve it."]
    return ["Someone with the Approver role (a director or a register administrator) must approve it."]


@gate(Status.ACTIVE, from_status=Status.APPROVED)
def due_diligence(partnership, by):
    """High-significance partnerships go live only once every due diligence check is settled."""
    if partnership.significance != Significance.HIGH:
        return []
    if outstanding := partnership.outstanding_due_diligence():
        return [f"Finish the due diligence: {', '.join(item.name for item in outstanding)}."]
    return []


@gate(Status.EXITING)
def exit_strategy(partnership, by):
    return [] if partnership.exit_strategy.strip() else ["Record the exit strategy in the partnership's details."]


@gate(Status.CLOSED)
def closure_evaluation(partnership, by):
    evaluation = getattr(partnership, "closure_evaluation", None)
    if evaluation is None:
        return ["Complete the closure evaluation."]
    if missing := evaluation.missing():
        return [f"Finish the closure evaluation: {', '.join(label.lower() for label in missing)}."]
    return []


@gate(Status.CLOSED)
def risks_closed(partnership, by):
    still_open = [risk.risk_id for risk in partnership.risks.all() if risk.status == RiskStatus.OPEN]
    if not still_open:
        return []
    return [f"Close or transfer the open risks: {', '.join(still_open)}."]
