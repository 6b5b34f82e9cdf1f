"""Import the Excel Partnership Toolkit: plan (a dry run you can preview), then apply in one transaction.

    upload = Upload.from_path("toolkit.xlsx")
    plan = plan_import(upload)           # nothing written; plan.sheets[...].rows say new/update/...
    apply_plan(plan, user=request.user)  # all or nothing; valid_only=True skips the rows in error

    plan = import_workbook(upload, user=request.user)  # the same, read and written BATCH rows at a time

`import_workbook` is what the import job runs: it holds only a batch of rows (and the rows in error)
at once, so a workbook of 100,000 rows imports in about the memory of one of 5,000.

Raises WorkbookError (from workbook.py) for a file that is not a readable .xlsx, .xlsm, .xls or .ods.
"""

import io
import itertools

from django.core.files.base import ContentFile
from django.db import transaction
from django.utils import timezone
from openpyxl import Workbook

from partnerships.models import ImportMode, ToolkitImport
from register import significance, text_search
from register.models import Partnership

from . import headers, workbook
from .exporter import neutralised_cell
from .plan import ImportPlan, Problem, SheetPlan
from .sheets import ORDER, SHEETS
from .sheets.base import BATCH, Context


class ImportRefused(Exception):
    """The plan has errors and the user did not ask for valid rows only."""

    def __init__(self, message, plan=None):
        super().__init__(message)
        self.plan = plan


def plan_import(upload, mapping=None, progress=None, *, after_batch=None, user=None, into=None):
    """Read the workbook and work out, row by row, what importing it would do. Writes nothing
    (unless `after_batch(sheet_plan, handler, rows)` does, as `import_workbook`'s does)."""
    mapping = mapping or {}
    plan = into or ImportPlan(file_name=upload.name, sha256=upload.sha256)
    with workbook.open_workbook(upload) as book:
        found = workbook.find_sheets(book)
        if not found:
            found = guess_register_sheet(book)
        if not found:
            names = ", ".join(headers.sheet_title(key) for key in ORDER)
            plan.problems.append(
                Problem(sheet=None, row=None, column=None, message=f"This workbook has none of the sheets {names}.")
            )
        context = Context(epoch=book.epoch, file_name=upload.name, calculated_on=book.calculated_on, user=user)
        plan.context, plan.handlers = context, {}
        for key in ORDER:
            if key not in found:
                continue
            sheet_plan = SheetPlan(key=key, name=headers.sheet_title(key), title=found[key].title)
            plan.sheets.append(sheet_plan)
            plan_sheet(sheet_plan, found[key], context, mapping.get(key, {}), plan, progress, after_batch)
    return plan


def plan_sheet(sheet_plan, worksheet, context, mapping, plan, progress=None, after_batch=None):
    """Plan one sheet's rows, read one at a time: only the header search holds the top rows at once."""
    key, name = sheet_plan.key, sheet_plan.name
    sheet_plan.hidden = worksheet.hidden
    rows = workbook.read_rows(worksheet)
    top = list(itertools.islice(rows, workbook.HEADER_SEARCH_ROWS))
    header, data = workbook.find_header(key, top, mapping, worksheet.merged)
    if header is None:
        sheet_plan.problems.append(
            Problem(
                sheet=name,
                row=None,
                column=None,
                message="Could not find the header row (the row of column names such as “Ref”) near the top.",
            )
        )
        return sheet_plan
    sheet_plan.header_row = header.row
    sheet_plan.headers = header.headers
    sheet_plan.fields = header.fields
    sheet_plan.unknown_columns = header.unknown
    sheet_plan.mapped_columns = header.mapped
    for index, text, _field in header.duplicates:
        sheet_plan.problems.append(
            Problem(
                sheet=name,
                row=header.row,
                column=text,
                message="Another column already holds this information, so this one is ignored.",
                level="warning",
                letter=header.column_letter(index),
            )
        )
    handler = SHEETS[key](context)
    plan.handlers[key] = handler
    handler.plan(sheet_plan, itertools.chain(data, rows), after_batch=after_batch)
    if progress:
        progress(name, len(sheet_plan.rows))
    return sheet_plan


def guess_register_sheet(book):
    """A workbook with no toolkit sheet names: use the first sheet if its headers look like the Register."""
    first = book.worksheets[0] if book.worksheets else None
    if first is None:
        return {}
    rows = itertools.islice(workbook.read_rows(first), workbook.HEADER_SEARCH_ROWS)
    if any(headers.score_header("register", row.values) >= 3 for row in rows):
        return {"register": first}
    return {}


def apply_plan(plan, *, valid_only=False, user=None, progress=None):
    """Write the planned rows in one transaction. Returns the counts per sheet.

    With any error nothing is written, unless `valid_only`: then the rows without errors are written
    and the others are left out (see rejects_workbook). `progress(done, total)` is called per row.
    """
    if plan.blocking:
        raise ImportRefused("The workbook cannot be imported: " + "; ".join(map(str, plan.blocking)), plan)
    if plan.has_errors and not valid_only:
        raise ImportRefused(f"Nothing was imported: the workbook has {len(plan.errors)} errors.", plan)
    plan.context.user = user
    total = sum(1 for sheet in plan.sheets for row in sheet.rows if row.writes)
    done = 0
    with transaction.atomic(), text_search.refreshed_at_the_end():
        for sheet in plan.sheets:
            for batch in batched(row for row in sheet.rows if row.writes):
                write_rows(plan.handlers.get(sheet.key), batch)
                done += len(batch)
                if progress:
                    progress(done, total)
        rescore(plan.context.rescore)
    return plan.counts


def write_rows(handler, rows):
    if hasattr(handler, "apply_rows"):  # the Register sheet: partnerships in bulk
        handler.apply_rows(rows)
    else:
        for row in rows:
            handler.apply_row(row)


def batched(rows, size=BATCH):
    rows = iter(rows)
    while batch := list(itertools.islice(rows, size)):
        yield batch


def import_workbook(upload, *, mapping=None, valid_only=False, user=None, progress=None):
    """Plan and apply the workbook in one pass and one transaction, a batch of rows at a time.

    Each batch is written as soon as it is planned, then let go of (only its counts, warnings and
    rows in error are kept), so memory does not grow with the workbook. All or nothing, as
    `apply_plan`: at the first error (unless `valid_only`) writing stops, the rest is still checked
    so the user hears of every error, and ImportRefused rolls back what was written.
    `progress(done)` is called after each batch. Returns the plan (counts, problems, rows in error).
    """
    done = 0

    def after_batch(sheet_plan, handler, rows):
        nonlocal done
        refused = plan_so_far.blocking or (plan_so_far.has_errors and not valid_only)
        if not refused:
            write_rows(handler, [row for row in rows if row.writes])
        sheet_plan.let_go(rows, handler.context)
        done += len(rows)
        if progress:
            progress(done)

    with transaction.atomic(), text_search.refreshed_at_the_end():
        plan_so_far = ImportPlan(file_name=upload.name, sha256=upload.sha256)
        plan = plan_import(upload, mapping, after_batch=after_batch, user=user, into=plan_so_far)
        if plan.blocking:
            raise ImportRefused("The workbook cannot be imported: " + "; ".join(map(str, plan.blocking)), plan)
        if plan.has_errors and not valid_only:
            raise ImportRefused(f"Nothing was imported: the workbook has {len(plan.errors)} errors.", plan)
        rescore(plan.context.rescore)
    return plan


def rescore(pks):
    """Score again the partnerships whose money, partners or type the import changed, as the edit page
    does (register/significance.py); those never scored keep the level they were given."""
    pks = sorted(pks)
    for start in range(0, len(pks), 900):  # within SQLite's limit on a statement's parameters
        chunk = Partnership.objects.filter(pk__in=pks[start : start + 900]).exclude(significance_scored="")
        for partnership in chunk:
            significance.rescore(partnership)


def rejects_workbook(plan):
    """The rows in error, as they were typed, with an "Error" column saying what to fix. Bytes of an .xlsx."""
    book = Workbook(write_only=True)
    for sheet in plan.sheets:
        rejected = sheet.rows_with("error")
        if not rejected:
            continue
        worksheet = book.create_sheet(sheet.title or sheet.name)
        width = max([len(sheet.headers), *(len(row.raw) for row in rejected)])
        header = [*sheet.headers, *[""] * (width - len(sheet.headers)), "Excel row", "Error"]
        worksheet.append([neutralised_cell(worksheet, value) for value in header])
        for row in rejected:
            values = [*row.raw, *[None] * (width - len(row.raw))]
            message = "; ".join(f"{problem.column}: {problem.message}" for problem in row.errors)
            worksheet.append([neutralised_cell(worksheet, value) for value in [*values, row.row, message]])
    if not book.worksheets:
        book.create_sheet("No rejected rows")
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def record(upload, plan, *, user=None, mode=ImportMode.DRY_RUN, rejects=None, from_command_line=False, mapping=None):
    """Keep a record of the import (and the file itself) for the import history."""
    entry = ToolkitImport(
        user=user,
        file_name=upload.name[:255],
        sha256=upload.sha256,
        size=upload.size,
        mode=mode,
        from_command_line=from_command_line,
        column_mapping=mapping or {},
    )
    entry.upload.save(upload.name, ContentFile(workbook.without_macros(upload)), save=False)
    update_record(entry, plan, mode=mode, rejects=rejects)
    return entry


def update_record(entry, plan, *, mode, rejects=None):
    entry.mode = mode
    entry.counts = plan.counts
    entry.error_count = len(plan.errors)
    entry.warning_count = len(plan.warnings)
    entry.calculated_columns = plan.calculated_columns
    if mode != ImportMode.DRY_RUN:
        entry.applied_at = timezone.now()
    if rejects:
        stem = entry.file_name.rsplit(".", 1)[0]
        entry.rejects.save(f"{stem}-rejected-rows.xlsx", ContentFile(rejects), save=False)
    entry.save()
    return entry
