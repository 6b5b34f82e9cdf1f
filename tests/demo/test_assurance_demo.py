"""The demo has last year's closed round and this year's open one, so the report compares years."""

import pytest

from reviews.assurance import report
from reviews.assurance.models import AssuranceRound, ReturnStatus

from .conftest import seed

pytestmark = pytest.mark.django_db


def test_seed_demo_makes_a_closed_and_an_open_round_once():
    seed()
    seed()
    closed, open_ = AssuranceRound.objects.filter(closed_at__isnull=False), AssuranceRound.objects.open()
    assert closed.count() == 1 and open_.count() == 1
    this_year = open_.get()
    statuses = set(this_year.returns.values_list("status", flat=True))
    assert {ReturnStatus.RETURNED, ReturnStatus.IN_PROGRESS, ReturnStatus.NOT_STARTED} <= statuses
    context = report.context(this_year)
    assert context["previous_round"] == closed.get()
    assert context["changes"], "some ratings change against last year"
    assert context["new_entries"]


def test_the_demo_returns_sent_this_year_raised_their_improvements_as_actions():
    seed()
    this_year = AssuranceRound.objects.open().get()
    sent = this_year.returns.filter(status=ReturnStatus.RETURNED)
    actions = this_year.actions_raised.filter(from_return__in=sent)
    assert actions.count() == 2 * sent.count()
    assert "Refresh the terms of reference with every partner" in actions.values_list("description", flat=True)
