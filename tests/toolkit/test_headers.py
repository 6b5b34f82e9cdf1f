"""Other councils' copies: columns in another order, other case and spacing, more title rows, extra columns."""

import pytest
from openpyxl.utils import get_column_letter

from partnerships.toolkit import headers, importer
from register.models import Partnership

from .conftest import SAMPLE_COUNTS, mutated

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    ("typed", "field"),
    [
        ("REF", "reference"),
        ("  Partnership   Name ", "name"),
        ("lead officer:", "lead_officer_name"),
        ("Lead Officer E-mail", "lead_officer_email"),
        ("Annual council contribution", "annual_contribution"),
        ("annual council contribution (£)", "annual_contribution"),
        ("Purpose/Description", "purpose"),
        ("Assessment Completed", "assessment_completed"),
        ("Overall R.A.G.", None),
        ("rag", "rag"),
    ],
)
def test_register_headers_match_ignoring_case_spacing_and_punctuation(typed, field):
    assert headers.match_header("register", typed) == field


def test_health_check_principle_columns_match_by_number():
    assert headers.match_header("health_check", "P3 Commitment and ownership") == "principle_3"
    assert headers.match_header("health_check", "Principle 6") == "principle_6"
    assert headers.match_header("health_check", "p1") == "principle_1"


def test_sheet_names_are_matched_too():
    assert headers.sheet_key("REGISTER") == "register"
    assert headers.sheet_key("Risk register") == "risks"
    assert headers.sheet_key("Health checks") == "health_check"
    assert headers.sheet_key("Lookups") is None


def reorder_register(book):
    """Reverse the Register's columns, shout and pad the headers, add two title rows and an extra column."""
    sheet = book["Register"]
    sheet.unmerge_cells("A1:F1")
    rows = [[cell.value for cell in row] for row in sheet.iter_rows()]
    sheet.delete_rows(1, sheet.max_row)
    for number, row in enumerate(rows, start=1):
        values = [*reversed(row), None]
        if number == 4:
            values = [f"  {str(value).upper()}  " if value else value for value in values[:-1]]
            values.append("Extra notes column")
        for column, value in enumerate(values, start=1):
            sheet[f"{get_column_letter(column)}{number + 2}"] = value
    sheet["A1"] = "Another council"
    sheet["A2"] = "Partnerships (departmental copy)"


def test_columns_in_another_order_case_and_spacing_with_more_title_rows():
    plan = importer.plan_import(mutated(reorder_register))

    register = plan.sheet("register")
    assert register.header_row == 6
    assert plan.errors == []
    assert {name: c["created"] for name, c in plan.counts.items()} == SAMPLE_COUNTS
    assert [text for _, text in register.unknown_columns] == ["Extra notes column"]
    importer.apply_plan(plan)
    assert Partnership.objects.get(reference="NCC-0002").name == "Integrated Care Partnership"


def test_an_unrecognised_column_can_be_mapped_to_a_field_or_ignored():
    def rename(book):
        book["Register"]["AB4"] = "Remarks from the board"  # the Notes column, under another name

    upload = mutated(rename)
    plan = importer.plan_import(upload)
    assert plan.sheet("register").unknown_columns == [(27, "Remarks from the board")]

    mapping = {"register": {headers.normalise_header("Remarks from the board"): "notes"}}
    mapped = importer.plan_import(upload, mapping=mapping)
    assert mapped.sheet("register").unknown_columns == []
    importer.apply_plan(mapped)
    assert Partnership.objects.get(reference="NCC-0003").notes == "Agreement due for refresh"

    ignored = importer.plan_import(upload, mapping={"register": {"remarks from the board": ""}})
    assert ignored.sheet("register").unknown_columns == []
    assert ignored.totals["updated"] == 0  # notes are not touched when the column is ignored
