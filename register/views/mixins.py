"""Small view mixins for permissions, shared by every app's views.

- Anonymous users are sent to the sign-in page.
- `PartnershipMixin` loads the partnership named by the URL's `reference` and checks
  `partnership_permission` on it (reading by default). Unsafe methods (POST...) always need
  `register.change_partnership`, so read-only users (Scrutiny) get 403 on POST everywhere.
- `EditPartnershipMixin` needs `register.change_partnership` for every method.
"""

from django.contrib.auth.mixins import LoginRequiredMixin
from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404

from ..conflicts import render_conflict
from ..models import Partnership

SAFE_METHODS = ("GET", "HEAD", "OPTIONS")
VIEW = "register.view_partnership"
CHANGE = "register.change_partnership"


class RoleRequiredMixin(LoginRequiredMixin):
    """Signed-in staff with `permission` (default: any role that may read the register)."""

    permission = VIEW

    def dispatch(self, request, *args, **kwargs):
        if not request.user.is_authenticated:
            return self.handle_no_permission()
        if not request.user.has_perm(self.permission):
            raise PermissionDenied("You do not have access to this page.")
        if request.method not in SAFE_METHODS and self.permission == VIEW:
            raise PermissionDenied("You can view this page but not change anything.")
        return super().dispatch(request, *args, **kwargs)


class PartnershipMixin(LoginRequiredMixin):
    """Loads `self.partnership` from the URL and checks the user may see (or change) it."""

    partnership_permission = VIEW
    partnership_queryset = Partnership.objects.select_related("directorate", "lead_officer")

    def dispatch(self, request, *args, **kwargs):
        if not request.user.is_authenticated:
            return self.handle_no_permission()
        self.partnership = get_object_or_404(self.partnership_queryset, reference=kwargs["reference"])
        needed = self.partnership_permission if request.method in SAFE_METHODS else CHANGE
        if not request.user.has_perm(VIEW, self.partnership) or not request.user.has_perm(needed, self.partnership):
            raise PermissionDenied("You do not have permission to change this partnership.")
        return super().dispatch(request, *args, **kwargs)

    @property
    def can_edit(self):
        return self.request.user.has_perm(CHANGE, self.partnership)

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context.update(partnership=self.partnership, can_edit=self.can_edit)
        return context


class EditPartnershipMixin(PartnershipMixin):
    """Only users who may change this partnership get in, for any method."""

    partnership_permission = CHANGE


class ConflictMixin:
    """Renders the "changed since you opened it" page (409) for optimistic-locking clashes."""

    def conflict(self, what, back_url, form=None):
        """`form` (the stale one) lets the page show the user's version beside the saved one."""
        return render_conflict(self.request, what, back_url, form)


class ErrorSummaryMixin:
    """Puts [(anchor, message)] for the GOV.UK error summary into the context of a form view."""

    def error_sources(self, context):
        return [context.get("form")]

    def get_context_data(self, **kwargs):
        from ..forms import error_summary_items

        context = super().get_context_data(**kwargs)
        context["error_summary"] = error_summary_items(*self.error_sources(context))
        return context
