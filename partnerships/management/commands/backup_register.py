"""python manage.py backup_register PATH: every record, history entry and stored file in one .zip."""

from django.core.management.base import BaseCommand, CommandError

from partnerships.backup import write_backup


class Command(BaseCommand):
    help = "Back up every record, every history entry and the stored files (agreement PDFs, uploads) to a .zip."

    def add_arguments(self, parser):
        parser.add_argument("path", help="The .zip file to write, e.g. register-2026-03-31.zip")

    def handle(self, path, **options):
        if not path.endswith(".zip"):
            raise CommandError("Give a file name ending in .zip.")
        try:
            manifest = write_backup(path)
        except OSError as error:
            raise CommandError(f"Cannot write {path}: {error.strerror or error}.") from None
        rows = sum(manifest["counts"].values())
        self.stdout.write(self.style.SUCCESS(f"Backed up {rows} rows and {len(manifest['media'])} files to {path}."))
