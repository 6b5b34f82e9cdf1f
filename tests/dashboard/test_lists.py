"""The lists behind the dashboard's figures take their length from the figures while the figures are
current (reviews/dashboard/lists.py): the list reads only its page, and the number it gives is the
number of rows it lists. After a change, until the figures are counted again, a list counts itself."""

import datetime
import html
import re

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from register.models import RiskEntry
from tests.factories import (
    ActivePartnershipFactory,
    ClosureEvaluationFactory,
    DirectorateFactory,
    ExitingPartnershipFactory,
    RiskEntryFactory,
)

from .test_figures import register  # noqa: F401  (a fixture)

pytestmark = pytest.mark.django_db
DASHBOARD = reverse("dashboard:index")
TODAY = datetime.date.today()


@pytest.fixture
def risks(register):  # noqa: F811
    """Open risks in several heat-map cells and bands, one past its review date, one closed."""
    RiskEntryFactory(partnership=register["a"], likelihood=5, impact=5, residual_likelihood=4, residual_impact=5)
    RiskEntryFactory(partnership=register["a"], likelihood=3, impact=4, residual_likelihood=None, residual_impact=None)
    RiskEntryFactory(partnership=register["b"], review_date=TODAY - datetime.timedelta(days=1))
    RiskEntryFactory(partnership=register["c"], likelihood=1, impact=2, residual_likelihood=1, residual_impact=1)
    RiskEntryFactory(partnership=register["closed"], likelihood=5, impact=5)  # not on a live partnership
    closed = RiskEntryFactory(partnership=register["d"], likelihood=5, impact=5)
    RiskEntry.objects.filter(pk=closed.pk).update(status="closed")
    return register


def list_links(page):
    """The dashboard's links to its compliance and risk lists."""
    found = re.findall(r'href="(/dashboard/(?:compliance|risks)/[^"#]*)"', page)
    return sorted({html.unescape(link) for link in found})


def counts(client, url):
    """(the list's length as shown, its rows counted afresh, whether the page counted them itself)."""
    with CaptureQueriesContext(connection) as captured:
        response = client.get(url)
    assert response.status_code == 200
    paginator = response.context["paginator"]
    counted_here = any(query["sql"].startswith("SELECT COUNT(*)") for query in captured.captured_queries)
    return paginator.count, paginator.object_list.count(), counted_here


@pytest.mark.parametrize("scope", ["", "?significance=high", "?directorate={directorate}"])
def test_every_list_behind_a_figure_has_the_figures_count(client_for, scrutiny, risks, scope):
    client = client_for(scrutiny)
    client.get(DASHBOARD)  # the whole register's figures too: the navigation links to the unscoped lists
    page = client.get(DASHBOARD + scope.format(directorate=risks["a"].directorate_id)).content.decode()
    links = list_links(page)
    assert any("/compliance/" in link for link in links) and any("/risks/" in link for link in links)
    assert any("likelihood=" in link for link in links) and any("past_review" in link for link in links)
    for link in links:
        shown, rows, counted_here = counts(client, link)
        assert shown == rows, link
        assert not counted_here, link  # the figures are current: the number is theirs


def test_after_a_change_a_list_counts_its_own_rows(client_for, scrutiny, risks):
    client = client_for(scrutiny)
    client.get(DASHBOARD)
    shown_before, _rows, _counted = counts(client, reverse("dashboard:risks"))
    RiskEntryFactory(partnership=risks["d"])  # the figures are now out of date, and not counted yet
    shown, rows, counted_here = counts(client, reverse("dashboard:risks"))
    assert shown == rows == shown_before + 1 and counted_here
    ActivePartnershipFactory()  # a bare live partnership: every gap but the review and end date
    shown, rows, counted_here = counts(client, reverse("dashboard:compliance") + "?gap=no_risk_entry")
    assert shown == rows and counted_here


def test_a_closure_evaluation_recorded_is_a_change_to_the_figures(client_for, scrutiny):
    """The compliance gaps read closure evaluations (and due diligence checks): recording one is a new
    version of the register, so the figures, and the list counted by them, are not left behind."""
    exiting = ExitingPartnershipFactory()
    client = client_for(scrutiny)
    client.get(DASHBOARD)
    url = reverse("dashboard:compliance") + "?gap=no_closure_evaluation"
    assert counts(client, url) == (1, 1, False)
    ClosureEvaluationFactory(partnership=exiting)
    shown, rows, _counted_here = counts(client, url)
    assert shown == rows == 0


@pytest.mark.parametrize(
    "query",
    ["", "?gap=any", "?gap=no_risk_entry", "?gap=due_diligence_outstanding", "?directorate={directorate}"],
)
def test_the_compliance_list_costs_the_same_queries_at_any_size(client_for, scrutiny, query):
    directorate = DirectorateFactory()
    url = reverse("dashboard:compliance") + query.format(directorate=directorate.pk)
    client = client_for(scrutiny)

    def grow(n):
        for _ in range(n):
            RiskEntryFactory(partnership=ActivePartnershipFactory(directorate=directorate))
        client.get(DASHBOARD)  # counts the figures again, for the whole register and for the directorate
        client.get(DASHBOARD + f"?directorate={directorate.pk}")

    grow(3)
    with CaptureQueriesContext(connection) as small:
        client.get(url)
    grow(60)  # more than a page
    with CaptureQueriesContext(connection) as large:
        client.get(url)
    assert len(large) == len(small)
    assert not any(q["sql"].startswith("SELECT COUNT(*)") for q in large.captured_queries)


@pytest.mark.parametrize("query", ["", "?residual_band=high", "?likelihood=3&impact=3", "?past_review=true"])
def test_the_risk_list_costs_the_same_queries_at_any_size(client_for, scrutiny, query):
    url = reverse("dashboard:risks") + query
    client = client_for(scrutiny)

    def grow(n):
        for _ in range(n):
            RiskEntryFactory(
                partnership=ActivePartnershipFactory(),
                residual_likelihood=5,
                residual_impact=5,
                review_date=TODAY - datetime.timedelta(days=1),
            )
        client.get(DASHBOARD)  # counts again

    grow(3)
    with CaptureQueriesContext(connection) as small:
        client.get(url)
    grow(60)
    with CaptureQueriesContext(connection) as large:
        client.get(url)
    assert len(large) == len(small)
    assert not any(q["sql"].startswith("SELECT COUNT(*)") for q in large.captured_queries)
