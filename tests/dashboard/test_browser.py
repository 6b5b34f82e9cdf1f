"""A scrutiny member reads the dashboard in Chromium, follows a figure to its list, and axe passes."""

import datetime

import pytest
from django.contrib.auth.models import Group

from register import roles
from register.choices import RAG, AssuranceRating
from tests.factories import ActivePartnershipFactory, AssessmentFactory, RiskEntryFactory

pytestmark = pytest.mark.browser


@pytest.fixture(autouse=True)
def role_groups(transactional_db):
    """live_server flushes the database after each test, taking the roles' groups (a data migration) with it."""
    for name in roles.ALL:
        Group.objects.get_or_create(name=name)


@pytest.fixture
def register_with_risks(partnership, other_directorate):
    today = datetime.date.today()
    partnership.rag, partnership.assurance = RAG.AMBER, AssuranceRating.LIMITED
    partnership.next_review_due = today - datetime.timedelta(days=3)
    partnership.save()
    AssessmentFactory(partnership=partnership)
    others = [
        ActivePartnershipFactory(directorate=other_directorate, rag=rag, assurance=AssuranceRating.REASONABLE)
        for rag in (RAG.RED, RAG.GREEN, RAG.GREEN, "")
    ]
    for likelihood, impact in ((5, 5), (3, 4), (1, 2), (4, 2)):
        RiskEntryFactory(partnership=partnership, likelihood=likelihood, impact=impact)
    RiskEntryFactory(partnership=others[0], likelihood=5, impact=5, residual_likelihood=4, residual_impact=4)
    return [partnership, *others]


def test_scrutiny_reads_the_dashboard_and_follows_a_figure(
    live_server, page, login_as, scrutiny, register_with_risks, assert_accessible
):
    login_as(scrutiny)
    page.get_by_role("link", name="Dashboard").click()
    assert page.get_by_role("heading", level=1).inner_text() == "Partnerships dashboard"
    assert page.locator('svg[role="img"]').count() >= 7
    assert_accessible(page)

    page.get_by_role("link", name="5 Live partnerships", exact=True).click()
    assert page.locator("#result-count").inner_text() == "5 partnerships"
    assert_accessible(page)

    page.go_back()
    page.get_by_role("link", name="Reviews overdue").click()
    assert register_with_risks[0].reference in page.locator("#overdue").locator("..").inner_text()
    assert_accessible(page)

    page.goto(f"{live_server.url}/dashboard/")
    page.locator(".app-heat-map").first.get_by_role("link", name="2 risks").click()
    assert page.locator("#result-count").inner_text() == "2 risks"
    assert_accessible(page)


def test_filters_and_compliance_pages_are_accessible(
    live_server, page, login_as, scrutiny, register_with_risks, other_directorate, assert_accessible
):
    login_as(scrutiny)
    page.goto(f"{live_server.url}/dashboard/")
    page.get_by_label("Lead directorate").select_option(label=other_directorate.name)
    page.get_by_role("button", name="Apply filters").click()
    assert page.locator(".app-figure__value").first.inner_text() == "4"
    page.get_by_role("link", name="see them all").click()
    assert page.locator("#result-count").inner_text() == "4 partnerships"
    assert_accessible(page)
    page.goto(f"{live_server.url}/dashboard/report/")
    assert_accessible(page)
