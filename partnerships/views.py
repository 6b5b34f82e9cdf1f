import datetime
from dataclasses import dataclass
from urllib.parse import urlencode

from django.contrib.auth.decorators import login_required
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.http import require_safe

from agreements.models import without_signed_agreement
from register.models import Partnership, RiskEntry
from register.rules import is_legal, is_officer, is_register_admin, is_scrutiny
from reviews.assurance.home import assurance_context

DUE_SOON_DAYS = 30


SHOWN = 10  # of each list of things needing action; the register holds the rest
LED_SHOWN = 50  # of the partnerships an officer leads
FEW_LED = 500  # an officer leading up to this many has their risks looked up partnership by partnership


@dataclass
class FirstRows:
    """The first rows of a list, and whether there are more: a person reads the first few and
    follows `more_url` for the rest. One query, for one row more than shown; the list is not
    counted, as counting an officer's long list would read all of it (the register counts it)."""

    rows: list
    more: bool
    more_url: str = ""

    @classmethod
    def of(cls, queryset, limit, more_url=""):
        rows = list(queryset[: limit + 1])
        return cls(rows[:limit], len(rows) > limit, more_url)


def register_url(**params):
    return reverse("register:partnership_list") + "?" + urlencode(params)


def needs_action(user, today):
    """What an officer's own partnerships need from them now: the first few of each kind."""
    mine = Partnership.objects.led_by(user).select_related("directorate")
    by_review = {"lead_officer": user.pk, "sort": "next_review_due"}
    return {
        "reviews_overdue": FirstRows.of(
            mine.review_overdue(today).order_by("next_review_due", "reference"),
            SHOWN,
            register_url(**by_review, review_overdue="true"),
        ),
        "reviews_due": FirstRows.of(
            mine.review_due_between(today, today + datetime.timedelta(days=DUE_SOON_DAYS)).order_by(
                "next_review_due", "reference"
            ),
            SHOWN,
            register_url(**by_review),
        ),
        "risks_past_review": FirstRows.of(risks_past_review(user, today), SHOWN),
        "missing_agreement": FirstRows.of(
            without_signed_agreement(mine, one_by_one=True).order_by("reference"),
            SHOWN,
            reverse("agreements:list") + "?list=missing",
        ),
    }


def risks_past_review(user, today):
    """The open risks past their review date on the officer's partnerships, the longest past first.

    Two ways to find the first few, for SQLite keeps no statistics per officer to choose between
    them: an officer who leads up to FEW_LED partnerships (most) has them looked up by those
    partnerships (the index of risks by partnership); one who leads more has them found among every
    open risk in review-date order, where theirs come up soon. Either way the whole list is not read.
    """
    led = list(Partnership.objects.led_by(user).values_list("pk", flat=True)[: FEW_LED + 1])
    by_partnership = {"partnership__in": led} if len(led) <= FEW_LED else {"partnership__lead_officer": user}
    return (
        RiskEntry.objects.past_review_date(today)
        .filter(**by_partnership)
        .select_related("partnership")
        .order_by("review_date", "pk")
    )


# Where each role other than officers lands: administrators on the register health page, scrutiny
# on the dashboard, legal on agreements. Everyone can still reach every page they may read from
# the navigation.
LANDING = [(is_register_admin, "register_health"), (is_scrutiny, "dashboard:index"), (is_legal, "agreements:list")]


def landing_page(user):
    return next((url for predicate, url in LANDING if predicate(user)), "register:partnership_list")


@login_required
@require_safe
def home(request):
    """ "My partnerships" for officers; everyone else lands where their work is (LANDING)."""
    if not is_officer(request.user):
        return redirect(landing_page(request.user))
    today = timezone.localdate()
    actions = needs_action(request.user, today)
    led = Partnership.objects.led_by(request.user).select_related("directorate").order_by("reference")
    context = {
        "led": FirstRows.of(led, LED_SHOWN, register_url(lead_officer=request.user.pk)),
        "actions": actions,
        "anything_needs_action": any(shown.rows for shown in actions.values()),
        "today": today,
        **assurance_context(request.user, today),
    }
    return render(request, "partnerships/home.html", context)
