"""Each kind of fault in a workbook is reported at its sheet, Excel row and column; nothing is written."""

import datetime

import pytest

from partnerships.toolkit import importer
from register.models import Organisation, Partnership, RiskEntry

from .conftest import mutated

pytestmark = pytest.mark.django_db


def put(sheet, cell, value):
    def change(book):
        book[sheet][cell] = value

    return change


FAULTS = [
    # (sheet, cell, bad value, column reported, words in the message)
    ("Register", "Q6", "sometime in 2022", "Start date", "is not a date"),
    ("Register", "M7", "about ten grand", "Annual council contribution (£)", "not an amount of money"),
    ("Register", "D8", "Friendship", "Partnership type", "not a partnership type we know"),
    ("Register", "U9", "Maybe", "Assessment completed?", "not Yes or No"),
    ("Register", "S10", "Dormant", "Status", "not a status we know"),
    ("Register", "A11", None, "Ref", "empty, and it is needed"),
    ("Register", "B12", "", "Partnership name", "empty, and it is needed"),
    ("Register", "A13", "NCC-0001", "Ref", "appears twice in this sheet (first on row 5)"),
    ("Register", "R14", "01/01/2000", "End date", "before the start date"),
    ("Register", "J15", "tom.gill at northmoor", "Lead officer email", "not an email address"),
    ("Register", "D16", "TBC", "Partnership type", "placeholder, but this is needed"),
    ("Register", "M17", "=1+1", "Annual council contribution (£)", "holds a formula"),
    ("Risks", "F5", 7, "Likelihood (1-5)", "from 1 to 5"),
    ("Risks", "A6", "NCC-9999", "Partnership ref", "no partnership NCC-9999"),
    ("Risks", "D7", "Weather", "Category", "not a risk category we know"),
    ("Risks", "B8", "R1", "Risk ID", "appears twice"),
    ("Reviews", "G5", "Purple", "RAG", "not a RAG rating we know"),
    ("Reviews", "B6", "last Tuesday", "Review date", "is not a date"),
    ("Health check", "E4", 5, "P2 Clarity and realism of purpose", "from 1 to 4"),
    ("Health check", "C5", None, "Completed by", "empty, and it is needed"),
]


@pytest.mark.parametrize(("sheet", "cell", "value", "column", "words"), FAULTS)
def test_a_fault_is_located_and_nothing_is_written(sheet, cell, value, column, words):
    upload = mutated(put(sheet, cell, value))
    plan = importer.plan_import(upload)

    row = int("".join(ch for ch in cell if ch.isdigit()))
    located = [(p.sheet, p.row, p.column) for p in plan.errors]
    assert (sheet, row, column) in located, plan.errors
    message = next(p.message for p in plan.errors if (p.sheet, p.row, p.column) == (sheet, row, column))
    assert words in message

    with pytest.raises(importer.ImportRefused):
        importer.apply_plan(plan)
    assert not Partnership.objects.exists()
    assert not Organisation.objects.exists()


def test_risks_of_a_partnership_in_error_are_not_imported_either():
    plan = importer.plan_import(mutated(put("Register", "D5", "Friendship")))  # NCC-0001
    risk_errors = [p for p in plan.errors if p.sheet == "Risks"]
    assert [(p.row, p.column) for p in risk_errors] == [(3, "Partnership ref"), (4, "Partnership ref")]
    assert "has errors on the Register sheet (row 5)" in risk_errors[0].message


def test_errors_roll_back_everything_even_after_some_rows_were_written(monkeypatch):
    """One transaction: a failure while writing leaves the register as it was."""
    plan = importer.plan_import(mutated(lambda book: None))
    handler = plan.handlers["health_check"]

    def explode(row):
        raise RuntimeError("disk full")

    monkeypatch.setattr(handler, "apply_row", explode)
    with pytest.raises(RuntimeError):
        importer.apply_plan(plan)
    assert not Partnership.objects.exists()
    assert not RiskEntry.objects.exists()


def test_a_missing_required_column_is_reported_on_every_row():
    def drop_name(book):
        book["Register"]["B4"] = "Something else"

    plan = importer.plan_import(mutated(drop_name))
    errors = [p for p in plan.errors if p.sheet == "Register"]
    assert len(errors) == 40
    assert errors[0].column == "Partnership name"
    assert "no “Partnership name” column" in errors[0].message
    assert plan.sheet("register").unknown_columns == [(1, "Something else")]


def test_a_sheet_without_a_header_row_cannot_be_imported_even_valid_only():
    def scramble(book):
        for cell in book["Risks"][2]:
            cell.value = "?"

    plan = importer.plan_import(mutated(scramble))
    assert plan.blocking
    assert "header row" in plan.blocking[0].message
    with pytest.raises(importer.ImportRefused):
        importer.apply_plan(plan, valid_only=True)


def test_a_workbook_with_no_toolkit_sheets_says_so():
    def rename(book):
        for number, worksheet in enumerate(book.worksheets):
            worksheet.title = f"Sheet{number}"
            if number:
                worksheet.delete_rows(1, worksheet.max_row)
        book.worksheets[0].delete_rows(1, book.worksheets[0].max_row)

    plan = importer.plan_import(mutated(rename))
    assert plan.blocking
    assert "none of the sheets" in plan.blocking[0].message


def test_placeholders_in_optional_cells_are_warnings_not_errors():
    def placeholders(book):
        book["Register"]["R6"] = "n/a"
        book["Risks"]["M3"] = "TBC"

    plan = importer.plan_import(mutated(placeholders))
    assert plan.errors == []
    located = {(p.sheet, p.row, p.column) for p in plan.warnings}
    assert {("Register", 6, "End date"), ("Risks", 3, "Risk review date")} <= located
    importer.apply_plan(plan)
    assert RiskEntry.objects.get(partnership__reference="NCC-0001", risk_id="R1").review_date is None


def test_excel_serial_dates_are_read():
    plan = importer.plan_import(mutated(put("Register", "X5", 46112)))  # Last review, typed as a number
    assert plan.errors == []
    importer.apply_plan(plan)
    assert Partnership.objects.get(reference="NCC-0001").last_review == datetime.date(2026, 3, 31)
