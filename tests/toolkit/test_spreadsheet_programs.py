"""Workbooks as councils keep them (issue 19): saved by a spreadsheet program as .xlsx, .ods or .xls,
with calculated columns, hyperlinks, hidden rows and sheets, two-row headers, tables and totals."""

import io
import zipfile

import pytest
from django.core.management import call_command

from partnerships.models import ToolkitImport
from partnerships.toolkit import importer
from partnerships.toolkit.exporter import export_workbook
from partnerships.toolkit.workbook import Upload, WorkbookError
from register.models import Partnership, PartnershipMember

from .conftest import SAMPLE, SAMPLE_COUNTS
from .spreadsheets import FORMATS, add_months, convert, uncalculated

pytestmark = pytest.mark.django_db


def plan_for(saved_by_libreoffice, name, kind):
    return importer.plan_import(Upload.from_path(saved_by_libreoffice[(name, kind)]))


def calculated_warnings(plan):
    return [problem for problem in plan.warnings if "is calculated in the workbook" in problem.message]


@pytest.mark.parametrize("kind", FORMATS)
def test_calculated_review_dates_import_whole_with_one_warning_and_the_dates_the_spreadsheet_shows(
    saved_by_libreoffice, kind
):
    plan = plan_for(saved_by_libreoffice, "calculated", kind)

    assert plan.errors == []
    assert {name: counts["created"] for name, counts in plan.counts.items()} == SAMPLE_COUNTS
    [warning] = calculated_warnings(plan)
    assert (warning.sheet, warning.column, warning.row) == ("Register", "Next review due", None)
    dated = [row for row in plan.sheet("register").rows if row.values.get("last_review")]
    assert f"the {len(dated)} calculated dates were imported" in warning.message
    if kind != "xls":  # an .xls keeps formulas compiled, not as text
        assert "(=EDATE(X5,12))" in warning.message
    for row in dated:
        assert row.values["next_review_due"] == add_months(row.values["last_review"], 12), row.key

    importer.apply_plan(plan)
    csp = Partnership.objects.get(reference="NCC-0001")
    assert (csp.last_review.isoformat(), csp.next_review_due.isoformat()) == ("2026-02-22", "2027-02-22")


def test_the_import_record_keeps_the_formula_and_the_preview_shows_it(saved_by_libreoffice, client_for, admin_user):
    path = saved_by_libreoffice[("calculated", "ods")]
    with path.open("rb") as workbook:
        response = client_for(admin_user).post("/toolkit/import/", {"workbook": workbook}, follow=True)

    entry = ToolkitImport.objects.get()
    assert entry.calculated_columns == [
        {"sheet": "Register", "column": "Next review due", "formula": "=EDATE(X5,12)", "rows": 40}
    ]
    assert "Next review due is calculated in the workbook (=EDATE(X5,12))" in response.content.decode()
    assert "Row 47 was skipped: it is a totals row (=SUM(M5:M45))" in response.content.decode()


def test_a_formula_with_no_calculated_result_is_refused_where_it_is(tmp_path):
    plan = importer.plan_import(Upload.from_path(uncalculated(tmp_path / "written-by-a-program.xlsx")))

    located = {(problem.row, problem.column): problem.message for problem in plan.errors}
    assert "=EDATE(X5,12)) with no calculated result" in located[(5, "Next review due")]
    assert "Open the workbook in Excel or LibreOffice and save it" in located[(5, "Next review due")]


@pytest.mark.parametrize("kind", FORMATS)
def test_error_values_are_refused_with_their_row_column_and_code(saved_by_libreoffice, kind):
    plan = plan_for(saved_by_libreoffice, "errors", kind)

    located = {(problem.row, problem.column): problem.message for problem in plan.errors}
    assert "shows the spreadsheet error #DIV/0!" in located[(6, "Annual council contribution (£)")]
    assert "shows the spreadsheet error #N/A" in located[(7, "Next review due")]
    assert calculated_warnings(plan) == []  # an error is never a calculated value imported


@pytest.mark.parametrize("kind", FORMATS)
def test_spreadsheet_habits_import_and_are_listed(saved_by_libreoffice, kind):
    plan = plan_for(saved_by_libreoffice, "habits", kind)

    assert plan.errors == []
    assert {name: counts["created"] for name, counts in plan.counts.items()} == SAMPLE_COUNTS
    register = plan.sheet("register")
    # A hidden row and a hidden sheet are imported, and listed.
    assert register.hidden_rows == [10]
    assert next(row for row in register.rows if row.row == 11).action == "new"  # struck through and grey
    assert plan.sheet("health_check").hidden and plan.sheet("health_check").counts["created"] == 23
    # "Last" and "Next" under a merged "Review" heading; the autofilter and the Excel table change nothing.
    assert {"last_review", "next_review_due"} <= set(register.fields.values())
    csp = next(row for row in register.rows if row.key == "NCC-0001")
    assert csp.values["next_review_due"].isoformat() == "2026-05-24"
    # =HYPERLINK keeps its text and its URL.
    assert csp.values["notes"] == "Board minutes (https://northmoor.gov.uk/minutes/csp)"
    # The totals row under the data is skipped with a note, not reported as a bad partnership.
    assert [number for number, _reason in register.totals_rows] == [47]
    # TODAY() imports its saved result, saying when it was calculated.
    [today] = [problem for problem in plan.warnings if problem.column == "Risk review date"]
    assert "as the workbook was last calculated on " in today.message
    assert "(the time the file was last saved)" in today.message


def test_the_preview_lists_hidden_rows_and_sheets(saved_by_libreoffice, client_for, admin_user):
    with saved_by_libreoffice[("habits", "xls")].open("rb") as workbook:
        response = client_for(admin_user).post("/toolkit/import/", {"workbook": workbook}, follow=True)

    page = response.content.decode()
    assert "Hidden in the workbook but imported: row 10." in page
    assert "This sheet is hidden in the workbook." in page


def macro_enabled():
    """The sample with a (fake) VBA project, as Excel saves an .xlsm."""
    source = zipfile.ZipFile(SAMPLE)
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as target:
        for info in source.infolist():
            data = source.read(info)
            if info.filename == "xl/_rels/workbook.xml.rels":
                data = data.replace(
                    b"</Relationships>",
                    b'<Relationship Id="rIdVba" Type="http://schemas.microsoft.com/office/2006/relationships/'
                    b'vbaProject" Target="vbaProject.bin"/></Relationships>',
                )
            target.writestr(info, data)
        target.writestr("xl/vbaProject.bin", b'Attribute VB_Name = "Module1"\nSub AutoOpen()\nEnd Sub')
    return Upload(name="toolkit.xlsm", content=buffer.getvalue())


def test_a_macro_enabled_workbook_imports_and_its_macros_are_not_kept():
    upload = macro_enabled()
    plan = importer.plan_import(upload)
    entry = importer.record(upload, plan)

    assert plan.errors == []
    with entry.upload.open("rb") as kept:
        content = kept.read()
    names = zipfile.ZipFile(io.BytesIO(content)).namelist()
    assert "xl/vbaProject.bin" not in names and b"vbaProject" not in zipfile.ZipFile(io.BytesIO(content)).read(
        "xl/_rels/workbook.xml.rels"
    )
    kept_plan = importer.plan_import(Upload(name="toolkit.xlsm", content=content))
    assert kept_plan.counts == plan.counts


@pytest.mark.parametrize("kind", ["ods", "xls"])
def test_the_export_saved_by_libreoffice_imports_back_with_zero_changes(imported_sample, tmp_path, kind):
    exported = tmp_path / "register.xlsx"
    exported.write_bytes(export_workbook(Partnership.objects.all()))
    [saved] = convert([exported], kind, tmp_path)

    plan = importer.plan_import(Upload.from_path(saved))

    assert plan.errors == []
    partners = PartnershipMember.objects.count()  # the Partners sheet: a row per partner
    assert plan.totals == {"created": 0, "updated": 0, "unchanged": 147 + partners, "errors": 0}


def test_an_xls_holding_macros_is_refused_saying_how_to_save_it_without(saved_by_libreoffice):
    content = saved_by_libreoffice[("calculated", "xls")].read_bytes()
    # Rename a stream in the file's directory to the storage Excel keeps its VBA project in.
    name = "\x01CompObj".encode("utf-16-le")
    vba = "_VBA_PROJECT_CUR".encode("utf-16-le")
    at = content.index(name + b"\0\0")
    entry = vba + b"\0" * (64 - len(vba)) + (len(vba) + 2).to_bytes(2, "little")
    with_macros = content[:at] + entry + content[at + 66 :]

    with pytest.raises(WorkbookError, match=r"contains macros.*Excel Workbook \(.xlsx\)"):
        importer.plan_import(Upload(name="toolkit.xls", content=with_macros))
    assert importer.plan_import(Upload(name="toolkit.xls", content=content)).errors == []


def test_an_ods_keeps_no_basic_macros(saved_by_libreoffice):
    source = zipfile.ZipFile(saved_by_libreoffice[("calculated", "ods")])
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as target:
        for info in source.infolist():
            data = source.read(info)
            if info.filename == "META-INF/manifest.xml":
                data = data.replace(
                    b"</manifest:manifest>",
                    b'<manifest:file-entry manifest:full-path="Basic/Standard/Module1.xml" '
                    b'manifest:media-type="text/xml"/></manifest:manifest>',
                )
            target.writestr(info, data)
        target.writestr(
            "Basic/Standard/Module1.xml", '<script:module>Sub Main : Shell("calc") : End Sub</script:module>'
        )
    upload = Upload(name="toolkit.ods", content=buffer.getvalue())

    entry = importer.record(upload, importer.plan_import(upload))

    with entry.upload.open("rb") as stored:
        kept = stored.read()
    archive = zipfile.ZipFile(io.BytesIO(kept))
    assert not [name for name in archive.namelist() if name.startswith("Basic/")]
    assert b"Basic/" not in archive.read("META-INF/manifest.xml")
    assert archive.namelist()[0] == "mimetype"
    assert importer.plan_import(Upload(name="toolkit.ods", content=kept)).errors == []


def test_the_command_names_the_calculated_columns_hidden_rows_and_totals(saved_by_libreoffice):
    out = io.StringIO()
    call_command("import_toolkit", str(saved_by_libreoffice[("habits", "xlsx")]), "--dry-run", stdout=out)

    printed = out.getvalue()
    assert "Risk review date is calculated in the workbook (=TODAY())" in printed
    assert "Register: hidden in the workbook but read all the same: row(s) 10." in printed
    assert "Health check: the sheet is hidden in the workbook" in printed
    assert "Register: row 47 was skipped: it is a totals row (=SUM(M5:M45)) under the data" in printed
