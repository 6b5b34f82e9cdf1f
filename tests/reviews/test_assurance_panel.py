"""The partnership page's "Annual assurance" panel: its returns by round and its remedial actions to do."""

import datetime

import pytest
from django.urls import reverse

from register.choices import AssuranceRating
from reviews.assurance import rounds
from reviews.assurance.models import ActionStatus, RemedialAction, ReturnStatus

pytestmark = pytest.mark.django_db
CHANGE_LINK = 'Change<span class="govuk-visually-hidden"> the action'


def panel(client, partnership):
    page = client.get(partnership.get_absolute_url()).content.decode()
    return page.split('<section id="assurance"', 1)[1].split("</section>", 1)[0]


def add_round(name, deadline, partnership, admin_user, rating=""):
    assurance_round = rounds.open_round(name, deadline, [partnership], by=admin_user, notify=False)
    assurance_return = assurance_round.returns.get()
    if rating:
        assurance_return.status = ReturnStatus.RETURNED
        assurance_return.proposed_rating = rating
        assurance_return.save()
        assurance_return.confirm_rating(rating, by=admin_user)
    return assurance_return


def add_action(assurance_return, description, due, status=ActionStatus.OPEN):
    return RemedialAction.objects.create(
        partnership=assurance_return.partnership,
        raised_in=assurance_return.round,
        from_return=assurance_return,
        description=description,
        owner="Olivia Officer",
        due_date=due,
        status=status,
    )


@pytest.fixture
def two_rounds(partnership, admin_user):
    last = add_round("2025/26", datetime.date(2025, 7, 1), partnership, admin_user, AssuranceRating.LIMITED)
    last.round.close()
    this = add_round("2026/27", datetime.date(2099, 7, 1), partnership, admin_user)
    add_action(last, "Sign the agreement", datetime.date(2020, 1, 1))
    add_action(last, "Agree terms of reference", datetime.date(2020, 1, 1), status=ActionStatus.DONE)
    add_action(this, "Review the risk register", datetime.date(2099, 1, 1))
    return last, this


def test_the_panel_lists_returns_by_round_latest_first_with_status_rating_and_link(
    client_for, scrutiny, partnership, two_rounds
):
    last, this = two_rounds
    html = panel(client_for(scrutiny), partnership)
    assert html.index("2026/27") < html.index("2025/26")
    assert "Limited" in html and "Not yet rated" in html and "Not started" in html
    assert reverse("reviews:return", args=[last.pk]) in html and reverse("reviews:return", args=[this.pk]) in html


def test_the_panel_lists_actions_not_done_and_flags_the_overdue(client_for, officer, partnership, two_rounds):
    html = panel(client_for(officer), partnership)
    assert "Sign the agreement" in html and "Review the risk register" in html
    assert "Agree terms of reference" not in html  # done
    assert html.count("Overdue</strong>") == 1  # only the one carried over from last year
    assert html.count(CHANGE_LINK) == 2  # the lead officer keeps them up to date


@pytest.mark.parametrize("role", ["scrutiny", "colleague", "legal"])
def test_only_the_lead_officer_and_administrators_get_change_links(client_for, request, role, partnership, two_rounds):
    assert CHANGE_LINK not in panel(client_for(request.getfixturevalue(role)), partnership)


def test_a_partnership_never_in_a_round_says_so(client_for, scrutiny, partnership):
    html = panel(client_for(scrutiny), partnership)
    assert "has not been in an assurance round" in html and "No remedial actions to do" in html


def test_more_rounds_and_actions_cost_no_more_queries(
    client_for, officer, partnership, admin_user, django_assert_max_num_queries
):
    client = client_for(officer)
    first = add_round("2020/21", datetime.date(2020, 7, 1), partnership, admin_user, AssuranceRating.REASONABLE)
    add_action(first, "Action 0", datetime.date(2020, 1, 1))
    with django_assert_max_num_queries(60) as few:
        client.get(partnership.get_absolute_url())
    for year in range(2021, 2027):
        later = add_round(f"{year}/{year - 1999}", datetime.date(year, 7, 1), partnership, admin_user, "limited")
        add_action(later, f"Action {year}", datetime.date(year, 1, 1))
        add_action(later, f"Another action {year}", datetime.date(2099, 1, 1))
    with django_assert_max_num_queries(len(few.captured_queries)):
        client.get(partnership.get_absolute_url())
