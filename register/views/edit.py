"""Edit a partnership with its partners; add and edit risk entries."""

from django.contrib import messages
from django.db import transaction
from django.shortcuts import get_object_or_404, redirect
from django.views.generic import TemplateView

from .. import significance
from ..forms import PartnershipForm, RiskForm, error_summary_items, partner_formset
from ..models import Organisation, RiskEntry
from .mixins import ConflictMixin, EditPartnershipMixin


class PartnershipFormMixin(ConflictMixin):
    template_name = "register/partnership_form.html"
    extra_partners = 1

    def get_forms(self, instance):
        data = self.request.POST if self.request.method == "POST" else None
        form = PartnershipForm(data, instance=instance)
        formset = partner_formset(self.extra_partners)(data, instance=instance, prefix="partners")
        return form, formset

    def render_forms(self, form, formset, status=200):
        context = self.get_context_data(
            form=form,
            formset=formset,
            organisations=Organisation.objects.current().values_list("name", flat=True),
            error_summary=error_summary_items(form, formset),
        )
        return self.render_to_response(context, status=status)

    def get(self, request, *args, **kwargs):
        return self.render_forms(*self.get_forms(self.get_instance()))

    def post(self, request, *args, **kwargs):
        instance = self.get_instance()
        form, formset = self.get_forms(instance)
        if not (form.is_valid() and formset.is_valid()):
            return self.render_forms(form, formset)
        with transaction.atomic():
            saved = form.save_checked()
            if saved:
                formset.save()
        if not saved:
            return self.conflict("partnership", request.path, form)
        significance.rescore(form.instance)  # the type, money or partners may have changed the score
        messages.success(request, self.success_message.format(partnership=form.instance))
        return redirect(form.instance)


class PartnershipUpdateView(EditPartnershipMixin, PartnershipFormMixin, TemplateView):
    success_message = "Changes to {partnership} saved"

    def get_instance(self):
        return self.partnership


class RiskFormView(EditPartnershipMixin, ConflictMixin, TemplateView):
    template_name = "register/risk_form.html"

    def get_risk(self):
        if "pk" in self.kwargs:
            return get_object_or_404(RiskEntry, partnership=self.partnership, pk=self.kwargs["pk"])
        return RiskEntry(partnership=self.partnership)

    def render_form(self, form, status=200):
        context = self.get_context_data(form=form, risk=form.instance, error_summary=error_summary_items(form))
        return self.render_to_response(context, status=status)

    def get(self, request, *args, **kwargs):
        return self.render_form(RiskForm(instance=self.get_risk(), partnership=self.partnership))

    def post(self, request, *args, **kwargs):
        risk = self.get_risk()
        form = RiskForm(request.POST, instance=risk, partnership=self.partnership)
        if not form.is_valid():
            return self.render_form(form)
        if not form.save_checked():
            return self.conflict(f"risk {risk.risk_id}", request.path, form)
        messages.success(request, f"Risk {form.instance.risk_id} saved")
        return redirect(self.partnership.get_absolute_url() + "#risks")
