"""The reviews' daily work, put on the task queue by the project's scheduler (partnerships/management/
commands/scheduler.py). Each is safe to run twice a day: what was sent is recorded and not sent again."""

import logging

from django.utils import timezone
from django_tasks import task

from .assurance.rounds import send_round_reminders
from .dashboard.reminders import send_reminders as send_review_digests

logger = logging.getLogger(__name__)


@task()
def send_reminders(days=30):
    """The daily reminder digests of reviews falling due (nobody gets two digests on one day)."""
    return send_review_digests(timezone.localdate(), days)


@task()
def send_assurance_round_reminders():
    """The assurance rounds' reminders due today; each is sent once, however often this runs."""
    return send_round_reminders(timezone.localdate(), log=logger.info)
