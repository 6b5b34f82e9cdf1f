"""Opening a round: who is in it (the high-or-medium rule, less any left out, or a list of references),
its returns made in one go, the page's cost whatever the register's size, and no second round from a
double click."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from register.choices import Significance
from reviews.assurance.models import AssuranceReturn, AssuranceRound
from tests.factories import ActivePartnershipFactory, ClosedPartnershipFactory

pytestmark = pytest.mark.django_db
URL = reverse("reviews:round_create")


def post_data(**extra):
    data = {
        "name": "2026/27",
        "deadline_0": "1",
        "deadline_1": "7",
        "deadline_2": "2026",
        "reminder_days": "14,7,1",
        "which": "every",
    }
    return {**data, **extra}


def in_round():
    return set(AssuranceRound.objects.get(name="2026/27").returns.values_list("partnership__reference", flat=True))


@pytest.fixture
def register(officer):
    """Two partnerships the rule takes in, one of low significance, one closed."""
    return {
        "high": ActivePartnershipFactory(significance=Significance.HIGH, lead_officer=officer, name="Carers Hub"),
        "medium": ActivePartnershipFactory(
            significance=Significance.MEDIUM, lead_officer=officer, name="Falls Service"
        ),
        "low": ActivePartnershipFactory(significance=Significance.LOW),
        "closed": ClosedPartnershipFactory(significance=Significance.HIGH),
    }


def test_the_page_offers_the_rule_with_its_count_and_a_list_of_references(client_for, admin_user, register):
    page = client_for(admin_user).get(URL).content.decode()
    assert "Every live partnership of high or medium significance (2)" in page
    assert "Only the partnerships I list" in page
    assert 'type="checkbox"' not in page  # no checkbox per partnership
    assert register["high"].reference not in page


def test_by_default_every_live_partnership_of_high_or_medium_significance_is_in(
    client_for, admin_user, officer, register, mailoutbox
):
    response = client_for(admin_user).post(URL, post_data())
    assert response.status_code == 302
    assert in_round() == {register["high"].reference, register["medium"].reference}
    assert len(mailoutbox) == 1 and mailoutbox[0].to == [officer.email]
    assert "Carers Hub" in mailoutbox[0].body and "Falls Service" in mailoutbox[0].body


def test_the_administrator_can_leave_partnerships_out_of_the_rule(client_for, admin_user, register):
    client_for(admin_user).post(URL, post_data(leave_out=register["medium"].reference.lower() + "\n"))
    assert in_round() == {register["high"].reference}


def test_or_list_exactly_the_partnerships_in_the_round(client_for, admin_user, register):
    listed = f"{register['low'].reference}, {register['high'].reference}"
    client_for(admin_user).post(URL, post_data(which="listed", references=listed))
    assert in_round() == {register["low"].reference, register["high"].reference}


def test_a_reference_that_is_not_a_live_partnership_is_named_and_nothing_is_opened(client_for, admin_user, register):
    listed = f"{register['high'].reference}\n{register['closed'].reference}\nNCC-9999"
    response = client_for(admin_user).post(URL, post_data(which="listed", references=listed))
    assert response.status_code == 200
    messages = [message for _, message in response.context["error_summary"]]
    assert messages == [f"Not a live partnership in the register: {register['closed'].reference}, NCC-9999"]
    assert listed in response.content.decode()  # what was typed is kept
    assert not AssuranceRound.objects.exists()


def test_a_round_needs_a_name_a_deadline_and_partnerships(client_for, admin_user):
    response = client_for(admin_user).post(URL, {"reminder_days": "7", "which": "listed"})
    messages = [message for _, message in response.context["error_summary"]]
    assert "Enter the references of the partnerships in the round" in messages
    assert "Enter deadline for returns" in messages
    assert not AssuranceRound.objects.exists()


def test_a_rule_that_takes_in_nobody_is_an_error(client_for, admin_user):
    ActivePartnershipFactory(significance=Significance.LOW)
    response = client_for(admin_user).post(URL, post_data())
    messages = [message for _, message in response.context["error_summary"]]
    assert messages == ["The round has no partnerships in it: choose at least one"]
    assert not AssuranceRound.objects.exists()


def test_a_double_click_opens_one_round_and_emails_once(client_for, admin_user, register, mailoutbox):
    client = client_for(admin_user)
    token = client.get(URL).context["form"].initial["submission_token"]
    first = client.post(URL, post_data(submission_token=token))
    second = client.post(URL, post_data(submission_token=token))
    assert second.status_code == 302 and second.url == first.url
    assert AssuranceRound.objects.count() == 1 and AssuranceReturn.objects.count() == 2
    assert len(mailoutbox) == 1


def queries(client, method, *args):
    with CaptureQueriesContext(connection) as captured:
        response = getattr(client, method)(URL, *args)
    assert response.status_code in (200, 302)
    return len(captured)


@pytest.mark.parametrize("which", ["every", "listed"])
def test_the_page_costs_the_same_queries_however_big_the_register(client_for, admin_user, which, settings):
    """The form page, and opening a round (returns made in bulk, the emails queued for a worker), at N
    and at 3N partnerships: the same number of queries."""
    settings.TASKS = {"default": {"BACKEND": "django_tasks.backends.dummy.DummyBackend"}}  # queued, not run
    client = client_for(admin_user)
    counts = []
    for more, name in ((10, "2026/27"), (20, "2027/28")):
        made = ActivePartnershipFactory.create_batch(more, significance=Significance.HIGH)
        references = "\n".join(partnership.reference for partnership in made[:5])
        get = queries(client, "get")
        post = queries(client, "post", post_data(name=name, which=which, references=references, leave_out=references))
        counts.append((get, post))
    # listed: the five typed; every: all 30 less the five left out
    assert AssuranceRound.objects.get(name="2027/28").returns.count() == {"listed": 5, "every": 25}[which]
    assert counts[0] == counts[1]
