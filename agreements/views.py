"""Drafting, approving, signing and issuing partnership agreements.

Every view checks a permission from agreements/rules.py on the server: reading views need
`agreements.view_agreement`, and each change needs its own permission, so read-only users
(the scrutiny committee) get 403 on every POST.
"""

import datetime

from django.contrib import messages
from django.contrib.auth.mixins import LoginRequiredMixin
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.db.models import Prefetch
from django.http import FileResponse, Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect
from django.utils import timezone
from django.utils.http import urlencode
from django.views.generic import TemplateView, View

from register.conflicts import render_conflict
from register.forms import error_summary_items
from register.models import Partnership
from register.views.listing import pagination_items

from . import diff
from .facts import facts_for
from .forms import AgreementForm, CompareForm, SignatureForm, StandardClauseForm
from .models import (
    AgreementStateError,
    AgreementStatus,
    PartnershipAgreement,
    Section,
    StandardClause,
    without_signed_agreement,
)
from .pdf import render_agreement_pdf, signature_rows
from .rules import visible_to
from .tasks import issue_agreement_pdf

PDF_BEING_PREPARED = "The PDF is being prepared. It is usually ready within a minute: download it from this page then."

VIEW = "agreements.view_agreement"
# Legal's lists, one shown at a time (`?list=`): {key: (title, its page's name when all four shared a page)}.
LIST_PAGE_SIZE = 50
LISTS = {
    "awaiting": ("Awaiting approval", "awaiting_page"),
    "not-signed": ("Approved, not yet signed", "not_signed_page"),
    "expiring": ("Ending within 90 days", "expiring_page"),
    "missing": ("Live partnerships without a signed agreement", "missing_page"),
}
EXPIRY_WINDOW = datetime.timedelta(days=90)

# What the agreement page shows from the register under a section's own text.
FACT_BLOCKS = {
    Section.PARTIES: "agreements/includes/facts_partners.html",
    Section.AIMS: "agreements/includes/facts_objectives.html",
    Section.MILESTONES: "agreements/includes/facts_dates.html",
    Section.LEGAL_STATUS: "agreements/includes/facts_legal_status.html",
    Section.RISK: "agreements/includes/facts_risks.html",
    Section.GOVERNANCE: "agreements/includes/facts_governance.html",
    Section.ROLES: "agreements/includes/facts_roles.html",
    Section.FINANCE: "agreements/includes/facts_money.html",
}


class PermissionMixin(LoginRequiredMixin):
    """Signed-in users with `permission` (checked against `permission_object()`), else 403."""

    permission = VIEW

    def permission_object(self):
        return None

    def dispatch(self, request, *args, **kwargs):
        if not request.user.is_authenticated:
            return self.handle_no_permission()
        self.load(**kwargs)
        if not request.user.has_perm(self.permission, self.permission_object()):
            raise PermissionDenied("You do not have permission to do this.")
        return super().dispatch(request, *args, **kwargs)

    def load(self, **kwargs):
        """Fetch the objects the URL names (404 if missing) before permissions are checked."""


class PartnershipAgreementMixin(PermissionMixin):
    """Loads `self.partnership` and, when the URL has a version number, `self.agreement`."""

    def load(self, reference, version_number=None, **kwargs):
        self.partnership = get_object_or_404(
            Partnership.objects.select_related("directorate", "lead_officer"), reference=reference
        )
        if not self.request.user.has_perm("register.view_partnership", self.partnership):
            raise PermissionDenied("You do not have access to this partnership.")
        self.agreement = None
        if version_number is not None:
            self.agreement = get_object_or_404(
                PartnershipAgreement.objects.select_related("approved_by", "submitted_by", "created_by"),
                partnership=self.partnership,
                version_number=version_number,
            )
            self.agreement.partnership = self.partnership

    def permission_object(self):
        return self.agreement or self.partnership

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context.update(partnership=self.partnership, agreement=self.agreement)
        return context


def actions_for(user, agreement):
    """What this user may do with this version now, for the buttons on its page."""
    has = user.has_perm
    return {
        "can_edit": has("agreements.change_agreement", agreement),
        "can_submit": has("agreements.submit_agreement", agreement),
        "can_approve": agreement.status == AgreementStatus.SUBMITTED and has("agreements.approve_agreement", agreement),
        "can_return": has("agreements.return_agreement", agreement),
        "can_sign": has("agreements.sign_agreement", agreement),
        "can_end": has("agreements.end_agreement", agreement),
        "can_new_version": agreement.is_issued
        and not agreement.partnership.agreements.open().exists()
        and has("agreements.add_agreement", agreement.partnership),
    }


# -- one partnership's agreement --------------------------------------------------------------
class CurrentAgreementView(PartnershipAgreementMixin, TemplateView):
    """The partnership's latest version, or a page to start the first draft."""

    template_name = "agreements/none.html"

    def get(self, request, *args, **kwargs):
        for version in self.partnership.agreements.order_by("-version_number"):
            if request.user.has_perm(VIEW, version):
                return redirect("agreements:detail", self.partnership.reference, version.version_number)
        return super().get(request, *args, **kwargs)

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["can_start"] = not self.partnership.agreements.exists() and self.request.user.has_perm(
            "agreements.add_agreement", self.partnership
        )
        return context


class StartAgreementView(PartnershipAgreementMixin, View):
    permission = "agreements.add_agreement"

    def post(self, request, *args, **kwargs):
        try:
            agreement = PartnershipAgreement.start(self.partnership, by=request.user)
        except AgreementStateError as error:
            messages.error(request, str(error))
            return redirect("agreements:current", self.partnership.reference)
        messages.success(request, "Draft agreement started from the council's standard text")
        return redirect("agreements:edit", self.partnership.reference, agreement.version_number)


class AgreementDetailView(PartnershipAgreementMixin, TemplateView):
    template_name = "agreements/detail.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        agreement, user = self.agreement, self.request.user
        versions = [version for version in self.partnership.agreements.all() if user.has_perm(VIEW, version)]
        for version in versions:
            version.partnership = self.partnership
        facts = facts_for(agreement)
        context.update(
            actions_for(user, agreement),
            facts=facts,
            sections=[
                (number, section, text, FACT_BLOCKS.get(section, ""))
                for number, (section, text) in enumerate(agreement.sections(), 1)
            ],
            versions=versions,
            previous=next((v for v in versions if v.version_number < agreement.version_number), None),
            superseded_by=next((v for v in reversed(versions) if v.version_number > agreement.version_number), None),
            signatures=signature_rows(agreement, facts),
        )
        return context


class AgreementEditView(PartnershipAgreementMixin, TemplateView):
    permission = "agreements.change_agreement"
    template_name = "agreements/form.html"

    def render_form(self, form):
        return self.render_to_response(self.get_context_data(form=form, error_summary=error_summary_items(form)))

    def get(self, request, *args, **kwargs):
        return self.render_form(AgreementForm(instance=self.agreement))

    def post(self, request, *args, **kwargs):
        form = AgreementForm(request.POST, instance=self.agreement)
        if not form.is_valid():
            return self.render_form(form)
        if not form.save_checked():
            return render_conflict(request, "agreement", request.path, form)
        messages.success(request, f"Version {self.agreement.version_number} saved")
        return redirect(self.agreement)


class AgreementActionView(PartnershipAgreementMixin, View):
    """A POSTed state change: calls `act()`, then shows its message on the version's page."""

    success_message = ""

    def act(self):
        raise NotImplementedError

    def post(self, request, *args, **kwargs):
        try:
            target = self.act() or self.agreement
        except AgreementStateError as error:
            messages.error(request, str(error))
            return redirect(self.agreement)
        messages.success(request, self.success_message.format(agreement=target))
        return redirect(target)


class SubmitView(AgreementActionView):
    permission = "agreements.submit_agreement"
    success_message = "Version {agreement.version_number} sent to legal for approval"

    def act(self):
        self.agreement.submit(by=self.request.user)


class ReturnView(AgreementActionView):
    permission = "agreements.return_agreement"
    success_message = "Version {agreement.version_number} returned to the officers as a draft"

    def act(self):
        self.agreement.return_to_draft(by=self.request.user)


class EndView(AgreementActionView):
    permission = "agreements.end_agreement"
    success_message = "Version {agreement.version_number} marked as ended"

    def act(self):
        self.agreement.end(by=self.request.user)


class NewVersionView(AgreementActionView):
    permission = "agreements.add_agreement"
    success_message = "Version {agreement.version_number} started as a draft copy of the previous version"

    def permission_object(self):
        return self.partnership

    def act(self):
        return self.agreement.new_version(by=self.request.user)


class ApproveView(PartnershipAgreementMixin, TemplateView):
    """Legal confirm, then the version is frozen and its PDF issued."""

    permission = "agreements.approve_agreement"
    template_name = "agreements/approve.html"

    def get(self, request, *args, **kwargs):
        if self.agreement.status != AgreementStatus.SUBMITTED:
            messages.error(request, "Only a version sent to legal can be approved.")
            return redirect(self.agreement)
        return super().get(request, *args, **kwargs)

    def post(self, request, *args, **kwargs):
        try:
            self.agreement.approve(by=request.user)
        except AgreementStateError as error:
            messages.error(request, str(error))
            return redirect(self.agreement)
        self.agreement.refresh_from_db()  # the PDF is stored already if the queue runs tasks in-process
        if self.agreement.pdf_pending:
            messages.success(request, f"Version {self.agreement.version_number} approved. Its PDF is being prepared")
        else:
            messages.success(request, f"Version {self.agreement.version_number} approved and its PDF issued")
        return redirect(self.agreement)


class SignaturesView(PartnershipAgreementMixin, TemplateView):
    permission = "agreements.sign_agreement"
    template_name = "agreements/signatures.html"

    def get_forms(self):
        data = self.request.POST if self.request.method == "POST" else None
        existing = {signatory.organisation_id: signatory for signatory in self.agreement.signatories.all()}
        forms = []
        for index, party in enumerate(self.agreement.signing_parties()):
            signatory = existing.get(party.pk if party else None)
            initial = (
                {"name": signatory.name, "job_title": signatory.job_title, "signed_on": signatory.signed_on}
                if signatory
                else {}
            )
            party_name = str(party) if party else self.agreement.register_facts.get("council_name", "The council")
            forms.append(
                SignatureForm(data, prefix=f"party-{index}", initial=initial, party=party, party_name=party_name)
            )
        return forms

    def render_forms(self, forms):
        return self.render_to_response(self.get_context_data(forms=forms, error_summary=error_summary_items(*forms)))

    def get(self, request, *args, **kwargs):
        return self.render_forms(self.get_forms())

    def post(self, request, *args, **kwargs):
        forms = self.get_forms()
        if not all(form.is_valid() for form in forms):
            return self.render_forms(forms)
        entries = [entry for form in forms if (entry := form.entry())]
        try:
            signed = self.agreement.record_signatures(entries, by=request.user)
        except AgreementStateError as error:
            messages.error(request, str(error))
            return redirect(self.agreement)
        if signed:
            messages.success(request, "Every partner has signed: the agreement is now signed")
        else:
            messages.success(request, "Signatures saved. The agreement is signed once every partner has signed.")
        return redirect(self.agreement)


class AgreementPdfView(PartnershipAgreementMixin, View):
    """The issued PDF, byte for byte, for an approved version; a DRAFT-marked rendering otherwise.

    An approved or signed version's file is drawn in the background; until it is stored, the agreement
    page says it is being prepared (and the issue is queued again, in case its worker was lost).
    """

    def get(self, request, *args, **kwargs):
        agreement = self.agreement
        filename = agreement.pdf_filename()
        if agreement.pdf_pending:
            issue_agreement_pdf.enqueue(agreement.pk)  # does nothing if a worker has just stored it
            agreement.refresh_from_db()
            if agreement.pdf_pending:
                messages.info(request, PDF_BEING_PREPARED)
                return redirect(agreement)
        if agreement.is_signed:  # the signed record: the issued text with every signature filled in
            return FileResponse(
                agreement.signed_pdf.open("rb"),
                content_type="application/pdf",
                as_attachment=True,
                filename=filename.replace(".pdf", "-signed.pdf"),
            )
        if agreement.is_issued:
            return FileResponse(
                agreement.pdf.open("rb"), content_type="application/pdf", as_attachment=True, filename=filename
            )
        response = HttpResponse(render_agreement_pdf(agreement), content_type="application/pdf")
        response["Content-Disposition"] = f'attachment; filename="{filename.replace(".pdf", "-DRAFT.pdf")}"'
        return response


class CompareView(PartnershipAgreementMixin, TemplateView):
    """Two versions' text side by side."""

    template_name = "agreements/compare.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        user = self.request.user
        versions = {v.version_number: v for v in self.partnership.agreements.all() if user.has_perm(VIEW, v)}
        numbers = sorted(versions)
        if len(numbers) < 2:
            context["form"] = None
            return context
        initial = {"old": numbers[-2], "new": numbers[-1]}
        form = CompareForm(self.request.GET or initial, versions=numbers)
        if form.is_valid():
            old, new = versions[form.cleaned_data["old"]], versions[form.cleaned_data["new"]]
        else:
            old, new = versions[initial["old"]], versions[initial["new"]]
        context.update(form=form, old=old, new=new, diffs=diff.compare(old, new))
        return context


# -- legal's list and the standard text --------------------------------------------------------
class AgreementListView(PermissionMixin, TemplateView):
    """Legal's work, one list at a time: what awaits approval, what is not yet signed, what expires
    soon, what is missing. Only the list shown is paged and counted; the three lists of agreement
    versions are counted for the links between them (by the status index), while the live
    partnerships without a signed agreement, which takes reading every live partnership, are counted
    only when that list is open."""

    template_name = "agreements/list.html"

    def get(self, request, *args, **kwargs):
        for key, (_title, legacy_param) in LISTS.items():
            if legacy_param in request.GET:  # an address from when the four lists shared one page
                return redirect(f"{request.path}?{urlencode({'list': key, 'page': request.GET[legacy_param]})}")
        return super().get(request, *args, **kwargs)

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        user, today = self.request.user, timezone.localdate()
        agreements = visible_to(user, PartnershipAgreement.objects.select_related("partnership"))
        lists = {
            "awaiting": agreements.awaiting_approval().order_by("submitted_at", "pk"),
            "not-signed": agreements.approved_not_signed().order_by("approved_at", "pk"),
            "expiring": agreements.expiring_between(today, today + EXPIRY_WINDOW).order_by("expires_on", "pk"),
        }
        current = self.request.GET.get("list")
        current = current if current in LISTS else "awaiting"
        rows = missing_agreements() if current == "missing" else lists[current]
        page = Paginator(rows, LIST_PAGE_SIZE).get_page(self.request.GET.get("page"))

        def count(key):
            if key == current:
                return page.paginator.count
            return lists[key].count() if key in lists else None  # the missing ones: only when open

        links = [
            {"key": key, "title": title, "url": f"?list={key}", "count": count(key), "current": key == current}
            for key, (title, _legacy_param) in LISTS.items()
        ]
        context.update(
            lists=links,
            current=current,
            title=LISTS[current][0],
            page_obj=page,
            pagination=pagination_items(self.request, page),
            can_approve=user.has_perm("agreements.approve_agreement"),
        )
        return context


def missing_agreements():
    """Live partnerships without a signed agreement, each with its latest version (if any)."""
    return (
        without_signed_agreement(Partnership.objects)
        .select_related("lead_officer")
        .only("reference", "name", "lead_officer_name", "lead_officer")
        .order_by("reference")
        .prefetch_related(
            Prefetch("agreements", queryset=PartnershipAgreement.objects.current().order_by("-version_number"))
        )
    )


class ClauseListView(PermissionMixin, TemplateView):
    permission = "agreements.view_standardclause"
    template_name = "agreements/clause_list.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        clauses = {clause.section: clause for clause in StandardClause.objects.all()}
        context.update(
            clauses=[(number, section, clauses.get(section.value)) for number, section in enumerate(Section, 1)],
            can_change=self.request.user.has_perm("agreements.change_standardclause"),
        )
        return context


class ClauseUpdateView(PermissionMixin, TemplateView):
    permission = "agreements.change_standardclause"
    template_name = "agreements/clause_form.html"

    def load(self, section, **kwargs):
        if section not in Section.values:
            raise Http404("No such section.")
        self.section = Section(section)
        self.clause = StandardClause.objects.filter(section=section).first() or StandardClause(section=section)

    def render_form(self, form):
        context = self.get_context_data(form=form, section=self.section, error_summary=error_summary_items(form))
        return self.render_to_response(context)

    def get(self, request, *args, **kwargs):
        return self.render_form(StandardClauseForm(instance=self.clause))

    def post(self, request, *args, **kwargs):
        form = StandardClauseForm(request.POST, instance=self.clause)
        if not form.is_valid():
            return self.render_form(form)
        if not form.save_checked():
            return render_conflict(request, "standard text", request.path, form)
        messages.success(request, f"Standard text for “{self.section.label}” saved. New agreements will use it.")
        return redirect("agreements:clauses")
