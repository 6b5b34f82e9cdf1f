"""Partners' voice: the health check answered through an invitation link, without an account.

The link's token is the only credential. It reaches this one page, for this one partnership, once:
an unknown, used, expired or revoked token gets the same "link does not work" page (410) and
reveals nothing. Attempts are rate-limited per address so tokens cannot be guessed at speed.
"""

from django.db import transaction
from django.shortcuts import render
from django.utils import timezone
from django.views.decorators.cache import never_cache
from django.views.decorators.csrf import csrf_protect
from django.views.decorators.http import require_http_methods

from register.forms import error_summary_items
from register.ratelimit import client_address, over_limit

from .forms import PartnerHealthCheckForm
from .models import PartnerInvitation

ATTEMPTS_PER_WINDOW = 20
WINDOW_SECONDS = 600


def rate_limited(request):
    """True once an address has made too many attempts in the window."""
    return over_limit("partner-link", client_address(request), ATTEMPTS_PER_WINDOW, WINDOW_SECONDS)


@never_cache
@csrf_protect
@require_http_methods(["GET", "HEAD", "POST"])
def partner_health_check(request, token):
    if rate_limited(request):
        return render(request, "reviews/assurance/partner/too_many.html", status=429)
    invitation = PartnerInvitation.find(token)
    if invitation is None:
        return render(request, "reviews/assurance/partner/link_not_working.html", status=410)
    form = PartnerHealthCheckForm(request.POST if request.method == "POST" else None, invitation=invitation)
    if request.method == "POST" and form.is_valid():
        with transaction.atomic():
            form.instance.organisation = invitation.organisation
            form.instance.completed_on = timezone.localdate()
            response = form.save()
            if not invitation.use(response):  # a second tab or a double click got there first
                transaction.set_rollback(True)
                return render(request, "reviews/assurance/partner/link_not_working.html", status=410)
        return render(request, "reviews/assurance/partner/thanks.html", {"invitation": invitation})
    context = {
        "form": form,
        "invitation": invitation,
        "partnership": invitation.assurance_return.partnership,
        "error_summary": error_summary_items(form) if form.is_bound else [],
    }
    return render(request, "reviews/assurance/partner/health_check.html", context)
