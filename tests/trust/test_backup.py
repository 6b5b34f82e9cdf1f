"""backup_register and restore_register: every record, history entry and stored file round-trips."""

import json
import zipfile
from pathlib import Path

import pytest
from django.core import serializers
from django.core.management import CommandError, call_command

from partnerships.backup import backup_models
from register.models import Partnership

pytestmark = [pytest.mark.django_db, pytest.mark.slow]


def snapshot():
    """Every row of every backed-up model, serialised, keyed by model."""
    return {
        model._meta.label: json.loads(
            serializers.serialize("json", model._base_manager.order_by("pk"), use_natural_foreign_keys=True)
        )
        for model in backup_models()
    }


def empty_the_database():
    for model in reversed(backup_models()):
        model._base_manager.all().delete()


def test_a_backup_restores_every_record_history_entry_and_file(world, tmp_path, settings):
    partnership = world.partnership
    partnership.name = "Renamed once"  # a second history entry
    partnership.save()
    latest = partnership.history.first()  # sub-millisecond times must survive (Django's JSON keeps only ms)
    type(latest).objects.filter(pk=latest.pk).update(history_date=latest.history_date.replace(microsecond=123))
    before = snapshot()
    assert len(before["register.HistoricalPartnership"]) >= 2
    assert before["agreements.PartnershipAgreement"] and before["partnerships.ToolkitImport"]
    pdf = Path(world.issued.pdf.path)
    pdf_bytes = pdf.read_bytes()

    archive = tmp_path / "register.zip"
    call_command("backup_register", str(archive))
    with zipfile.ZipFile(archive) as zipped:
        names = zipped.namelist()
        manifest = json.loads(zipped.read("manifest.json"))
    assert "data.json" in names
    assert f"media/{world.issued.pdf.name}" in names
    assert manifest["counts"]["register.Partnership"] == Partnership.objects.count()

    empty_the_database()
    for file in Path(settings.MEDIA_ROOT).rglob("*"):
        if file.is_file():
            file.unlink()
    assert not Partnership.objects.exists()

    call_command("restore_register", str(archive))

    after = snapshot()
    for label, rows in before.items():
        assert after[label] == rows, f"{label} did not round-trip"
    assert type(latest).objects.get(pk=latest.pk).history_date.microsecond == 123
    assert pdf.read_bytes() == pdf_bytes
    world.issued.refresh_from_db()
    assert world.issued.pdf_sha256 and world.issued.pdf_sha256 == __import__("hashlib").sha256(pdf_bytes).hexdigest()


def test_restore_refuses_a_database_that_is_not_empty(partnership, tmp_path):
    archive = tmp_path / "register.zip"
    call_command("backup_register", str(archive))
    with pytest.raises(CommandError, match="already holds partnerships"):
        call_command("restore_register", str(archive))
    assert Partnership.objects.filter(pk=partnership.pk).exists()


def test_restore_refuses_a_damaged_or_foreign_file(db, tmp_path):
    damaged = tmp_path / "damaged.zip"
    damaged.write_bytes(b"not a zip")
    with pytest.raises(CommandError, match="Cannot read"):
        call_command("restore_register", str(damaged))
    foreign = tmp_path / "foreign.zip"
    with zipfile.ZipFile(foreign, "w") as archive:
        archive.writestr("data.json", "[]")
    with pytest.raises(CommandError, match="not a register backup"):
        call_command("restore_register", str(foreign))
