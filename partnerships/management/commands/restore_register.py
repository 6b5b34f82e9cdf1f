"""python manage.py restore_register PATH: put a backup_register .zip back into an empty database."""

from django.core.management.base import BaseCommand, CommandError

from partnerships.backup import BackupError, restore_backup


class Command(BaseCommand):
    help = (
        "Restore a backup made by backup_register into an empty, migrated database, and put back its files. "
        "Refuses a database that already holds partnerships."
    )

    def add_arguments(self, parser):
        parser.add_argument("path", help="The .zip file made by backup_register")
        parser.add_argument("--replace-media", action="store_true", help="Overwrite stored files that differ.")

    def handle(self, path, replace_media=False, **options):
        try:
            manifest = restore_backup(path, replace_media=replace_media)
        except BackupError as error:
            raise CommandError(str(error)) from None
        rows = sum(manifest["counts"].values())
        self.stdout.write(
            self.style.SUCCESS(
                f"Restored {rows} rows and {len(manifest['media'])} files from the backup of {manifest['created_at']}."
            )
        )
