"""send_review_reminders: one digest per lead officer per day, with the right items."""

import datetime

import pytest
from django.core import mail
from django.core.management import call_command

from register.choices import RiskStatus, Status
from reviews.models import ReminderSent
from tests.factories import ActivePartnershipFactory, RiskEntryFactory, UserFactory

TODAY = datetime.date.today()


def days(n):
    return TODAY + datetime.timedelta(days=n)


@pytest.fixture
def amy(db):
    return UserFactory(username="amy", first_name="Amy", last_name="Able", email="amy@example.gov.uk")


@pytest.fixture
def ben(db):
    return UserFactory(username="ben", first_name="Ben", last_name="Best", email="ben@example.gov.uk")


def run(*args):
    call_command("send_review_reminders", *args, stdout=open("/dev/null", "w"))  # noqa: SIM115


def test_each_officer_gets_one_digest_with_their_items(amy, ben):
    overdue = ActivePartnershipFactory(lead_officer=amy, next_review_due=days(-3))
    due_soon = ActivePartnershipFactory(lead_officer=amy, next_review_due=days(30))
    too_far = ActivePartnershipFactory(lead_officer=amy, next_review_due=days(31))
    closed = ActivePartnershipFactory(lead_officer=amy, next_review_due=days(-3), status=Status.CLOSED)
    stale_risk = RiskEntryFactory(partnership=too_far, review_date=days(-1), description="Funding may stop")
    RiskEntryFactory(partnership=too_far, review_date=TODAY)  # due today: not yet past
    RiskEntryFactory(partnership=too_far, review_date=days(-9), status=RiskStatus.CLOSED)
    bens = ActivePartnershipFactory(lead_officer=ben, next_review_due=days(1))

    run()

    assert sorted(message.to[0] for message in mail.outbox) == ["amy@example.gov.uk", "ben@example.gov.uk"]
    to_amy = next(message for message in mail.outbox if message.to == ["amy@example.gov.uk"])
    assert to_amy.subject == "Partnership register: 2 reviews and 1 risk need your attention"
    assert overdue.reference in to_amy.body and "OVERDUE" in to_amy.body
    assert due_soon.reference in to_amy.body
    assert f"{too_far.reference} {stale_risk.risk_id}: Funding may stop" in to_amy.body
    assert closed.reference not in to_amy.body
    assert bens.reference not in to_amy.body
    assert to_amy.body.count("\n- ") == 3


def test_running_twice_the_same_day_sends_nothing_more(amy):
    ActivePartnershipFactory(lead_officer=amy, next_review_due=days(-3))
    run()
    run()
    assert len(mail.outbox) == 1
    assert ReminderSent.objects.get(officer=amy).reviews == 1


def test_a_new_day_sends_again(amy):
    ActivePartnershipFactory(lead_officer=amy, next_review_due=days(-3))
    ReminderSent.objects.create(officer=amy, sent_on=days(-1))
    run()
    assert len(mail.outbox) == 1


def test_days_option_widens_the_window(amy):
    partnership = ActivePartnershipFactory(lead_officer=amy, next_review_due=days(60))
    run()
    assert mail.outbox == []
    run("--days", "60")
    assert partnership.reference in mail.outbox[0].body


def test_nothing_due_means_no_email(amy):
    ActivePartnershipFactory(lead_officer=amy, next_review_due=days(100))
    run()
    assert mail.outbox == []
    assert not ReminderSent.objects.exists()


def test_a_failed_send_is_not_recorded_so_the_next_run_retries(amy, monkeypatch):
    ActivePartnershipFactory(lead_officer=amy, next_review_due=days(-3))

    def broken(*args, **kwargs):
        raise ConnectionRefusedError("mail server down")

    monkeypatch.setattr("reviews.dashboard.reminders.send_mail", broken)
    with pytest.raises(ConnectionRefusedError):
        run()
    assert not ReminderSent.objects.exists()
    monkeypatch.undo()
    run()
    assert len(mail.outbox) == 1
