"""What each kind of job does, run by a worker. Each takes the Job and records its outcome on it.

A runner raises `JobFailed` for a failure the user can act on (a workbook with errors); anything
else is a fault: the job says "something went wrong" and the error is logged for the service team.
"""

import datetime
import tempfile

from django.core.files import File
from django.db import transaction
from django.http import QueryDict
from django.urls import reverse

from partnerships.models import ImportMode, ToolkitImport

from .models import JobKind

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
PROGRESS_EVERY = 250  # rows between progress updates (one small UPDATE each)


class JobFailed(Exception):
    def __init__(self, message, failed_rows=()):
        super().__init__(message)
        self.failed_rows = failed_rows


class RowCounter:
    """Called with each row written; tells the job every PROGRESS_EVERY rows. Returns the row."""

    def __init__(self, job, total):
        self.job, self.total, self.done = job, total, 0

    def __call__(self, row):
        self.done += 1
        if self.done % PROGRESS_EVERY == 0:
            self.job.progress(self.done, self.total)
        return row


def export_register(job):
    """The toolkit workbook of the partnerships the user's filters chose (the register list's filters)."""
    from partnerships.toolkit import exporter
    from register.filtersets import PartnershipFilterSet
    from register.models import Partnership

    query = QueryDict(job.params.get("query", ""))
    partnerships = PartnershipFilterSet(query or None, queryset=Partnership.objects.all()).qs
    total = partnerships.count()
    job.progress(0, total, f"Writing {total:,} partnerships to the workbook.")
    name = f"partnership-register-{datetime.date.today():%Y-%m-%d}.xlsx"
    with tempfile.TemporaryFile() as workbook:  # on disk, not in memory, on its way to storage
        exporter.export_workbook(partnerships, progress=RowCounter(job, total), into=workbook)
        workbook.seek(0)
        job.succeed(f"{total:,} partnerships exported.", content=File(workbook), name=name, content_type=XLSX)


def problem_rows(plan):
    return [
        {
            "sheet": problem.sheet or "",
            "row": problem.row or "",
            "message": f"{problem.column or ''}: {problem.message}",
        }
        for problem in [*plan.blocking, *plan.errors]
    ]


def import_toolkit(job):
    """Apply a checked toolkit upload: the register changes in one transaction, or not at all.

    The import record is locked for the whole transaction, so a second job for the same upload (a
    double click, a second worker) waits, then finds it applied and does nothing.
    """
    from partnerships.toolkit import importer
    from partnerships.toolkit.preview import read_stored as stored_upload
    from partnerships.toolkit.workbook import WorkbookError

    entry = ToolkitImport.objects.get(pk=job.params["import"])
    valid_only = bool(job.params.get("valid_only"))
    preview = reverse("toolkit:preview", args=[entry.pk])
    try:
        plan = importer.plan_import(
            stored_upload(entry),
            mapping=entry.column_mapping,
            progress=lambda sheet, rows: job.progress(job.rows_done + rows, None, f"Checked the {sheet} sheet."),
        )
    except (WorkbookError, LookupError) as error:
        raise JobFailed("The stored workbook cannot be read. Upload it again.") from error
    writes = sum(1 for sheet in plan.sheets for row in sheet.rows if row.writes)
    job.progress(0, writes, f"Saving {writes:,} rows to the register, all in one go.")
    with transaction.atomic():
        entry = ToolkitImport.objects.select_for_update().get(pk=entry.pk)
        if entry.is_applied:
            job.succeed("This file had already been imported: nothing was changed.", next_url=preview)
            return
        try:
            importer.apply_plan(plan, valid_only=valid_only, user=job.owner)
        except importer.ImportRefused as refused:
            raise JobFailed(str(refused), problem_rows(plan)) from refused
        rejects = importer.rejects_workbook(plan) if plan.has_errors else None
        importer.update_record(
            entry, plan, mode=ImportMode.VALID_ONLY if plan.has_errors else ImportMode.APPLIED, rejects=rejects
        )
    totals = plan.totals
    message = f"Imported {entry.file_name}: {totals['created']} new and {totals['updated']} updated rows."
    if rejects:
        rows = "1 row" if totals["errors"] == 1 else f"{totals['errors']} rows"
        message += f" {rows} with errors left out: download them below to fix."
    job.succeed(message, next_url=preview)


def report_pack(job):
    """The committee report pack for the dashboard scope and "as at" date the user chose."""
    from register.models import Partnership
    from reviews.dashboard import report
    from reviews.dashboard.filtersets import ScopeFilterSet
    from reviews.dashboard.forms import ReportForm

    query = QueryDict(job.params.get("query", ""))
    form = ReportForm(query)
    if not form.is_valid():
        raise JobFailed("The report's date is not valid. Choose the date again.")
    as_at = form.cleaned_data["as_at"]
    filterset = ScopeFilterSet(query or None, queryset=Partnership.objects.all())
    partnerships = filterset.qs if filterset.is_bound else filterset.queryset
    job.progress(0, None, "Counting the figures and drawing the PDF.")
    content = report.render_pdf(partnerships, filterset, as_at)
    job.succeed(
        f"Committee report pack as at {as_at:%-d %B %Y}.",
        content=content,
        name=report.filename(as_at),
        content_type="application/pdf",
    )


def annual_report(job):
    """The committee's annual report of an assurance round, as a tagged PDF or a .docx."""
    from reviews.assurance import report
    from reviews.assurance.models import AssuranceRound

    query = QueryDict(job.params.get("query", ""))
    extension = query.get("format")
    assurance_round = AssuranceRound.objects.filter(pk=query.get("round") or None).first()
    if assurance_round is None or extension not in report.CONTENT_TYPES:
        raise JobFailed("That assurance round no longer exists, or the report does not come in that format.")
    job.progress(0, None, f"Writing the annual report {assurance_round.name}.")
    content = report.render_pdf(assurance_round) if extension == "pdf" else report.render_docx(assurance_round)
    job.succeed(
        f"{report.title(assurance_round)}.",
        content=content,
        name=report.filename(assurance_round, extension),
        content_type=report.CONTENT_TYPES[extension],
    )


def check_toolkit(job):
    from partnerships.toolkit.preview import run_check

    run_check(job)


RUNNERS = {
    JobKind.REGISTER_EXPORT: export_register,
    JobKind.TOOLKIT_CHECK: check_toolkit,
    JobKind.TOOLKIT_IMPORT: import_toolkit,
    JobKind.REPORT_PACK: report_pack,
    JobKind.ANNUAL_REPORT: annual_report,
}
