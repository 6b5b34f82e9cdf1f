"""Anything that is not a readable .xlsx is refused with a clear message: never a traceback."""

import io
import re
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from partnerships.models import ToolkitImport
from partnerships.toolkit import importer
from partnerships.toolkit.workbook import Upload, WorkbookError

from .conftest import SAMPLE

ROOT = Path(__file__).resolve().parents[2]


def zipped(names):
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        for name in names:
            archive.writestr(name, "<xml/>")
    return buffer.getvalue()


BAD_FILES = [
    ("register.csv", b"Ref,Partnership name\nNCC-0001,Test\n", "This is a CSV file"),
    ("renamed.xlsx", b"Ref,Partnership name\nNCC-0001,Test\n", "renamed to .xlsx"),
    ("old.xls", b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 100, "damaged"),
    ("old-renamed.xlsx", b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 100, "Rename it to .xls"),
    ("page.xls", b"<html><body>Register</body></html>", "not really an Excel 97-2003 workbook"),
    ("letter.ods", zipped(["mimetype", "content.xml"]), "not an OpenDocument spreadsheet"),
    (
        "register.numbers",
        b"PK\x03\x04" + b"\0" * 100,
        r"\.xlsx, \.xlsm or \.xls\) or OpenDocument spreadsheet \(\.ods\)",
    ),
    ("corrupt.xlsx", SAMPLE.read_bytes()[:5000], "damaged"),
    ("letter.xlsx", zipped(["word/document.xml", "[Content_Types].xml"]), "not an Excel workbook"),
    ("broken.xlsx", zipped(["xl/workbook.xml", "[Content_Types].xml"]), "damaged"),
    ("notes.pdf", b"%PDF-1.4 hello", "must be an Excel workbook"),
    ("empty.xlsx", b"", "empty"),
]


@pytest.mark.parametrize(("name", "content", "words"), BAD_FILES)
def test_non_workbooks_are_refused_with_a_plain_message(name, content, words):
    with pytest.raises(WorkbookError, match=words):
        importer.plan_import(Upload(name, content))


def test_a_file_over_the_size_limit_is_refused(settings):
    settings.TOOLKIT_MAX_UPLOAD_BYTES = 1000
    with pytest.raises(WorkbookError, match="largest workbook the import takes is 1000"):
        importer.plan_import(Upload(SAMPLE.name, SAMPLE.read_bytes()))


# Found only when the workbook is read, by the background check: the check's page says so instead.
FOUND_WHEN_READ = {"old.xls", "broken.xlsx"}


@pytest.mark.django_db
@pytest.mark.parametrize(("name", "content", "words"), BAD_FILES[:-1])
def test_the_upload_page_shows_the_message_in_the_error_summary(client_for, admin_user, name, content, words):
    response = client_for(admin_user).post(
        "/toolkit/import/", {"workbook": SimpleUploadedFile(name, content)}, follow=True
    )
    assert response.status_code == 200
    html = response.content.decode()
    assert "govuk-error-summary" in html
    if name in FOUND_WHEN_READ:
        assert "Your workbook check failed" in html and f"{name} could not be checked." in html
    else:
        assert not response.redirect_chain and "govuk-form-group--error" in html
    assert re.search(words, html.replace("&#x27;", "'"))
    assert not ToolkitImport.objects.exists()  # nothing is kept of a file that cannot be read


@pytest.mark.django_db
def test_the_upload_page_refuses_an_oversized_file(client_for, admin_user, settings):
    settings.TOOLKIT_MAX_UPLOAD_BYTES = 1000
    response = client_for(admin_user).post(
        "/toolkit/import/", {"workbook": SimpleUploadedFile(SAMPLE.name, SAMPLE.read_bytes())}
    )
    assert "The largest workbook the import takes" in response.content.decode()


def test_the_command_line_refuses_a_csv_without_a_traceback(tmp_path):
    path = tmp_path / "register.xlsx"
    path.write_text("Ref,Partnership name\nNCC-0001,Test\n")
    result = subprocess.run(
        [sys.executable, "manage.py", "import_toolkit", str(path)],
        cwd=ROOT,
        capture_output=True,
        text=True,
        env={"DJANGO_SETTINGS_MODULE": "tests.settings", "PATH": "/usr/bin:/bin"},
        timeout=120,
    )
    assert result.returncode == 2
    assert "renamed to .xlsx" in result.stderr
    assert "Traceback" not in result.stderr
