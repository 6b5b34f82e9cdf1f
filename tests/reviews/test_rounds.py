"""Opening a round, the officer's tasks and email, reminders and the progress page with its chase."""

import datetime

import pytest
from django.core.management import call_command
from django.urls import reverse

from reviews.assurance import rounds
from reviews.assurance.models import ReturnStatus, RoundReminder

pytestmark = pytest.mark.django_db


def test_the_lead_officer_sees_a_task_per_partnership_on_their_home_page(client_for, officer, assurance_return):
    page = client_for(officer).get(reverse("home")).content.decode()
    assert "Assurance returns to send" in page
    assert assurance_return.get_absolute_url() in page
    assurance_return.status = ReturnStatus.RETURNED
    assurance_return.save()
    assert "Assurance returns to send" not in client_for(officer).get(reverse("home")).content.decode()


def test_reminders_go_on_the_set_days_and_never_twice(assurance_round, officer, mailoutbox):
    deadline = assurance_round.deadline
    call_command("send_round_reminders", "--today", str(deadline - datetime.timedelta(days=20)))
    assert mailoutbox == []  # 20 days out: no reminder day has come
    call_command("send_round_reminders", "--today", str(deadline - datetime.timedelta(days=14)))
    call_command("send_round_reminders", "--today", str(deadline - datetime.timedelta(days=14)))
    call_command("send_round_reminders", "--today", str(deadline - datetime.timedelta(days=12)))
    assert len(mailoutbox) == 1
    assert "14 days left" in mailoutbox[0].body
    call_command("send_round_reminders", "--today", str(deadline - datetime.timedelta(days=7)))
    assert len(mailoutbox) == 2
    assert set(RoundReminder.objects.values_list("days_before", flat=True)) == {14, 7}


def test_no_reminder_once_the_return_is_sent(assurance_round, assurance_return, mailoutbox):
    assurance_return.status = ReturnStatus.RETURNED
    assurance_return.save()
    assert rounds.send_round_reminders(assurance_round.deadline - datetime.timedelta(days=1), log=lambda _: None) == 0
    assert mailoutbox == []


def test_progress_page_counts_by_directorate_and_officer_and_chases(
    client_for, admin_user, officer, assurance_round, mailoutbox
):
    client = client_for(admin_user)
    page = client.get(reverse("reviews:round_progress", args=[assurance_round.pk]))
    assert page.context["progress"]["total"][ReturnStatus.NOT_STARTED] == 1
    assert "Adult Social Care and Public Health" in page.content.decode()
    assert "Chase Olivia Officer" in page.content.decode()
    client.post(reverse("reviews:round_chase", args=[assurance_round.pk]), {"officer": officer.pk})
    assert len(mailoutbox) == 1 and mailoutbox[0].to == [officer.email]
    client.post(reverse("reviews:round_chase", args=[assurance_round.pk]))  # chasing again another day
    assert len(mailoutbox) == 2


def test_an_emailing_task_run_twice_emails_each_officer_once(partnership, officer, mailoutbox):
    """A worker that dies after sending, or a task the queue hands out twice, sends nothing more."""
    assurance_round = rounds.open_round("2026/27", datetime.date(2026, 7, 1), [partnership], notify=False)
    assert rounds.email_lead_officers.call(assurance_round.pk, rounds.OPENED) == 1
    assert rounds.email_lead_officers.call(assurance_round.pk, rounds.OPENED) == 0
    assert [message.to for message in mailoutbox] == [[officer.email]]


def test_a_chase_that_finds_nobody_outstanding_queues_nothing(client_for, admin_user, assurance_return, mailoutbox):
    assurance_return.status = ReturnStatus.RETURNED
    assurance_return.save()
    response = client_for(admin_user).post(
        reverse("reviews:round_chase", args=[assurance_return.round_id]), follow=True
    )
    assert "Chasing 0 lead officers" in response.content.decode()
    assert mailoutbox == []


def test_only_administrators_open_rounds_and_see_progress(client_for, officer, scrutiny, assurance_round):
    for user in (officer, scrutiny):
        assert client_for(user).get(reverse("reviews:round_create")).status_code == 403
        assert client_for(user).get(reverse("reviews:round_progress", args=[assurance_round.pk])).status_code == 403


def test_closing_a_round_freezes_its_returns_and_stops_reminders(
    client_for, admin_user, officer, assurance_round, assurance_return, mailoutbox
):
    client_for(admin_user).post(reverse("reviews:round_close", args=[assurance_round.pk]))
    assurance_round.refresh_from_db()
    assert not assurance_round.is_open
    assert not assurance_return.__class__.objects.get(pk=assurance_return.pk).is_editable
    assert rounds.send_round_reminders(assurance_round.deadline, log=lambda _: None) == 0
    assert "Assurance returns to send" not in client_for(officer).get(reverse("home")).content.decode()
