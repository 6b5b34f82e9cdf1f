"""Upload -> preview -> confirm for register administrators; export for anyone with a role."""

import datetime

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.mixins import PermissionRequiredMixin
from django.http import FileResponse, Http404, HttpResponse, StreamingHttpResponse
from django.shortcuts import get_object_or_404, redirect
from django.utils import timezone
from django.views import View
from django.views.generic import FormView, ListView, TemplateView

from partnerships.jobs.models import Job, JobKind, JobStatus
from partnerships.jobs.queue import job_for_query, start_job
from partnerships.models import ImportMode, ToolkitImport
from register.filtersets import PartnershipFilterSet
from register.models import Partnership

from . import exporter, importer, preview
from .forms import ColumnMappingForm, UploadForm
from .workbook import WorkbookError

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
DOUBLE_CLICK_WINDOW = datetime.timedelta(minutes=2)


class ImportPermission(PermissionRequiredMixin):
    """Register administrators only; anyone else signed in gets 403, anonymous users the login page."""

    permission_required = "register.import_toolkit"


class UploadView(ImportPermission, FormView):
    """Keep the file and check it in the background; the user watches the check, then sees the preview."""

    template_name = "toolkit/upload.html"
    form_class = UploadForm

    def form_valid(self, form):
        upload = form.upload
        recent = timezone.now() - DOUBLE_CLICK_WINDOW
        same_file = (
            Job.objects.filter(kind=JobKind.TOOLKIT_CHECK, owner=self.request.user, created_at__gte=recent)
            .exclude(status=JobStatus.FAILED)
            .filter(params__sha256=upload.sha256)
            .first()
        )
        if same_file:  # a double click, or the same file sent twice in a row: the check already under way
            return redirect(same_file)
        entry = preview.record_upload(upload, self.request.user)
        return redirect(preview.start_check(entry, self.request.user))

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        form = context["form"]
        context["error_summary"] = [(f"id_{name}", error) for name, errors in form.errors.items() for error in errors]
        context["recent"] = ToolkitImport.objects.select_related("user")[:3]
        return context


def stored_upload(entry):
    try:
        return preview.read_stored(entry)
    except WorkbookError as error:
        raise Http404("The uploaded file is no longer stored. Upload it again.") from error


class EntryMixin(ImportPermission):
    def dispatch(self, request, *args, **kwargs):
        if not self.has_permission():  # before looking anything up: no hints to outsiders
            return self.handle_no_permission()
        self.entry = get_object_or_404(ToolkitImport.objects.select_related("user"), pk=kwargs["pk"])
        return super().dispatch(request, *args, **kwargs)


class PreviewView(EntryMixin, TemplateView):
    """What the import would do, row by row, from the upload's latest check; once applied, what it did."""

    template_name = "toolkit/preview.html"

    def get(self, request, *args, **kwargs):
        if self.entry.is_applied:
            return self.render_to_response(self.get_context_data(entry=self.entry))
        findings = preview.Findings.latest(self.entry)
        tables = findings.tables() if findings else None
        if tables is None:  # not checked yet with these columns, or the check has expired
            running = preview.running_check(self.entry, request.user)
            if running:
                return redirect(running)
            return self.render_to_response(self.get_context_data(entry=self.entry, needs_check=True))
        mapping_form = ColumnMappingForm(findings.mapping_plan(), self.entry.column_mapping)
        return self.render_to_response(self.context_for(findings, tables, mapping_form))

    def post(self, request, *args, **kwargs):
        """The column mapping form: save the choices and check the workbook again."""
        findings = None if self.entry.is_applied else preview.Findings.latest(self.entry)
        if findings is None:
            return redirect("toolkit:preview", self.entry.pk)
        mapping_form = ColumnMappingForm(findings.mapping_plan(), self.entry.column_mapping, request.POST)
        if not mapping_form.is_valid():
            return self.render_to_response(self.context_for(findings, findings.tables() or "", mapping_form))
        self.entry.column_mapping = mapping_form.mapping(self.entry.column_mapping)
        self.entry.save(update_fields=["column_mapping"])
        messages.success(request, "Columns updated. The workbook is being checked again.")
        return redirect(preview.start_check(self.entry, request.user))

    def context_for(self, findings, tables, mapping_form):
        return self.get_context_data(
            entry=self.entry,
            tables=tables,
            mapping_form=mapping_form if mapping_form.fields else None,
            **findings.context(),
        )


class CheckView(EntryMixin, View):
    """Check the upload (again): after its last check expired, or to see the register's changes since."""

    def post(self, request, *args, **kwargs):
        if self.entry.is_applied:
            return redirect("toolkit:preview", self.entry.pk)
        return redirect(preview.start_check(self.entry, request.user))


class ConfirmView(ImportPermission, View):
    """Apply the import: everything in one transaction, or only the valid rows if the user chose that."""

    def post(self, request, pk):
        entry = get_object_or_404(ToolkitImport, pk=pk)
        if entry.is_applied:
            messages.info(request, "This file has already been imported.")
            return redirect("toolkit:preview", entry.pk)
        valid_only = request.POST.get("valid_only") == "1"
        if settings.TOOLKIT_IMPORT_IN_BACKGROUND:
            return redirect(import_job(entry, request.user, valid_only))
        try:
            plan = importer.import_workbook(
                stored_upload(entry), mapping=entry.column_mapping, valid_only=valid_only, user=request.user
            )
        except WorkbookError:
            raise Http404("The stored file cannot be read. Upload it again.") from None
        except importer.ImportRefused as refused:
            messages.error(request, str(refused))
            return redirect("toolkit:preview", entry.pk)
        rejects = importer.rejects_workbook(plan) if plan.has_errors else None
        mode = ImportMode.VALID_ONLY if plan.has_errors else ImportMode.APPLIED
        importer.update_record(entry, plan, mode=mode, rejects=rejects)
        totals = plan.totals
        message = f"Imported {entry.file_name}: {totals['created']} new and {totals['updated']} updated rows."
        if rejects:
            rows = "1 row" if totals["errors"] == 1 else f"{totals['errors']} rows"
            message += f" {rows} with errors left out: download them below to fix."
        messages.success(request, message)
        return redirect("toolkit:preview", entry.pk)


def import_job(entry, user, valid_only):
    """The job applying this upload: the one already under way (a double click), or a new one."""
    running = Job.objects.unfinished().filter(kind=JobKind.TOOLKIT_IMPORT, params__import=entry.pk).first()
    if running:
        return running
    params = {"import": entry.pk, "valid_only": valid_only}
    return start_job(kind=JobKind.TOOLKIT_IMPORT, owner=user, params=params)


class RejectsView(ImportPermission, View):
    def get(self, request, pk):
        entry = get_object_or_404(ToolkitImport, pk=pk)
        if not entry.rejects:
            raise Http404("This import has no rejected rows.")
        stem = entry.file_name.rsplit(".", 1)[0]
        return FileResponse(
            entry.rejects.open("rb"), as_attachment=True, filename=f"{stem}-rejected-rows.xlsx", content_type=XLSX
        )


class HistoryView(ImportPermission, ListView):
    template_name = "toolkit/history.html"
    context_object_name = "imports"
    paginate_by = 25

    def get_queryset(self):
        return ToolkitImport.objects.select_related("user")


class ExportPermission(PermissionRequiredMixin):
    permission_required = "register.export_toolkit"

    def partnerships(self):
        """The same partnerships as the register list shows with these filters."""
        return PartnershipFilterSet(self.request.GET or None, queryset=Partnership.objects.all()).qs

    def filename(self, extension):
        return f"partnership-register-{datetime.date.today():%Y-%m-%d}.{extension}"


class ExportView(ExportPermission, View):
    def get(self, request):
        partnerships = self.partnerships()
        rows = partnerships.count()
        if rows > settings.EXPORT_IN_BACKGROUND_ROWS:  # too long for one request: a job, and its progress page
            query = request.GET.urlencode()
            return redirect(
                job_for_query(kind=JobKind.REGISTER_EXPORT, owner=request.user, query=query, rows_total=rows)
            )
        content = exporter.export_workbook(partnerships)
        response = HttpResponse(content, content_type=XLSX)
        response["Content-Disposition"] = f'attachment; filename="{self.filename("xlsx")}"'
        return response


class ExportCsvView(ExportPermission, View):
    def get(self, request):
        """Streamed as it is read from the database: the whole register never sits in memory."""
        chunks = (chunk.encode() for chunk in exporter.csv_chunks(self.partnerships()))
        response = StreamingHttpResponse(chunks, content_type="text/csv; charset=utf-8")
        response["Content-Disposition"] = f'attachment; filename="{self.filename("csv")}"'
        return response
