"""Short pages that record one governance record of a partnership (one thing per page).

`RecordView` shows the form to people with `edit_permission` on the partnership and the record,
read-only, to everyone else who may read the register. Subclasses say which record, which form
and what to call things; the page templates take only context (no user text is compiled).
"""

import datetime

from django.contrib import messages
from django.contrib.auth.mixins import LoginRequiredMixin
from django.core.exceptions import PermissionDenied
from django.http import FileResponse, Http404
from django.shortcuts import get_object_or_404, redirect
from django.urls import reverse
from django.utils import timezone
from django.utils.formats import date_format
from django.views.generic import TemplateView, View

from .. import significance
from ..forms import (
    AgreementWaiverForm,
    ClosureEvaluationForm,
    ContributionForm,
    DueDiligenceCheckForm,
    ScopeScreeningForm,
    SignificanceForm,
    error_summary_items,
)
from ..models import (
    AgreementWaiver,
    ClosureEvaluation,
    DueDiligenceCheck,
    DueDiligenceItem,
    Partnership,
    PartnershipMember,
    ScopeAnswer,
    ScopeQuestion,
)
from ..models.scope import screening
from .mixins import CHANGE, SAFE_METHODS, VIEW, ConflictMixin


def display_rows(instance, fields):
    """[(label, text)] for a read-only summary of `fields` of a model instance."""
    rows = []
    for name in fields:
        field = instance._meta.get_field(name)
        value = getattr(instance, f"get_{name}_display")() if field.choices else getattr(instance, name)
        if isinstance(value, datetime.date):
            value = date_format(value, "j F Y")
        rows.append((str(field.verbose_name).capitalize(), value or "Not recorded"))
    return rows


class RecordView(LoginRequiredMixin, ConflictMixin, TemplateView):
    template_name = "register/record_form.html"
    read_only_template = "register/record_detail.html"
    edit_permission = CHANGE
    form_class = None
    title = ""
    intro = ""
    submit_label = "Save"
    fragment = "summary"  # where on the partnership page to return to

    def dispatch(self, request, *args, **kwargs):
        if not request.user.is_authenticated:
            return self.handle_no_permission()
        self.partnership = get_object_or_404(
            Partnership.objects.select_related("directorate", "lead_officer"), reference=kwargs["reference"]
        )
        if not request.user.has_perm(VIEW, self.partnership):
            raise PermissionDenied("You do not have access to this partnership.")
        self.can_edit = request.user.has_perm(self.edit_permission, self.partnership)
        if request.method not in SAFE_METHODS and not self.can_edit:
            raise PermissionDenied("You cannot change this record.")
        return super().dispatch(request, *args, **kwargs)

    def get_template_names(self):
        return [self.template_name if self.can_edit else self.read_only_template]

    def get_title(self):
        return self.title

    def read_only_rows(self, instance):
        return display_rows(instance, self.form_class.Meta.fields) if instance.pk else []

    def extra_context_for(self, instance):
        return {}

    def get_instance(self):
        raise NotImplementedError

    def get_form(self, instance, data=None, files=None):
        return self.form_class(data, files, instance=instance)

    def back_url(self):
        return f"{self.partnership.get_absolute_url()}#{self.fragment}"

    def render_page(self, instance, form=None):
        context = self.get_context_data(
            partnership=self.partnership,
            record=instance,
            form=form,
            title=self.get_title(),
            intro=self.intro,
            submit_label=self.submit_label,
            back_url=self.back_url(),
            error_summary=error_summary_items(form) if form is not None else [],
            rows=self.read_only_rows(instance),
            **self.extra_context_for(instance),
        )
        return self.render_to_response(context)

    def get(self, request, *args, **kwargs):
        instance = self.get_instance()
        return self.render_page(instance, self.get_form(instance) if self.can_edit else None)

    def before_save(self, instance):
        """Stamp who recorded it; subclasses add more."""

    def after_save(self, instance, form):
        """Work that needs the saved record (and its many-to-many links)."""

    def post(self, request, *args, **kwargs):
        instance = self.get_instance()
        form = self.get_form(instance, request.POST, request.FILES)
        if not form.is_valid():
            return self.render_page(instance, form)
        self.before_save(form.instance)
        if hasattr(form, "save_checked"):
            if not form.save_checked():
                return self.conflict(self.get_title().lower(), request.path, form)
        else:
            form.save()
        self.after_save(form.instance, form)
        messages.success(request, f"{self.get_title()} for {self.partnership.reference} saved")
        return redirect(self.back_url())


class ClosureEvaluationView(RecordView):
    form_class = ClosureEvaluationForm

    title = "Closure evaluation"
    intro = (
        "Before the partnership closes, record what it achieved, whether it gave value for money, "
        "and what happens to its assets, staff, data and money."
    )
    submit_label = "Save closure evaluation"
    fragment = "governance"

    def get_instance(self):
        return ClosureEvaluation.objects.filter(partnership=self.partnership).first() or ClosureEvaluation(
            partnership=self.partnership
        )

    def before_save(self, instance):
        instance.completed_by = self.request.user
        instance.completed_on = timezone.localdate()


class AgreementWaiverView(RecordView):
    form_class = AgreementWaiverForm

    edit_permission = "register.approve_partnership"
    title = "Agreement waiver"
    intro = (
        "An approver may let a partnership go live without an approved or signed agreement. "
        "The reason is kept on the record and shown to the committee."
    )
    submit_label = "Grant the waiver"
    fragment = "governance"

    def get_instance(self):
        return AgreementWaiver.objects.filter(partnership=self.partnership).first() or AgreementWaiver(
            partnership=self.partnership
        )

    def before_save(self, instance):
        instance.granted_by = self.request.user
        instance.granted_on = timezone.localdate()


class ContributionView(RecordView):
    """One partner's contribution, responsibilities and signatory, for the agreement."""

    form_class = ContributionForm
    intro = (
        "What this partner brings to the partnership each year and once, in money and in kind, what it is "
        "responsible for, and who signs the agreement for it. The agreement lists every partner's contribution."
    )
    submit_label = "Save contribution"
    fragment = "partners"

    def get_title(self):
        return f"Contribution of {self.member.organisation.name}"

    def after_save(self, instance, form):
        significance.rescore(self.partnership)

    def get_instance(self):
        self.member = get_object_or_404(
            PartnershipMember.objects.select_related("organisation"), partnership=self.partnership, pk=self.kwargs["pk"]
        )
        return self.member


class SignificanceView(RecordView):
    """Significance scored from the criteria, with the reasons, and an override that needs a reason."""

    template_name = "register/significance_form.html"
    read_only_template = "register/significance_detail.html"
    form_class = SignificanceForm
    title = "Significance"
    intro = (
        "The register scores significance from criteria the register administrators keep. "
        "The level sets how often the partnership is reviewed."
    )
    submit_label = "Save and score"
    fragment = "summary"

    def get_instance(self):
        return self.partnership

    def read_only_rows(self, instance):
        return []

    def extra_context_for(self, instance):
        return {"score": significance.score(instance)}

    def after_save(self, instance, form):
        significance.apply(
            instance, form.cleaned_data.get("override", ""), form.cleaned_data.get("significance_override_reason", "")
        )
        instance.save(update_fields=significance.SCORED_FIELDS)


class DueDiligenceCheckView(RecordView):
    """One due diligence check of a partnership: done, not needed or outstanding, with optional evidence."""

    form_class = DueDiligenceCheckForm
    submit_label = "Save check"
    fragment = "governance"

    def get_title(self):
        return f"Due diligence: {self.item.name}"

    def get_instance(self):
        self.item = get_object_or_404(DueDiligenceItem, pk=self.kwargs["pk"])
        self.intro = self.item.guidance
        existing = DueDiligenceCheck.objects.filter(partnership=self.partnership, item=self.item).first()
        return existing or DueDiligenceCheck(partnership=self.partnership, item=self.item)

    def back_url(self):
        return reverse("register:due_diligence", args=[self.partnership.reference])

    def before_save(self, instance):
        instance.checked_by = self.request.user
        if instance.checked_on is None and instance.status != "outstanding":
            instance.checked_on = timezone.localdate()


class DueDiligenceView(LoginRequiredMixin, TemplateView):
    """Every due diligence item with this partnership's answer, each linking to its own page."""

    template_name = "register/due_diligence.html"

    def dispatch(self, request, *args, **kwargs):
        if not request.user.is_authenticated:
            return self.handle_no_permission()
        self.partnership = get_object_or_404(Partnership, reference=kwargs["reference"])
        if not request.user.has_perm(VIEW, self.partnership):
            raise PermissionDenied("You do not have access to this partnership.")
        if request.method not in SAFE_METHODS:
            raise PermissionDenied("Change each check on its own page.")
        return super().dispatch(request, *args, **kwargs)

    def get_context_data(self, **kwargs):
        checks = {check.item_id: check for check in self.partnership.due_diligence.select_related("checked_by")}
        return super().get_context_data(
            partnership=self.partnership,
            rows=[(item, checks.get(item.pk)) for item in DueDiligenceItem.objects.filter(active=True)],
            can_edit=self.request.user.has_perm(CHANGE, self.partnership),
            **kwargs,
        )


class DueDiligenceEvidenceView(LoginRequiredMixin, View):
    """The evidence file of a check, for anyone who may read the partnership."""

    def get(self, request, reference, pk):
        check = get_object_or_404(DueDiligenceCheck.objects.select_related("partnership"), pk=pk)
        if check.partnership.reference != reference or not check.evidence:
            raise Http404("No evidence file")
        if not request.user.has_perm(VIEW, check.partnership):
            raise PermissionDenied("You do not have access to this partnership.")
        return FileResponse(check.evidence.open("rb"), as_attachment=True)


class ScopeScreeningView(RecordView):
    """Is this arrangement a partnership at all? Yes or no to each screening question, and the result."""

    template_name = "register/scope_form.html"
    read_only_template = "register/scope_detail.html"
    title = "Scope screening"
    intro = (
        "A contract let by tender, a grant or a commissioned service is not a partnership. "
        "Answer each question; the register works out the result."
    )
    submit_label = "Save answers"

    def get_instance(self):
        return self.partnership

    def get_form(self, instance, data=None, files=None):
        answers = dict(instance.scope_answers.values_list("question_id", "answer"))
        return ScopeScreeningForm(data, questions=list(ScopeQuestion.objects.filter(active=True)), answers=answers)

    def read_only_rows(self, instance):
        answers = dict(instance.scope_answers.values_list("question_id", "answer"))
        return [
            (question.text, {True: "Yes", False: "No"}.get(answers.get(question.pk), "Not answered"))
            for question in ScopeQuestion.objects.filter(active=True)
        ]

    def extra_context_for(self, instance):
        complete, in_scope, against = screening(instance)
        return {"complete": complete, "in_scope": in_scope, "against": against}

    def post(self, request, *args, **kwargs):
        form = self.get_form(self.partnership, request.POST)
        if not form.is_valid():
            return self.render_page(self.partnership, form)
        for question, answer in form.answers():
            ScopeAnswer.objects.update_or_create(
                partnership=self.partnership,
                question=question,
                defaults={"answer": answer, "answered_by": request.user},
            )
        messages.success(request, f"Scope screening for {self.partnership.reference} saved")
        return redirect(request.path)
