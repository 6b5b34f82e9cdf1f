"""Remind lead officers of assurance returns still to send, on each open round's reminder days.

Run it daily (cron or the task queue). It never sends the same reminder twice.
"""

import datetime

from django.core.management.base import BaseCommand
from django.utils import timezone

from reviews.assurance.rounds import send_round_reminders


class Command(BaseCommand):
    help = "Email lead officers with assurance returns outstanding on each open round's reminder days."

    def add_arguments(self, parser):
        parser.add_argument("--today", type=datetime.date.fromisoformat, help="Run as if on this date (YYYY-MM-DD).")

    def handle(self, *args, today=None, **options):
        sent = send_round_reminders(today or timezone.localdate(), log=self.stdout.write)
        self.stdout.write(f"{sent} reminder{'s' if sent != 1 else ''} sent.")
