"""Backing up and restoring the whole register as one .zip file.

The archive holds:
- `data.json`: every record and every history entry, in Django's serialisation (users and role
  groups too; permissions and content types by natural key, as `migrate` recreates them);
- `media/...`: the stored files: issued agreement PDFs, uploaded toolkit workbooks, rejected rows;
- `manifest.json`: when it was made, the number of rows per model and the SHA-256 of every file,
  so a restore can prove it put back exactly what was saved.

Restore goes into an empty, migrated database (see README "Backups").
"""

import datetime
import hashlib
import io
import itertools
import json
import zipfile
from pathlib import Path

from django.apps import apps
from django.conf import settings
from django.core import serializers
from django.core.management import call_command
from django.core.serializers.json import DjangoJSONEncoder
from django.db import connection, transaction

FORMAT = 1
# Everything the register is made of; sessions, login-attempt logs and caches are left out.
LABELS = [
    "auth.group",
    "auth.user",
    "admin.logentry",
    "register",
    "assessments",
    "agreements",
    "reviews",
    "partnerships",
]


class FullPrecisionEncoder(DjangoJSONEncoder):
    """Django's JSON encoder keeps only milliseconds; a backup must give back every microsecond."""

    def default(self, o):
        if isinstance(o, datetime.datetime | datetime.time):
            return o.isoformat()
        return super().default(o)


class BackupError(Exception):
    """Something a person must fix (a wrong file, a database that is not empty)."""


def backup_models():
    """Every model in LABELS, in an order where a model comes after those it refers to."""
    found = []
    for label in LABELS:
        if "." in label:
            found.append(apps.get_model(label))
        else:
            found += list(apps.get_app_config(label).get_models())
    return serializers.sort_dependencies([(None, found)], allow_cycles=True)


def model_counts():
    return {model._meta.label: model._base_manager.count() for model in backup_models()}


def sha256(data):
    return hashlib.sha256(data).hexdigest()


def media_files():
    root = Path(settings.MEDIA_ROOT)
    if not root.exists():
        return []
    return sorted(path for path in root.rglob("*") if path.is_file())


def write_backup(path):
    """Write the archive; returns the manifest."""
    buffer = io.StringIO()
    rows = itertools.chain.from_iterable(model._base_manager.order_by("pk").iterator() for model in backup_models())
    serializers.serialize("json", rows, use_natural_foreign_keys=True, cls=FullPrecisionEncoder, stream=buffer)
    data = buffer.getvalue().encode()
    root = Path(settings.MEDIA_ROOT)
    manifest = {
        "format": FORMAT,
        "created_at": datetime.datetime.now(datetime.UTC).isoformat(timespec="seconds"),
        "database": connection.vendor,
        "counts": model_counts(),
        "data_sha256": sha256(data),
        "media": {},
    }
    with zipfile.ZipFile(path, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("data.json", data)
        for file in media_files():
            name = file.relative_to(root).as_posix()
            content = file.read_bytes()
            manifest["media"][name] = sha256(content)
            archive.writestr(f"media/{name}", content)
        archive.writestr("manifest.json", json.dumps(manifest, indent=2, sort_keys=True))
    return manifest


def read_manifest(archive):
    try:
        manifest = json.loads(archive.read("manifest.json"))
    except KeyError:
        raise BackupError("This is not a register backup: it has no manifest.json.") from None
    if manifest.get("format") != FORMAT:
        raise BackupError(f"This backup is in format {manifest.get('format')}; this version reads format {FORMAT}.")
    return manifest


def restore_backup(path, *, replace_media=False):
    """Load the archive into an empty database and put back its files. Returns the manifest."""
    from register.models import Partnership

    try:
        archive = zipfile.ZipFile(path)
    except (zipfile.BadZipFile, FileNotFoundError, IsADirectoryError) as error:
        raise BackupError(f"Cannot read {path}: {error}") from None
    with archive:
        manifest = read_manifest(archive)
        data = archive.read("data.json")
        if sha256(data) != manifest["data_sha256"]:
            raise BackupError("data.json does not match its checksum: the backup is damaged.")
        if Partnership.objects.exists():
            raise BackupError(
                "The database already holds partnerships. Restore into an empty database: "
                "create it, run `manage.py migrate`, then restore."
            )
        media = read_media(archive, manifest)
        with transaction.atomic():
            clear_reference_data()
            load(data)
            counts = model_counts()
            if counts != manifest["counts"]:
                wrong = {k: (manifest["counts"].get(k), v) for k, v in counts.items() if manifest["counts"].get(k) != v}
                raise BackupError(f"Restored row counts differ from the backup (expected, found): {wrong}")
        write_media(media, replace=replace_media)
    return manifest


def read_media(archive, manifest):
    files = {}
    for name, digest in manifest["media"].items():
        if name.startswith("/") or ".." in Path(name).parts:
            raise BackupError(f"Refusing a file outside the media folder: {name}")
        content = archive.read(f"media/{name}")
        if sha256(content) != digest:
            raise BackupError(f"media/{name} does not match its checksum: the backup is damaged.")
        files[name] = content
    return files


def write_media(files, *, replace):
    root = Path(settings.MEDIA_ROOT)
    for name, content in files.items():
        target = root / name
        if target.exists() and not replace and target.read_bytes() != content:
            raise BackupError(f"{target} already exists with other content; pass --replace-media to overwrite it.")
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_bytes(content)


def clear_reference_data():
    """`migrate` loads role groups, health-check statements and standard clauses; the backup has its own."""
    for model in reversed(backup_models()):
        model._base_manager.all().delete()


def load(data):
    import tempfile

    with tempfile.NamedTemporaryFile(suffix=".json") as fixture:
        fixture.write(data)
        fixture.flush()
        call_command("loaddata", fixture.name, verbosity=0)
