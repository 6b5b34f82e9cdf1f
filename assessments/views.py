import datetime

from django.contrib import messages
from django.shortcuts import redirect
from django.utils import timezone
from django.utils.formats import date_format
from django.views.generic import TemplateView

from register import panels
from register.forms import error_summary_items
from register.views.mixins import ConflictMixin, EditPartnershipMixin, PartnershipMixin
from register.views.records import RecordView

from .forms import AssessmentForm, DecisionForm, HealthCheckForm
from .models import PartnershipAssessment
from .scoring import health_check_results


def read_only_fields(assessment):
    """[(label, text)] for everything the assessment form records."""
    rows = []
    for name in (*AssessmentForm.Meta.fields, *DecisionForm.Meta.fields):
        field = PartnershipAssessment._meta.get_field(name)
        value = getattr(assessment, f"get_{name}_display")() if field.choices else getattr(assessment, name)
        if isinstance(value, datetime.date):
            value = date_format(value, "j F Y")
        rows.append((str(field.verbose_name).capitalize(), value))
    return rows


class AssessmentView(PartnershipMixin, ConflictMixin, TemplateView):
    """Readers see the assessment; officers who may change the partnership record or update it."""

    def get_template_names(self):
        return ["assessments/assessment_form.html" if self.can_edit else "assessments/assessment_detail.html"]

    def get_assessment(self):
        existing = PartnershipAssessment.objects.filter(partnership=self.partnership).first()
        return existing or PartnershipAssessment(partnership=self.partnership)

    def render_form(self, form, assessment):
        context = self.get_context_data(form=form, assessment=assessment, error_summary=error_summary_items(form))
        if not self.can_edit:
            context["assessment_fields"] = read_only_fields(assessment)
        return self.render_to_response(context)

    def get(self, request, *args, **kwargs):
        assessment = self.get_assessment()
        return self.render_form(AssessmentForm(instance=assessment) if self.can_edit else None, assessment)

    def post(self, request, *args, **kwargs):
        assessment = self.get_assessment()
        form = AssessmentForm(request.POST, instance=assessment)
        if not form.is_valid():
            return self.render_form(form, assessment)
        form.instance.completed_by = request.user
        if not form.save_checked():
            return self.conflict("assessment", request.path, form)
        messages.success(request, f"Assessment of {self.partnership.reference} saved")
        return redirect(self.partnership.get_absolute_url() + "#assessment")


class DecisionView(RecordView):
    """The decision record: what was decided about entering the partnership, by whom, when, and its minute."""

    form_class = DecisionForm
    title = "Decision record"
    intro = (
        "Record the decision to enter the partnership as it was taken under the council's constitution. "
        "An approver checks it before approving the partnership in the register."
    )
    submit_label = "Save decision record"
    fragment = "assessment"

    def get_instance(self):
        existing = PartnershipAssessment.objects.filter(partnership=self.partnership).first()
        return existing or PartnershipAssessment(partnership=self.partnership)

    def before_save(self, instance):
        if instance.completed_by_id is None:
            instance.completed_by = self.request.user


class HealthCheckCreateView(EditPartnershipMixin, TemplateView):
    template_name = "assessments/health_check_form.html"

    def render_form(self, form):
        return self.render_to_response(self.get_context_data(form=form, error_summary=error_summary_items(form)))

    def get(self, request, *args, **kwargs):
        initial = {"completed_on": timezone.localdate()}
        return self.render_form(HealthCheckForm(initial=initial, partnership=self.partnership))

    def post(self, request, *args, **kwargs):
        form = HealthCheckForm(request.POST, partnership=self.partnership)
        if not form.is_valid():
            return self.render_form(form)
        form.instance.entered_by = request.user
        response = form.save()
        messages.success(request, f"Health check from {response.respondent_name} saved")
        return redirect(self.partnership.get_absolute_url() + "#assessment")


def panel_context(partnership, user):
    """The assessment panel on the partnership page: a fixed number of queries."""
    assessment = panels.related_or_none(partnership, "assessment")  # read with the partnership (see apps.py)
    results = health_check_results(partnership)
    respondents = list(dict.fromkeys(label for result in results for label in result.respondent_scores))
    return {
        "assessment": assessment,
        "checklist": assessment.checklist_status() if assessment else [],
        "results": results,
        "respondents": respondents,
        "rows": [(result, [result.respondent_scores.get(label) for label in respondents]) for result in results],
        "can_edit": user.has_perm("register.change_partnership", partnership),
    }
