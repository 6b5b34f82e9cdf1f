from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone

from reviews.dashboard.reminders import send_reminders


class Command(BaseCommand):
    help = (
        "Email each lead officer one digest of their partnership reviews due or overdue and their open "
        "risks past review date. Safe to run daily: nobody gets two digests on the same day."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--days", type=int, default=30, help="Include reviews due within this many days (default 30)."
        )

    def handle(self, *args, days, **options):
        if days < 0:
            raise CommandError("--days must be 0 or more.")
        sent = send_reminders(timezone.localdate(), days, log=self.stdout.write)
        self.stdout.write(self.style.SUCCESS(f"{sent} reminder{'s' if sent != 1 else ''} sent."))
