from django.contrib import messages
from django.http import Http404
from django.shortcuts import redirect
from django.views.generic import TemplateView

from .. import lifecycle
from ..choices import Status
from ..forms import TransitionForm, error_summary_items
from .mixins import ConflictMixin, EditPartnershipMixin


class TransitionView(EditPartnershipMixin, ConflictMixin, TemplateView):
    """Confirm a lifecycle move (GET), then make it with a note (POST)."""

    template_name = "register/transition_confirm.html"

    def dispatch(self, request, *args, **kwargs):
        if not request.user.is_authenticated:
            return self.handle_no_permission()
        try:
            self.to_status = Status(kwargs["to_status"])
        except ValueError as error:
            raise Http404("No such status") from error
        return super().dispatch(request, *args, **kwargs)

    def render_form(self, form, refusal=None, status=200):
        context = self.get_context_data(
            form=form,
            to_status=self.to_status,
            action=lifecycle.ACTIONS[self.to_status],
            allowed=self.to_status in self.partnership.allowed_transitions(),
            refusal=refusal,
            error_summary=error_summary_items(form),
        )
        return self.render_to_response(context, status=status)

    def get(self, request, *args, **kwargs):
        return self.render_form(TransitionForm(initial={"lock_version": self.partnership.lock_version}))

    def post(self, request, *args, **kwargs):
        form = TransitionForm(request.POST)
        if not form.is_valid():
            return self.render_form(form)
        if form.cleaned_data["lock_version"] != self.partnership.lock_version:
            return self.conflict("partnership", self.partnership.get_absolute_url())
        try:
            self.partnership.transition(self.to_status, by=request.user, note=form.cleaned_data["note"])
        except lifecycle.TransitionNotAllowed as refusal:
            return self.render_form(form, refusal=str(refusal), status=409)
        messages.success(request, f"{self.partnership.reference} is now {self.to_status.label.lower()}")
        return redirect(self.partnership)
