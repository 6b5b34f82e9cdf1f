"""What a worker does for the toolkit's jobs: checking an uploaded workbook, and applying it.

Registered with partnerships/jobs/runners.py when the project starts (PartnershipsConfig.ready).
"""

from django.db import transaction
from django.urls import reverse

from partnerships.jobs.models import JobFailed, JobKind
from partnerships.jobs.runners import runner
from partnerships.models import ImportMode, ToolkitImport

from . import importer
from .preview import read_stored, run_check
from .workbook import WorkbookError


def problem_rows(plan):
    return [
        {
            "sheet": problem.sheet or "",
            "row": problem.row or "",
            "message": f"{problem.column or ''}: {problem.message}",
        }
        for problem in [*plan.blocking, *plan.errors]
    ]


@runner(JobKind.TOOLKIT_IMPORT)
def import_toolkit(job):
    """Apply a checked toolkit upload: the register changes in one transaction, or not at all.

    The import record is locked for the whole transaction, so a second job for the same upload (a
    double click, a second worker) waits, then finds it applied and does nothing.
    """
    entry = ToolkitImport.objects.get(pk=job.params["import"])
    valid_only = bool(job.params.get("valid_only"))
    preview = reverse("toolkit:preview", args=[entry.pk])
    job.progress(0, None, "Checking and saving the rows to the register, all in one go.")
    with transaction.atomic():
        entry = ToolkitImport.objects.select_for_update().get(pk=entry.pk)
        if entry.is_applied:
            job.succeed("This file had already been imported: nothing was changed.", next_url=preview)
            return
        try:
            # Read, checked and written a batch at a time (constant memory); rolled back on refusal.
            plan = importer.import_workbook(
                read_stored(entry), mapping=entry.column_mapping, valid_only=valid_only, user=job.owner
            )
        except (WorkbookError, LookupError) as error:
            raise JobFailed("The stored workbook cannot be read. Upload it again.") from error
        except importer.ImportRefused as refused:
            raise JobFailed(str(refused), problem_rows(refused.plan)) from refused
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


@runner(JobKind.TOOLKIT_CHECK)
def check_toolkit(job):
    run_check(job)
