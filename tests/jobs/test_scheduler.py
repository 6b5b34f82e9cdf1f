"""The scheduler enqueues the daily work; running it twice a day sends nobody two reminders."""

import datetime
import io

import pytest
from django.core import mail
from django.core.management import call_command
from django.utils import timezone

from partnerships.management.commands.scheduler import next_run

pytestmark = pytest.mark.django_db


def test_next_run_is_today_if_the_time_is_still_to_come_else_tomorrow():
    at = datetime.time(7, 0)
    morning = timezone.make_aware(datetime.datetime(2026, 12, 4, 6, 30))
    assert next_run(morning, at) == morning.replace(hour=7, minute=0)
    evening = timezone.make_aware(datetime.datetime(2026, 12, 4, 19, 0))
    assert next_run(evening, at) == timezone.make_aware(datetime.datetime(2026, 12, 5, 7, 0))


def test_running_the_daily_tasks_twice_sends_each_reminder_once(partnership):
    partnership.next_review_due = timezone.localdate() - datetime.timedelta(days=3)
    partnership.save()
    call_command("scheduler", "--once", stdout=io.StringIO())
    assert len(mail.outbox) == 1
    assert mail.outbox[0].to == [partnership.lead_officer.email]
    call_command("scheduler", "--once", stdout=io.StringIO())
    assert len(mail.outbox) == 1


def test_the_daily_tasks_send_the_assurance_rounds_reminders_once(partnership, officer):
    from reviews.assurance import rounds

    partnership.lead_officer = officer
    partnership.save()
    deadline = timezone.localdate() + datetime.timedelta(days=5)
    rounds.open_round("2026/27", deadline, [partnership], notify=False, reminder_days="7")
    call_command("scheduler", "--once", stdout=io.StringIO())
    reminders = [message for message in mail.outbox if "2026/27" in message.subject + message.body]
    assert [message.to for message in reminders] == [[officer.email]]
    call_command("scheduler", "--once", stdout=io.StringIO())
    assert [m for m in mail.outbox if "2026/27" in m.subject + m.body] == reminders
