"""python manage.py export_toolkit PATH: the whole register in the Excel toolkit's layout."""

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from partnerships.toolkit.exporter import export_csv, export_workbook
from register.models import Partnership


class Command(BaseCommand):
    help = "Export the register, risks, reviews and health checks to an .xlsx in the toolkit layout (or .csv)."

    def add_arguments(self, parser):
        parser.add_argument("path", help="Where to write the workbook (.xlsx), or a .csv for the register only.")

    def handle(self, path, **options):
        target = Path(path)
        if target.suffix.lower() not in {".xlsx", ".csv"}:
            raise CommandError("Give a file name ending in .xlsx (or .csv for the register only).")
        partnerships = Partnership.objects.all()
        try:
            if target.suffix.lower() == ".csv":
                with target.open("w", encoding="utf-8", newline="") as stream:
                    export_csv(partnerships, stream)
            else:
                target.write_bytes(export_workbook(partnerships))
        except OSError as error:
            raise CommandError(f"Cannot write {target}: {error.strerror or error}.") from None
        self.stdout.write(self.style.SUCCESS(f"Exported {partnerships.count()} partnerships to {target}."))
