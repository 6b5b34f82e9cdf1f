import datetime

from django.contrib.auth.decorators import login_required
from django.shortcuts import redirect, render
from django.utils import timezone
from django.views.decorators.http import require_safe

from agreements.models import without_signed_agreement
from register.models import Partnership, RiskEntry
from register.rules import is_legal, is_officer, is_register_admin, is_scrutiny
from reviews.assurance.home import assurance_context

DUE_SOON_DAYS = 30


def needs_action(user, today):
    """What an officer's own partnerships need from them now."""
    mine = Partnership.objects.led_by(user).select_related("directorate")
    return {
        "reviews_overdue": mine.review_overdue(today).order_by("next_review_due"),
        "reviews_due": mine.review_due_between(today, today + datetime.timedelta(days=DUE_SOON_DAYS)).order_by(
            "next_review_due"
        ),
        "risks_past_review": RiskEntry.objects.past_review_date(today)
        .filter(partnership__lead_officer=user)
        .select_related("partnership")
        .order_by("review_date"),
        "missing_agreement": without_signed_agreement(mine).order_by("reference"),
    }


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
    context = {
        "led": Partnership.objects.led_by(request.user).select_related("directorate").order_by("reference"),
        "actions": actions,
        "action_count": sum(len(items) for items in actions.values()),
        "today": today,
        **assurance_context(request.user, today),
    }
    return render(request, "partnerships/home.html", context)
