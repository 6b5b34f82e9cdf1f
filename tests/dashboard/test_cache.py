"""The dashboard's figures are counted once per version of the register. After a change they are
counted again on the worker; meanwhile the dashboard shows the figures it has and says when they
were counted, and the committee report never uses figures older than the register."""

import datetime

import pytest
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone
from django_tasks import default_task_backend

from register.models import Partnership
from reviews.dashboard import cache
from reviews.models import CountedFigures
from tests.factories import ActivePartnershipFactory, RiskEntryFactory

from .test_figures import figure

pytestmark = pytest.mark.django_db
DASHBOARD = reverse("dashboard:index")


def counting_queries(client, url):
    """(page, how many queries read the partnership or risk tables) for one view."""
    from django.db import connection

    with CaptureQueriesContext(connection) as captured:
        page = client.get(url).content.decode()
    counts = [q for q in captured.captured_queries if "register_partnership" in q["sql"] and "history" not in q["sql"]]
    return page, len(counts)


def test_a_second_view_reuses_the_counts(client_for, scrutiny):
    ActivePartnershipFactory.create_batch(3)
    client = client_for(scrutiny)
    first, counted = counting_queries(client, DASHBOARD)
    again, recounted = counting_queries(client, DASHBOARD)
    assert counted >= 3 and recounted == 0
    assert figure(again, "Live partnerships") == figure(first, "Live partnerships") == "3"


def test_a_change_shows_on_the_next_view(client_for, scrutiny):
    partnership = ActivePartnershipFactory()
    client = client_for(scrutiny)
    assert figure(client.get(DASHBOARD).content.decode(), "Live partnerships") == "1"

    ActivePartnershipFactory()
    assert figure(client.get(DASHBOARD).content.decode(), "Live partnerships") == "2"

    RiskEntryFactory(partnership=partnership, likelihood=5, impact=5, residual_likelihood=5, residual_impact=5)
    page = client.get(DASHBOARD).content.decode()
    assert figure(page, "Open risks still high after controls") == "1"

    Partnership.objects.get(pk=partnership.pk).delete()
    page = client.get(DASHBOARD).content.decode()
    assert figure(page, "Live partnerships") == "1"
    assert figure(page, "Open risks still high after controls") == "0"


def test_each_filter_has_its_own_figures(client_for, scrutiny, directorate, other_directorate):
    ActivePartnershipFactory(directorate=directorate)
    ActivePartnershipFactory.create_batch(2, directorate=other_directorate)
    client = client_for(scrutiny)
    assert figure(client.get(DASHBOARD).content.decode(), "Live partnerships") == "3"
    scoped = client.get(DASHBOARD, {"directorate": directorate.pk}).content.decode()
    assert figure(scoped, "Live partnerships") == "1"


def test_figures_are_counted_again_on_another_day():
    """A review due today is in date today and overdue tomorrow, with nothing else changed."""
    today = datetime.date(2026, 11, 24)
    ActivePartnershipFactory(next_review_due=today)
    partnerships = Partnership.objects.all()
    assert cache.figures(partnerships, today).totals["window_overdue"] == 0
    assert cache.figures(partnerships, today + datetime.timedelta(days=1)).totals["window_overdue"] == 1


RECOUNTING = "they are being counted again"


@pytest.fixture
def queue_not_run(settings):
    """A queue whose tasks wait for a worker, as in production (the tests' queue runs them at once)."""
    settings.TASKS = {"default": {"BACKEND": "django_tasks.backends.dummy.DummyBackend"}}
    default_task_backend.clear()
    return default_task_backend


def test_after_a_change_the_figures_as_last_counted_show_while_the_worker_counts_again(
    client_for, scrutiny, queue_not_run
):
    ActivePartnershipFactory()
    client = client_for(scrutiny)
    first = client.get(DASHBOARD).content.decode()
    assert figure(first, "Live partnerships") == "1" and RECOUNTING not in first
    counted_at = CountedFigures.objects.get().counted_at

    ActivePartnershipFactory()
    page, counted = counting_queries(client, DASHBOARD)
    assert counted == 0  # nobody waits for the register to be counted
    assert figure(page, "Live partnerships") == "1"
    assert RECOUNTING in page and f"counted at {timezone.localtime(counted_at):%H:%M}" in page
    client.get(DASHBOARD)
    client_for(scrutiny).get(DASHBOARD)
    assert [result.task.name for result in queue_not_run.results] == ["recount"]  # once, however many look

    for result in queue_not_run.results:  # the worker
        result.task.call(*result.args, **result.kwargs)
    page = client.get(DASHBOARD).content.decode()
    assert figure(page, "Live partnerships") == "2" and RECOUNTING not in page


def test_a_filtered_dashboard_is_counted_again_for_its_own_filters(
    client_for, scrutiny, directorate, other_directorate, queue_not_run
):
    ActivePartnershipFactory(directorate=directorate)
    client = client_for(scrutiny)
    assert figure(client.get(DASHBOARD, {"directorate": directorate.pk}).content.decode(), "Live partnerships") == "1"
    ActivePartnershipFactory(directorate=directorate)
    ActivePartnershipFactory(directorate=other_directorate)
    client.get(DASHBOARD, {"directorate": directorate.pk})
    for result in queue_not_run.results:
        result.task.call(*result.args, **result.kwargs)
    page = client.get(DASHBOARD, {"directorate": directorate.pk}).content.decode()
    assert figure(page, "Live partnerships") == "2" and RECOUNTING not in page


def test_the_committee_report_counts_afresh_after_a_change(queue_not_run):
    from reviews.dashboard.context import dashboard_context

    today = timezone.localdate()
    ActivePartnershipFactory()
    assert dashboard_context(Partnership.objects.all(), {}, today)["figures"].live_count.value == 1
    ActivePartnershipFactory()
    assert dashboard_context(Partnership.objects.all(), {}, today)["figures"].recounting
    report = dashboard_context(Partnership.objects.all(), {}, today, fresh=True)["figures"]
    assert report.live_count.value == 2 and not report.recounting
