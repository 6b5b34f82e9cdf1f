"""Setting up a partnership as a GOV.UK task list: a short first page, then a page per task."""

from django.contrib import messages
from django.db import transaction
from django.shortcuts import redirect
from django.urls import reverse
from django.views.generic import TemplateView

from .. import tasklist
from ..forms import SECTION_PAGES, PartnershipStartForm, error_summary_items, partner_formset, section_form
from ..models import Organisation, Partnership, SubmittedForm
from .mixins import ConflictMixin, EditPartnershipMixin, PartnershipMixin, RoleRequiredMixin


def tasks_url(partnership):
    return reverse("register:partnership_tasks", args=[partnership.reference])


class PartnershipStartView(RoleRequiredMixin, TemplateView):
    """Add a partnership: its name, type and who leads it; the task list does the rest."""

    permission = "register.add_partnership"
    template_name = "register/partnership_start.html"

    def get_form(self):
        data = self.request.POST if self.request.method == "POST" else None
        initial = {"lead_officer": self.request.user}
        profile = getattr(self.request.user, "staff_profile", None)
        if profile and profile.directorate_id:
            initial["directorate"] = profile.directorate_id
        return PartnershipStartForm(data, instance=Partnership(created_by=self.request.user), initial=initial)

    def render_form(self, form):
        return self.render_to_response(self.get_context_data(form=form, error_summary=error_summary_items(form)))

    def get(self, request, *args, **kwargs):
        return self.render_form(self.get_form())

    def post(self, request, *args, **kwargs):
        if earlier := SubmittedForm.result_of(request.POST.get("submission_token")):
            return self.already_added(earlier)
        form = self.get_form()
        if not form.is_valid():
            return self.render_form(form)
        # Added once however many times the same form is sent (a double click, a resend).
        url, first_time = SubmittedForm.once(form.submission_token, request.user, lambda: self.add(form))
        if not first_time:  # sent again while the first was being saved
            return self.already_added(url)
        messages.success(request, f"Partnership {form.instance} added to the register")
        return redirect(url)

    def add(self, form):
        form.save()
        return tasks_url(form.instance)

    def already_added(self, url):
        messages.info(self.request, "This form was already sent, so nothing more was added: here is the partnership")
        return redirect(url)


class TaskListView(PartnershipMixin, TemplateView):
    """The partnership's set-up: each task with its status, and what the next lifecycle move needs."""

    template_name = "register/task_list.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        rows = tasklist.task_rows(self.partnership)
        context.update(
            tasks=rows,
            completed=sum(row.status == tasklist.COMPLETED for row in rows),
            gate=tasklist.next_gate(self.partnership, by=self.request.user) if self.can_edit else None,
        )
        return context


class PartnershipSectionView(EditPartnershipMixin, ConflictMixin, TemplateView):
    """One set-up page: a section of the partnership's details, saved on its own."""

    template_name = "register/partnership_section.html"
    section = None  # a key of SECTION_PAGES, set in the URLconf

    def get_form(self):
        data = self.request.POST if self.request.method == "POST" else None
        return section_form(self.section)(data, instance=self.partnership)

    def render_form(self, form):
        context = self.get_context_data(
            form=form, title=SECTION_PAGES[self.section][0], error_summary=error_summary_items(form)
        )
        return self.render_to_response(context)

    def get(self, request, *args, **kwargs):
        return self.render_form(self.get_form())

    def post(self, request, *args, **kwargs):
        form = self.get_form()
        if not form.is_valid():
            return self.render_form(form)
        if not form.save_checked():
            return self.conflict(SECTION_PAGES[self.section][0].lower(), request.path, form)
        messages.success(request, f"{SECTION_PAGES[self.section][0]} saved")
        return redirect(tasks_url(self.partnership))


class PartnersView(EditPartnershipMixin, TemplateView):
    """The partner organisations, with their roles and contacts."""

    template_name = "register/partners_form.html"

    def get_formset(self):
        data = self.request.POST if self.request.method == "POST" else None
        extra = 1 if self.partnership.memberships.exists() else 2
        return partner_formset(extra)(data, instance=self.partnership, prefix="partners")

    def render_formset(self, formset):
        context = self.get_context_data(
            formset=formset,
            organisations=Organisation.objects.current().values_list("name", flat=True),
            error_summary=error_summary_items(formset),
        )
        return self.render_to_response(context)

    def get(self, request, *args, **kwargs):
        return self.render_formset(self.get_formset())

    def post(self, request, *args, **kwargs):
        formset = self.get_formset()
        if not formset.is_valid():
            return self.render_formset(formset)
        with transaction.atomic():
            formset.save()
        messages.success(request, "Partners saved")
        return redirect(tasks_url(self.partnership))
