"""python manage.py import_toolkit PATH [--dry-run] [--valid-only] [--json]

Exit status: 0 when the workbook was imported (or a dry run found no errors); 1 when errors stopped
the import; 2 when the file is not a readable .xlsx, .xlsm, .xls or .ods.
"""

import json
import sys
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from partnerships.models import ImportMode
from partnerships.toolkit import importer
from partnerships.toolkit.workbook import Upload, WorkbookError

STOPPED_BY_ERRORS, NOT_A_WORKBOOK = 1, 2


class Command(BaseCommand):
    help = "Import the Excel Partnership Toolkit (Register, Risks, Reviews, Health check sheets)."

    def add_arguments(self, parser):
        parser.add_argument("path", help="The toolkit workbook (.xlsx, .xlsm, .xls or .ods; macros are never run).")
        parser.add_argument("--dry-run", action="store_true", help="Check the workbook and report; write nothing.")
        parser.add_argument(
            "--valid-only",
            action="store_true",
            help="Import the rows without errors and save the others to PATH-rejected-rows.xlsx.",
        )
        parser.add_argument("--json", action="store_true", help="Print one JSON object with counts and errors.")

    def handle(self, path, **options):
        dry_run, valid_only, self.as_json = options["dry_run"], options["valid_only"], options["json"]
        self.on_terminal = not self.as_json and sys.stderr.isatty()
        try:
            upload = Upload.from_path(path)
            plan = importer.plan_import(upload, progress=self.sheet_read if self.on_terminal else None)
        except WorkbookError as error:
            self.finish({"sheets": {}, "errors": [{"sheet": None, "row": None, "column": None, "message": str(error)}]})
            raise CommandError(str(error), returncode=NOT_A_WORKBOOK) from None

        stopped = bool(plan.blocking) or (plan.has_errors and not valid_only)
        if dry_run or stopped:
            importer.record(upload, plan, from_command_line=True)
            self.report(plan, applied=False)
            if plan.has_errors:
                raise CommandError(self.stopped_message(plan, dry_run), returncode=STOPPED_BY_ERRORS)
            return

        importer.apply_plan(plan, valid_only=valid_only, progress=self.progress_bar if self.on_terminal else None)
        rejects = importer.rejects_workbook(plan) if plan.has_errors else None
        mode = ImportMode.VALID_ONLY if plan.has_errors else ImportMode.APPLIED
        importer.record(upload, plan, mode=mode, rejects=rejects, from_command_line=True)
        extra = {}
        if rejects:
            target = Path(path).with_name(Path(path).stem + "-rejected-rows.xlsx")
            target.write_bytes(rejects)
            extra["rejects"] = str(target)
        self.report(plan, applied=True, **extra)

    # -- output --------------------------------------------------------------------------------
    @staticmethod
    def sheet_read(sheet, rows):
        sys.stderr.write(f"Read {sheet}: {rows} rows\n")

    @staticmethod
    def progress_bar(done, total, width=40):
        filled = width * done // max(total, 1)
        sys.stderr.write(f"\rImporting [{'#' * filled}{'.' * (width - filled)}] {done}/{total}")
        if done == total:
            sys.stderr.write("\n")
        sys.stderr.flush()

    def report(self, plan, applied, **extra):
        if self.as_json:
            self.finish({**plan.as_dict(), "applied": applied, **extra})
            return
        for problem in plan.errors:
            self.stderr.write(str(problem))
        for problem in plan.warnings:
            self.stdout.write(self.style.WARNING(f"Warning: {problem}"))
        for note in plan.notes:
            self.stdout.write(note)
        for sheet, counts in plan.counts.items():
            summary = ", ".join(f"{count} {name}" for name, count in counts.items())
            self.stdout.write(f"{sheet}: {summary}")
        if applied:
            self.stdout.write(self.style.SUCCESS(f"Imported {plan.file_name}."))
            if "rejects" in extra:
                self.stdout.write(f"Rows with errors were left out and saved to {extra['rejects']}.")
        elif not plan.has_errors:
            self.stdout.write(self.style.SUCCESS("Dry run: no errors. Nothing was written."))

    def finish(self, payload):
        if self.as_json:
            self.stdout.write(json.dumps(payload, default=str))

    @staticmethod
    def stopped_message(plan, dry_run):
        count = len(plan.errors)
        if dry_run:
            return f"Dry run found {count} error(s). Nothing was written."
        return f"Nothing was imported: {count} error(s). Fix them, or use --valid-only to import the other rows."
