"""Checking an uploaded workbook, in the background: read, validate and plan it (as a dry run), and keep
what the preview page shows, so that page is drawn from the stored findings, on any server.

The findings are a job's: a summary (`Job.outcome`, JSON) and the sheets' row-by-row tables (the job's
result file, in shared storage). Both expire with the job; the preview then offers to check again.
"""

from types import SimpleNamespace

from django.core.files.base import ContentFile
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils.safestring import mark_safe

from partnerships.jobs.models import Job, JobFailed, JobKind, JobStatus
from partnerships.jobs.queue import start_job
from partnerships.models import ImportMode, ToolkitImport

from . import importer
from .plan import ImportPlan
from .workbook import Upload, WorkbookError

ERRORS_IN_SUMMARY = 20


def record_upload(upload, user):
    """Keep the uploaded file (macros removed) and its import record, not yet checked."""
    return importer.record(upload, ImportPlan(file_name=upload.name, sha256=upload.sha256), user=user)


def running_check(entry, user):
    """This user's unfinished check of the upload with its current column mapping, if any."""
    unfinished = Job.objects.unfinished().filter(kind=JobKind.TOOLKIT_CHECK, owner=user, params__import=entry.pk)
    return next((job for job in unfinished if job.params.get("mapping") == entry.column_mapping), None)


def start_check(entry, user):
    """The job checking this upload: the one already under way (a double click), or a new one."""
    if running := running_check(entry, user):
        return running
    params = {"import": entry.pk, "sha256": entry.sha256, "mapping": entry.column_mapping}
    preview = reverse("toolkit:preview", args=[entry.pk])
    return start_job(kind=JobKind.TOOLKIT_CHECK, owner=user, params=params, next_url=preview)


def read_stored(entry):
    try:
        with entry.upload.open("rb") as stored:
            return Upload(name=entry.file_name, content=stored.read())
    except (FileNotFoundError, OSError) as error:
        raise WorkbookError("The uploaded file is no longer stored.") from error


def check(entry, progress=None):
    """Plan the stored upload with its column mapping and record the counts. Returns (summary, tables
    HTML). Raises WorkbookError for a file that cannot be read."""
    plan = importer.plan_import(read_stored(entry), mapping=entry.column_mapping, progress=progress)
    importer.update_record(entry, plan, mode=ImportMode.DRY_RUN)
    errors = plan.errors
    summary = {
        "mapping": entry.column_mapping,
        "counts": plan.counts,
        "totals": plan.totals,
        "errors": [{"anchor": p.anchor, **p.as_dict()} for p in errors[:ERRORS_IN_SUMMARY]],
        "error_count": len(errors),
        "warning_count": len(plan.warnings),
        "blocking": [str(problem) for problem in plan.blocking],
        "to_map": [
            {"key": sheet.key, "name": sheet.name, "columns": list(sheet.columns_to_map)}
            for sheet in plan.sheets
            if sheet.columns_to_map
        ],
        "writes": plan.writes,
        "has_errors": plan.has_errors,
    }
    tables = "".join(render_to_string("toolkit/includes/sheet.html", {"sheet": sheet}) for sheet in plan.sheets)
    return summary, tables


def forget_unreadable(entry):
    """A file that turned out not to be a readable workbook leaves nothing behind (it was never checked)."""
    if entry.mode == ImportMode.DRY_RUN and not entry.counts:
        entry.upload.delete(save=False)
        entry.delete()


def run_check(job):
    """The worker's side: check the upload and keep the findings on the job (see jobs.runners)."""

    entry = ToolkitImport.objects.filter(pk=job.params["import"]).first()
    if entry is None:
        raise JobFailed("This upload is no longer stored. Upload the workbook again.")
    if entry.is_applied:
        job.succeed("This file has already been imported.")
        return
    try:
        summary, tables = check(
            entry,
            progress=lambda sheet, rows: job.progress(job.rows_done + rows, None, f"Checked the {sheet} sheet."),
        )
    except WorkbookError as error:
        forget_unreadable(entry)
        job.next_url = reverse("toolkit:upload")
        raise JobFailed(f"{entry.file_name} could not be checked. {error} Upload the workbook again.") from error
    job.outcome = summary
    job.result.save("preview.html", ContentFile(tables.encode()), save=False)
    job.succeed()  # no banner: the preview it leads to is the outcome, errors and all


class Findings:
    """A finished check of an upload, as the preview page shows it."""

    def __init__(self, job):
        self.job, self.summary = job, job.outcome

    @classmethod
    def latest(cls, entry):
        """The newest finished check of this upload with its current column mapping, if not expired."""
        job = (
            Job.objects.filter(kind=JobKind.TOOLKIT_CHECK, status=JobStatus.DONE, params__import=entry.pk)
            .exclude(result="")
            .order_by("-finished_at")
            .first()
        )
        if job is None or job.outcome.get("mapping") != entry.column_mapping:
            return None
        return cls(job)

    def tables(self):
        try:
            with self.job.result.open("rb") as stored:
                return mark_safe(stored.read().decode())
        except (FileNotFoundError, OSError):
            return None

    def mapping_plan(self):
        """What ColumnMappingForm needs of a plan: each sheet's key, name and columns to map."""
        sheets = [
            SimpleNamespace(key=sheet["key"], name=sheet["name"], columns_to_map=[tuple(c) for c in sheet["columns"]])
            for sheet in self.summary["to_map"]
        ]
        return SimpleNamespace(sheets=sheets)

    def context(self):
        summary = self.summary
        writes, has_errors, blocking = summary["writes"], summary["has_errors"], summary["blocking"]
        return {
            "counts": summary["counts"],
            "totals": summary["totals"],
            "errors": summary["errors"],
            "more_errors": max(summary["error_count"] - ERRORS_IN_SUMMARY, 0),
            "warning_count": summary["warning_count"],
            "blocking": blocking,
            "can_import": writes and not has_errors,
            "can_import_valid_only": has_errors and not blocking and writes,
            "nothing_to_do": not writes and not has_errors,
        }
