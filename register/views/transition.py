from django.contrib import messages
from django.contrib.auth.mixins import LoginRequiredMixin
from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect
from django.views.generic import TemplateView

from .. import gates, lifecycle
from ..choices import Status
from ..forms import TransitionForm, error_summary_items
from ..models import Partnership
from .mixins import CHANGE, VIEW, ConflictMixin


def may_move(user, partnership, to_status):
    """Whoever may change the partnership makes its moves; approvers also make the approval itself."""
    if user.has_perm(CHANGE, partnership):
        return True
    return to_status == Status.APPROVED and user.has_perm("register.approve_partnership", partnership)


class TransitionView(LoginRequiredMixin, ConflictMixin, TemplateView):
    """Confirm a lifecycle move (GET), saying what it still needs, then make it with a note (POST)."""

    template_name = "register/transition_confirm.html"

    def dispatch(self, request, *args, **kwargs):
        if not request.user.is_authenticated:
            return self.handle_no_permission()
        try:
            self.to_status = Status(kwargs["to_status"])
        except ValueError as error:
            raise Http404("No such status") from error
        self.partnership = get_object_or_404(Partnership, reference=kwargs["reference"])
        if not (
            request.user.has_perm(VIEW, self.partnership) and may_move(request.user, self.partnership, self.to_status)
        ):
            raise PermissionDenied("You cannot move this partnership.")
        return super().dispatch(request, *args, **kwargs)

    def get(self, request, *args, **kwargs):
        initial = {"lock_version": self.partnership.lock_version}
        return self.render_form(TransitionForm(initial=initial, note_needed=self.note_needed()))

    def note_needed(self):
        allowed = self.to_status in self.partnership.allowed_transitions()
        return allowed and lifecycle.needs_note(self.partnership.status, self.to_status)

    def render_form(self, form, refusal=None, status=200):
        allowed = self.to_status in self.partnership.allowed_transitions()
        context = self.get_context_data(
            partnership=self.partnership,
            form=form,
            to_status=self.to_status,
            action=lifecycle.ACTIONS[self.to_status],
            allowed=allowed,
            reasons=gates.blockers(self.partnership, self.to_status, by=self.request.user) if allowed else [],
            refusal=refusal,
            error_summary=error_summary_items(form),
        )
        return self.render_to_response(context, status=status)

    def post(self, request, *args, **kwargs):
        form = TransitionForm(request.POST, note_needed=self.note_needed())
        if not form.is_valid():
            return self.render_form(form)
        if form.cleaned_data["lock_version"] != self.partnership.lock_version:
            return self.conflict("partnership", self.partnership.get_absolute_url())
        try:
            self.partnership.transition(self.to_status, by=request.user, note=form.cleaned_data["note"])
        except lifecycle.TransitionBlocked as blocked:
            if blocked.reasons == [gates.NOTE_NEEDED]:
                form.add_error("note", "Enter why the partnership is making this move")
                return self.render_form(form)
            return self.render_form(form, status=409)
        except lifecycle.TransitionNotAllowed as refusal:
            return self.render_form(form, refusal=str(refusal), status=409)
        messages.success(request, f"{self.partnership.reference} is now {self.to_status.label.lower()}")
        return redirect(self.partnership)
