"""Opening a round, telling lead officers, reminding them, and the progress by directorate and officer."""

import datetime
import uuid
from collections import defaultdict

from django.conf import settings
from django.core.mail import send_mail
from django.db import IntegrityError, models, transaction
from django.db.models import Count, Q
from django.template.loader import render_to_string
from django_tasks import task

from partnerships.jobs.enqueue import enqueue
from register.choices import Significance
from register.models import Partnership

from .models import AssuranceReturn, AssuranceRound, ReturnStatus, RoundEmail, RoundReminder

OPENED, CHASE = "opened", "chase"


def default_partnerships():
    """Every live partnership of high or medium significance."""
    return Partnership.objects.live().filter(significance__in=[Significance.HIGH, Significance.MEDIUM])


def open_round(name, deadline, partnerships, by=None, reminder_days="14,7,1", notify=True):
    """Create the round and its returns (in bulk), and queue the email to each lead officer (unless
    `notify` is off). `partnerships` is a queryset (only its keys are read) or any iterable of them."""
    if isinstance(partnerships, models.QuerySet):
        keys = partnerships.order_by().values_list("pk", flat=True)
    else:
        keys = [partnership.pk for partnership in partnerships]
    with transaction.atomic():
        assurance_round = AssuranceRound.objects.create(
            name=name, deadline=deadline, reminder_days=reminder_days, opened_by=by
        )
        AssuranceReturn.objects.bulk_create(
            [AssuranceReturn(round=assurance_round, partnership_id=key) for key in keys], batch_size=1000
        )
        if notify:
            enqueue(email_lead_officers, assurance_round.pk, OPENED)
    return assurance_round


def chase(assurance_round, officer=None):
    """Queue a chase of every lead officer with returns outstanding (or only `officer`, a user id).
    Returns how many officers it will email."""
    outstanding = assurance_round.returns.exclude(status=ReturnStatus.RETURNED).exclude(
        Q(partnership__lead_officer__isnull=True) | Q(partnership__lead_officer__email="")
    )
    if officer is not None:
        outstanding = outstanding.filter(partnership__lead_officer=officer)
    officers = outstanding.values("partnership__lead_officer").distinct().count()
    if officers:
        enqueue(email_lead_officers, assurance_round.pk, f"{CHASE} {uuid.uuid4().hex}", officer=officer)
    return officers


def returns_by_officer(assurance_round, outstanding_only=False):
    """{officer: [return, ...]} for returns whose partnership has a lead officer with a login."""
    returns = assurance_round.returns.filter(partnership__lead_officer__isnull=False).select_related(
        "partnership__lead_officer"
    )
    if outstanding_only:
        returns = returns.exclude(status=ReturnStatus.RETURNED)
    grouped = defaultdict(list)
    for assurance_return in returns.order_by("partnership__reference"):
        grouped[assurance_return.partnership.lead_officer].append(assurance_return)
    return grouped


def _send(officer, returns, assurance_round, template, **extra):
    if not officer.email:
        return False
    context = {
        "officer": officer,
        "name": officer.get_full_name() or officer.get_username(),
        "returns": returns,
        "round": assurance_round,
        "site_url": settings.SITE_URL.rstrip("/"),
        **extra,
    }
    plural = "s" if len(returns) != 1 else ""
    deadline = f"{assurance_round.deadline:%d %B %Y}"
    subject = f"Assurance round {assurance_round.name}: {len(returns)} return{plural} due by {deadline}"
    send_mail(subject, render_to_string(template, context), None, [officer.email])
    return True


def notify_officers(assurance_round, key, officers=None):
    """One email per lead officer listing all their returns (only those outstanding, for a chase), each
    recorded under `key` so that running this again never sends one twice. Returns how many were sent."""
    template = "reviews/assurance/email/round_opened.txt" if key == OPENED else "reviews/assurance/email/chase.txt"
    sent = 0
    for officer, returns in returns_by_officer(assurance_round, outstanding_only=key != OPENED).items():
        if officers is not None and officer.pk not in officers:
            continue
        try:
            with transaction.atomic():
                RoundEmail.objects.create(round=assurance_round, officer=officer, key=key)
                if not _send(officer, returns, assurance_round, template):
                    transaction.set_rollback(True)
                    continue
        except IntegrityError:
            continue  # sent by an earlier run of the same task
        sent += 1
    return sent


@task()
def email_lead_officers(round_id, key, officer=None):
    """The background task that opening or chasing a round queues, so the administrator's request never
    waits for the mail server: `notify_officers` for the round (or only `officer`, a user id) under `key`."""
    assurance_round = AssuranceRound.objects.filter(pk=round_id).first()
    if assurance_round is None:
        return 0
    return notify_officers(assurance_round, key, officers=None if officer is None else {officer})


def send_round_reminders(today, log=print):
    """For each open round, remind officers with returns outstanding on the round's reminder days.

    A reminder for a given round, officer and number of days is recorded, so running the command
    again (or the day after a missed run) never sends it twice.
    """
    sent = 0
    for assurance_round in AssuranceRound.objects.open().filter(deadline__gte=today):
        days_left = (assurance_round.deadline - today).days
        due = [day for day in assurance_round.reminder_day_list if day >= days_left]
        if not due:
            continue
        days_before = min(due)  # the latest reminder that has come round
        for officer, returns in returns_by_officer(assurance_round, outstanding_only=True).items():
            name = officer.get_full_name() or officer.get_username()
            try:
                with transaction.atomic():
                    RoundReminder.objects.create(round=assurance_round, officer=officer, days_before=days_before)
                    if not _send(
                        officer, returns, assurance_round, "reviews/assurance/email/reminder.txt", days_left=days_left
                    ):
                        log(f"Not sent to {name}: no email address.")
                        transaction.set_rollback(True)
                        continue
            except IntegrityError:
                log(f"{assurance_round.name}: the {days_before}-day reminder was already sent to {name}.")
                continue
            sent += 1
            log(f"{assurance_round.name}: sent the {days_before}-day reminder to {name} ({len(returns)} returns).")
    return sent


def progress(assurance_round):
    """Counts by status overall, and rows per directorate and per officer."""
    returns = list(
        assurance_round.returns.select_related("partnership__directorate", "partnership__lead_officer").order_by(
            "partnership__reference"
        )
    )

    def counts(rows):
        tally = dict.fromkeys(ReturnStatus.values, 0)
        for row in rows:
            tally[row.status] += 1
        return tally

    by_directorate, by_officer = defaultdict(list), defaultdict(list)
    for row in returns:
        by_directorate[str(row.partnership.directorate or "No directorate")].append(row)
        by_officer[row.partnership.lead_officer].append(row)
    return {
        "total": counts(returns),
        "directorates": sorted((name, counts(rows)) for name, rows in by_directorate.items()),
        "officers": sorted(
            ((officer, counts(rows), rows) for officer, rows in by_officer.items()),
            key=lambda item: (item[0] is None, str(item[0] and (item[0].get_full_name() or item[0].username))),
        ),
        "returns": returns,
    }


def open_rounds_at_a_glance():
    """Open rounds, soonest deadline first, each with its returns counted by status (one query):
    `returned`, `in_progress` (sent back ones included: they are with the officer again),
    `not_started` and `total`."""
    by_status = {
        "returned": Q(returns__status=ReturnStatus.RETURNED),
        "in_progress": Q(returns__status__in=[ReturnStatus.IN_PROGRESS, ReturnStatus.SENT_BACK]),
        "not_started": Q(returns__status=ReturnStatus.NOT_STARTED),
    }
    counts = {name: Count("returns", filter=condition) for name, condition in by_status.items()}
    return AssuranceRound.objects.open().annotate(total=Count("returns"), **counts).order_by("deadline", "pk")


def open_tasks(user):
    """The returns a lead officer has still to send, for their home page."""
    return (
        AssuranceReturn.objects.filter(round__closed_at__isnull=True, partnership__lead_officer=user)
        .exclude(status=ReturnStatus.RETURNED)
        .select_related("round", "partnership")
        .order_by("round__deadline", "partnership__reference")
    )


def is_late(assurance_return, today=None):
    today = today or datetime.date.today()
    return assurance_return.status != ReturnStatus.RETURNED and assurance_return.round.deadline < today
