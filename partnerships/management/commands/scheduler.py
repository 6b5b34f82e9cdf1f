"""The project's clock: puts the daily work on the task queue, so no one has to set up cron.

    manage.py scheduler          # run beside the worker; enqueues each daily task once a day at DAILY_AT
    manage.py scheduler --once   # enqueue the daily tasks now and exit (for cron or a platform scheduler)

Running two schedulers, or enqueuing twice in a day, sends nothing twice: the reminders record what
they sent (ReminderSent), and expiring jobs twice finds nothing the second time.
"""

import datetime
import time

from django.conf import settings
from django.core.management.base import BaseCommand
from django.utils import timezone

from agreements.tasks import issue_missing_agreement_pdfs
from partnerships.jobs.tasks import expire_jobs
from reviews.tasks import send_assurance_round_reminders, send_reminders

DAILY = (
    send_reminders,
    send_assurance_round_reminders,
    expire_jobs,
    issue_missing_agreement_pdfs,
)


def next_run(now, at):
    """The next local time `at` (a datetime.time) after `now`."""
    candidate = now.replace(hour=at.hour, minute=at.minute, second=0, microsecond=0)
    return candidate if candidate > now else candidate + datetime.timedelta(days=1)


class Command(BaseCommand):
    help = (
        "Enqueue the daily tasks (review and assurance-round reminders, expiring old job files, missing "
        "agreement PDFs) once a day."
    )

    def add_arguments(self, parser):
        parser.add_argument("--once", action="store_true", help="Enqueue the daily tasks now and exit.")

    def enqueue_daily(self):
        for daily in DAILY:
            result = daily.enqueue()
            self.stdout.write(f"Enqueued {daily.name} ({result.id}).")

    def handle(self, *args, once, **options):
        if once:
            self.enqueue_daily()
            return
        at = datetime.time.fromisoformat(settings.SCHEDULER_DAILY_AT)
        while True:
            wake = next_run(timezone.localtime(), at)
            self.stdout.write(f"Next daily run at {wake:%Y-%m-%d %H:%M %Z}.")
            time.sleep(max(0.0, (wake - timezone.localtime()).total_seconds()))
            self.enqueue_daily()
