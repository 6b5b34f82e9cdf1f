"""python manage.py render_agreement REF [--version N] -o FILE.pdf"""

import hashlib

import pytest
from django.core.management import CommandError, call_command

from .pdfs import pdf_text

pytestmark = pytest.mark.django_db


def test_writes_the_issued_pdf_of_an_approved_version(approved, tmp_path, capsys):
    version_two = approved.new_version()
    output = tmp_path / "v1.pdf"
    call_command("render_agreement", approved.partnership.reference, "--version", "1", "-o", str(output))
    assert hashlib.sha256(output.read_bytes()).hexdigest() == approved.pdf_sha256
    assert "version 1 (as issued)" in capsys.readouterr().out

    latest = tmp_path / "latest.pdf"
    call_command("render_agreement", approved.partnership.reference, "-o", str(latest))
    assert f"version {version_two.version_number} · DRAFT, not approved" in pdf_text(latest.read_bytes())


def test_unknown_partnership_or_version_is_a_clear_error(draft, tmp_path):
    with pytest.raises(CommandError, match="no version 7 of the agreement"):
        call_command("render_agreement", draft.partnership.reference, "--version", "7", "-o", str(tmp_path / "x.pdf"))
    with pytest.raises(CommandError, match="NOPE-1"):
        call_command("render_agreement", "NOPE-1", "-o", str(tmp_path / "x.pdf"))
