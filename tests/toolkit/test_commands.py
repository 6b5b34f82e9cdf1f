"""python manage.py import_toolkit / export_toolkit: exit codes, --dry-run, --valid-only and --json."""

import io
import json

import pytest
from django.core.management import CommandError, call_command

from partnerships.models import ImportMode, ToolkitImport
from register.models import Partnership, RiskEntry

from .conftest import SAMPLE, SAMPLE_COUNTS, mutated

pytestmark = pytest.mark.django_db


def run(*args):
    out, err = io.StringIO(), io.StringIO()
    call_command("import_toolkit", *map(str, args), stdout=out, stderr=err)
    return out.getvalue(), err.getvalue()


def faulty_file(tmp_path):
    def change(book):
        book["Register"]["Q6"] = "sometime in 2022"

    path = tmp_path / "faulty.xlsx"
    path.write_bytes(mutated(change).content)
    return path


def test_import_applies_the_sample_and_records_it():
    out, _ = run(SAMPLE)
    assert Partnership.objects.count() == 40
    assert "Register: 40 created" in out
    entry = ToolkitImport.objects.get()
    assert entry.mode == ImportMode.APPLIED and entry.from_command_line
    assert entry.counts["Risks"]["created"] == 49
    assert len(entry.sha256) == 64


def test_json_prints_one_object_with_counts_and_errors():
    out, _ = run(SAMPLE, "--json")
    payload = json.loads(out)
    assert {name: counts["created"] for name, counts in payload["sheets"].items()} == SAMPLE_COUNTS
    assert payload["errors"] == []
    assert payload["applied"] is True
    again = json.loads(run(SAMPLE, "--json")[0])
    assert again["sheets"]["Register"] == {"created": 0, "updated": 0, "unchanged": 40, "errors": 0}


def test_a_clean_dry_run_exits_zero_and_writes_nothing():
    out, _ = run(SAMPLE, "--dry-run")
    assert "Dry run: no errors" in out
    assert not Partnership.objects.exists()
    assert ToolkitImport.objects.get().mode == ImportMode.DRY_RUN


def test_errors_stop_the_import_with_a_non_zero_exit_and_located_errors(tmp_path):
    path = faulty_file(tmp_path)
    with pytest.raises(CommandError) as stopped:
        run(path)
    assert stopped.value.returncode == 1
    assert not Partnership.objects.exists()


def test_errors_in_json(tmp_path):
    path = faulty_file(tmp_path)
    out = io.StringIO()
    with pytest.raises(CommandError):
        call_command("import_toolkit", str(path), "--json", "--dry-run", stdout=out)
    payload = json.loads(out.getvalue())
    first, *dependents = payload["errors"]
    assert first == {
        "sheet": "Register",
        "row": 6,
        "column": "Start date",
        "message": "“sometime in 2022” is not a date. Enter a date like 31/03/2026 or 5 Mar 2019.",
    }
    # NCC-0002's risks and review wait for their partnership
    assert [(e["sheet"], e["row"]) for e in dependents] == [("Risks", 5), ("Risks", 6), ("Reviews", 5)]
    assert payload["sheets"]["Register"]["errors"] == 1
    assert payload["applied"] is False


def test_valid_only_imports_the_rest_and_saves_the_rejects(tmp_path):
    path = faulty_file(tmp_path)
    out, _ = run(path, "--valid-only")
    assert Partnership.objects.count() == 39
    assert RiskEntry.objects.count() == 47  # NCC-0002's two risks wait for their partnership
    rejects = tmp_path / "faulty-rejected-rows.xlsx"
    assert rejects.exists()
    assert str(rejects) in out
    assert ToolkitImport.objects.get().mode == ImportMode.VALID_ONLY


def test_a_missing_file_is_a_clear_error(tmp_path):
    with pytest.raises(CommandError, match="Cannot open") as stopped:
        run(tmp_path / "nope.xlsx")
    assert stopped.value.returncode == 2


def test_export_toolkit_writes_a_workbook_that_imports_back_unchanged(tmp_path):
    run(SAMPLE)
    target = tmp_path / "export.xlsx"
    call_command("export_toolkit", str(target), stdout=io.StringIO())
    payload = json.loads(run(target, "--json", "--dry-run")[0])
    assert payload["errors"] == []
    assert all(counts["created"] == counts["updated"] == 0 for counts in payload["sheets"].values())


def test_export_toolkit_csv(tmp_path):
    run(SAMPLE)
    target = tmp_path / "register.csv"
    call_command("export_toolkit", str(target), stdout=io.StringIO())
    assert target.read_text(encoding="utf-8-sig").splitlines()[1].startswith("NCC-0001,")
