"""A partnership's set-up as a GOV.UK task list, defined as data.

Each task is a title, the URL name of the page that does it (taking the partnership's
reference) and a function `status(partnership) -> TaskStatus`. Another app's task is one more
line in TASKS; status functions reach other apps' records through the partnership's related
names, so the register imports nothing from them.
"""

from collections.abc import Callable
from dataclasses import dataclass

from django.db import models
from django.urls import reverse

from . import gates, lifecycle
from .choices import Status
from .models.scope import screening


class TaskStatus(models.TextChoices):
    NOT_STARTED = "not_started", "Not started"
    IN_PROGRESS = "in_progress", "In progress"
    COMPLETED = "completed", "Completed"
    CANNOT_START = "cannot_start", "Cannot start yet"


NOT_STARTED, IN_PROGRESS, COMPLETED, CANNOT_START = TaskStatus


def filled(partnership, names):
    """COMPLETED when every named field has a value, IN_PROGRESS when some do."""
    values = [getattr(partnership, name) not in (None, "") for name in names]
    return COMPLETED if all(values) else IN_PROGRESS if any(values) else NOT_STARTED


def details_status(partnership):
    return filled(partnership, ["name", "partnership_type", "purpose"])


def leads_status(partnership):
    has_officer = partnership.lead_officer_id is not None or bool(partnership.lead_officer_name)
    if has_officer and partnership.directorate_id:
        return COMPLETED
    return IN_PROGRESS if has_officer or partnership.directorate_id else NOT_STARTED


def money_status(partnership):
    return filled(partnership, ["annual_contribution"])


def dates_status(partnership):
    return filled(partnership, ["start_date", "significance", "review_frequency"])


def partners_status(partnership):
    return COMPLETED if partnership.memberships.exists() else NOT_STARTED


def assessment_status(partnership):
    assessment = getattr(partnership, "assessment", None)
    if assessment is None:
        return NOT_STARTED
    return COMPLETED if assessment.recommendation and assessment.checklist_complete else IN_PROGRESS


def health_check_status(partnership):
    if not partnership.memberships.exists():
        return CANNOT_START
    return COMPLETED if partnership.health_checks.exists() else NOT_STARTED


def risks_status(partnership):
    return COMPLETED if partnership.risks.exists() else NOT_STARTED


def agreement_status(partnership):
    if not partnership.memberships.exists():
        return CANNOT_START
    statuses = set(partnership.agreements.values_list("status", flat=True))
    if statuses & {"approved", "signed"}:
        return COMPLETED
    return IN_PROGRESS if statuses else NOT_STARTED


def scope_status(partnership):
    complete, _, _ = screening(partnership)
    if complete:
        return COMPLETED
    return IN_PROGRESS if partnership.scope_answers.exists() else NOT_STARTED


def significance_status(partnership):
    return COMPLETED if partnership.significance_scored else NOT_STARTED


def decision_status(partnership):
    assessment = getattr(partnership, "assessment", None)
    if assessment is None:
        return CANNOT_START
    recorded = [assessment.decision != "pending", assessment.decision_date, assessment.decision_reference]
    return COMPLETED if all(recorded) else IN_PROGRESS if any(recorded) else NOT_STARTED


def due_diligence_status(partnership):
    if not partnership.outstanding_due_diligence():
        return COMPLETED
    return IN_PROGRESS if partnership.due_diligence.exists() else NOT_STARTED


def objectives_status(partnership):
    return COMPLETED if partnership.objectives.exists() else NOT_STARTED


@dataclass(frozen=True)
class Task:
    title: str
    url_name: str
    status: Callable
    hint: str = ""


TASKS = [
    Task("Partnership details", "register:partnership_section_details", details_status, "Name, purpose and type"),
    Task("Who leads it", "register:partnership_section_leads", leads_status, "Directorate, lead officer and member"),
    Task("Partners", "register:partnership_partners", partners_status, "The other organisations and their roles"),
    Task("Money", "register:partnership_section_money", money_status, "Contributions, in kind and income"),
    Task(
        "Dates, significance and review",
        "register:partnership_section_dates",
        dates_status,
        "When it runs and how often it is reviewed",
    ),
    Task("Scope screening", "register:scope_screening", scope_status, "Is this arrangement a partnership at all?"),
    Task("Significance", "register:significance", significance_status, "Scored from the council's criteria"),
    Task("Partnership assessment", "assessments:assessment", assessment_status, "Why a partnership, and the options"),
    Task("Decision record", "assessments:decision", decision_status, "Who decided to proceed, when, and the minute"),
    Task("Health check", "assessments:health_check_create", health_check_status, "Each partner's answers"),
    Task("Risks", "register:risk_create", risks_status, "The risk register entries"),
    Task("Due diligence", "register:due_diligence", due_diligence_status, "Procurement, data protection, insurance..."),
    Task("SMART objectives", "reviews:objective_create", objectives_status, "What it will achieve, and by when"),
    Task("Partnership agreement", "agreements:current", agreement_status, "Drafted, then approved by legal"),
]


@dataclass(frozen=True)
class TaskRow:
    title: str
    hint: str
    url: str
    status: TaskStatus


def task_rows(partnership, tasks=None):
    """[TaskRow] for the partnership, in task list order."""
    return [
        TaskRow(task.title, task.hint, reverse(task.url_name, args=[partnership.reference]), task.status(partnership))
        for task in (TASKS if tasks is None else tasks)
    ]


# The move the set-up works towards from each status (the lifecycle's forward step).
FORWARD = {Status.PROPOSED: Status.ASSESSED, Status.ASSESSED: Status.APPROVED, Status.APPROVED: Status.ACTIVE}


def next_gate(partnership, by=None):
    """(status, button label, [blocker]) for the next forward move, or None once set up."""
    to_status = FORWARD.get(Status(partnership.status))
    if to_status is None or to_status not in lifecycle.allowed_next(partnership.status):
        return None
    return to_status, lifecycle.ACTIONS[to_status], gates.blockers(partnership, to_status, by=by)
