"""Everyone with a role can read the dashboard; nobody can change anything through it."""

import pytest
from django.urls import reverse

from tests.factories import UserFactory

PAGES = [
    ("dashboard:index", []),
    ("dashboard:partnerships", []),
    ("dashboard:review_due", []),
    ("dashboard:review_due_download", ["csv"]),
    ("dashboard:compliance", []),
    ("dashboard:risks", []),
    ("dashboard:report", []),
]


@pytest.mark.parametrize(("name", "args"), PAGES)
def test_anonymous_users_are_sent_to_sign_in(client, name, args):
    response = client.get(reverse(name, args=args))
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("login"))


@pytest.mark.parametrize(("name", "args"), PAGES)
def test_scrutiny_can_read_every_page(client_for, scrutiny, partnership, name, args):
    # the download is written in the background: its link leads to the job's progress page
    assert client_for(scrutiny).get(reverse(name, args=args), follow=True).status_code == 200


@pytest.mark.parametrize(("name", "args"), PAGES)
def test_scrutiny_cannot_post(client_for, scrutiny, name, args):
    assert client_for(scrutiny).post(reverse(name, args=args)).status_code == 403


def test_staff_without_a_role_are_refused(client_for, db):
    assert client_for(UserFactory()).get(reverse("dashboard:index")).status_code == 403


def test_the_dashboard_has_no_edit_controls(client_for, scrutiny, partnership):
    html = client_for(scrutiny).get(reverse("dashboard:index")).content.decode()
    assert 'method="post"' not in html.replace('method="post" action="/accounts/logout/"', "")


def test_navigation_links_to_the_dashboard(client_for, officer):
    html = client_for(officer).get(reverse("dashboard:index")).content.decode()
    assert f'href="{reverse("dashboard:index")}" aria-current="page">Dashboard</a>' in html


@pytest.mark.parametrize(
    "query",
    ["directorate=abc", "significance=enormous", "partnership_type=x&directorate=99999", "gap=nonsense"],
)
def test_bad_filters_do_not_break_the_pages(client_for, scrutiny, query):
    client = client_for(scrutiny)
    for name in ("dashboard:index", "dashboard:review_due", "dashboard:compliance", "dashboard:partnerships"):
        assert client.get(f"{reverse(name)}?{query}").status_code == 200


def test_bad_risk_filters_do_not_break_the_list(client_for, scrutiny):
    assert client_for(scrutiny).get(reverse("dashboard:risks") + "?likelihood=9&past_review=maybe").status_code == 200
