"""The dashboard's figures are counted once per version of the register, and never shown stale."""

import datetime

import pytest
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from register.models import Partnership
from reviews.dashboard import cache
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
