"""The fast reader (calamine, plus lxml for formulas and errors) sees a workbook exactly as openpyxl does."""

import datetime
import io
import zipfile

import openpyxl
import pytest
from openpyxl.utils.datetime import CALENDAR_MAC_1904
from python_calamine import CalamineWorkbook

from partnerships.toolkit import importer, xlsx
from partnerships.toolkit.workbook import RawRow, Upload
from register.models import Partnership
from tests.factories import PartnershipFactory

from .conftest import SAMPLE, mutated


def openpyxl_rows(content):
    """{sheet title: [(values, formula indexes)]} as openpyxl reads them, formulas as written."""
    book = openpyxl.load_workbook(io.BytesIO(content), read_only=True, data_only=False)
    sheets = {}
    for worksheet in book.worksheets:
        worksheet.reset_dimensions()
        sheets[worksheet.title] = trimmed(
            (
                [getattr(cell, "value", None) for cell in cells],
                {index for index, cell in enumerate(cells) if getattr(cell, "data_type", None) == "f"},
            )
            for cells in worksheet.iter_rows()
        )
    book.close()
    return sheets


def fast_rows(content):
    """The same, read by the import's reader, with each formula as its text."""
    book = xlsx.Book(content)
    try:
        return {
            sheet.title: trimmed(
                (raw.as_typed, set(raw.formulas))
                for raw in (RawRow(number, values, formulas) for number, values, formulas in sheet.rows())
            )
            for sheet in book.worksheets
        }
    finally:
        book.close()


def trimmed(rows):
    """Rows without trailing empty cells or trailing empty rows; midnight datetimes as dates."""
    out = []
    for values, formulas in rows:
        values = [value.date() if is_midnight(value) else value for value in values]
        while values and values[-1] is None:
            values.pop()
        out.append((values, formulas))
    while out and not out[-1][0]:
        out.pop()
    return out


def is_midnight(value):
    return isinstance(value, datetime.datetime) and value.time() == datetime.time(0)


def test_the_sample_toolkit_reads_the_same_as_with_openpyxl():
    content = SAMPLE.read_bytes()
    assert fast_rows(content) == openpyxl_rows(content)


def awkward(book):
    """Everything people leave in a workbook: formulas, Excel errors, times, text that looks like a formula."""
    sheet = book["Register"]
    sheet["M6"] = "=SUM(M5:M5)"
    sheet["N7"] = "#N/A"  # openpyxl stores this as an error cell, as Excel does
    sheet["O8"] = "#REF!"
    sheet["B9"] = "=1+1"
    sheet["B9"].data_type = "s"  # typed with a leading apostrophe: text, not a formula
    sheet["Q10"] = datetime.datetime(2024, 3, 5, 14, 30)
    sheet["W11"] = datetime.time(9, 15)
    sheet["M12"] = 1234.5
    sheet["M13"] = True
    sheet.cell(60, 40, "far away")


def test_formulas_errors_and_odd_values_read_the_same_as_with_openpyxl():
    content = mutated(awkward).content
    fast = fast_rows(content)
    assert fast == openpyxl_rows(content)
    register = dict(enumerate(fast["Register"], start=1))
    assert register[6] == (register[6][0], {12})  # M6 is flagged as a formula
    assert register[6][0][12] == "=SUM(M5:M5)"
    assert register[7][0][13] == "#N/A"
    assert register[9][0][1] == "=1+1" and 1 not in register[9][1]


@pytest.mark.django_db
def test_an_excel_error_in_a_cell_is_reported_where_it_is():
    plan = importer.plan_import(mutated(awkward))
    located = {(problem.row, problem.column): problem.message for problem in plan.errors}
    assert "#REF!" in located[(8, "External funding levered (£)")]
    assert "holds a formula" in located[(6, "Annual council contribution (£)")]


@pytest.mark.django_db
def test_dates_typed_as_numbers_follow_the_workbooks_calendar():
    """A workbook saved with the 1904 calendar (old Excel for Mac): serial 45000 is a different day."""

    def mac(book):
        book.epoch = CALENDAR_MAC_1904
        book["Register"]["Q5"] = 45000
        book["Register"]["Q5"].number_format = "General"

    row = next(row for row in importer.plan_import(mutated(mac)).sheets[0].rows if row.row == 5)
    assert row.values["start_date"] == datetime.date(2027, 3, 16)  # 2023-03-15 in the 1900 calendar


@pytest.mark.django_db
def test_planning_reads_only_the_partnerships_the_workbook_names(django_assert_max_num_queries):
    """The register's size does not change the cost of planning an import: only named Refs are fetched."""
    PartnershipFactory.create_batch(30)
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.title = "Register"
    sheet.append(["Ref", "Partnership name", "Partnership type"])
    existing = Partnership.objects.order_by("reference")[0]
    sheet.append([existing.reference.lower(), existing.name, existing.get_partnership_type_display()])
    sheet.append(["NEW-0001", "A new partnership", "Statutory"])
    buffer = io.BytesIO()
    book.save(buffer)

    with django_assert_max_num_queries(6) as captured:
        plan = importer.plan_import(Upload(name="two.xlsx", content=buffer.getvalue()))

    assert list(plan.context.partnerships) == [existing.reference.lower()]  # matched in any case
    assert [row.action for row in plan.sheets[0].rows] == ["unchanged", "new"]
    fetched = [query["sql"] for query in captured.captured_queries if 'FROM "register_partnership"' in query["sql"]]
    assert len(fetched) == 1 and "IN (" in fetched[0]  # the named Refs, not the whole register


@pytest.mark.django_db
@pytest.mark.filterwarnings("ignore:Cell .* is marked as a date:UserWarning")
@pytest.mark.parametrize(
    ("value", "number_format"),
    [(-(10**12), "dd/mm/yyyy"), (10**15, "[h]:mm:ss")],
    ids=["date before the calendar (a Rust panic)", "duration of billions of days (OverflowError)"],
)
def test_a_sheet_calamine_cannot_read_is_read_by_openpyxl_instead(value, number_format):
    """A cell Excel can hold but calamine cannot convert does not stop the import: the row is reported."""

    def odd_cell(book):
        book["Register"]["Q5"] = value
        book["Register"]["Q5"].number_format = number_format

    upload = mutated(odd_cell)
    calamine = CalamineWorkbook.from_filelike(io.BytesIO(upload.content))
    with pytest.raises(BaseException):  # noqa: B017 - what calamine raises differs by value
        calamine.get_sheet_by_name("Register").to_python()

    plan = importer.plan_import(upload)
    located = {(problem.row, problem.column) for problem in plan.errors if problem.sheet == "Register"}
    assert located == {(5, "Start date")}  # other sheets' rows for NCC-0001 wait on it, as always
    assert [sheet.name for sheet in plan.sheets] == ["Register", "Risks", "Reviews", "Health check"]


def as_excel_saves_it(content):
    """The workbook as Excel saves a filled-down formula: calculated, shared from its first cell."""
    source = zipfile.ZipFile(io.BytesIO(content))
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as target:
        for info in source.infolist():
            data = source.read(info)
            if info.filename == "xl/worksheets/sheet1.xml":
                data = data.replace(b"<f>A1*2</f><v></v>", b'<f t="shared" ref="B1:B3" si="0">A1*2</f><v>2</v>')
                data = data.replace(b"<f>A2*2</f><v></v>", b'<f t="shared" si="0"/><v>4</v>')
                data = data.replace(b"<f>A3*2</f><v></v>", b'<f t="shared" si="0"/>')  # never calculated
            target.writestr(info, data)
    return buffer.getvalue()


def filled_down_formula():
    """B1:B3 = A*2, filled down and saved as Excel saves it."""
    book = openpyxl.Workbook()
    sheet = book.active
    for row in (1, 2, 3):
        sheet[f"A{row}"], sheet[f"B{row}"] = row, f"=A{row}*2"
    buffer = io.BytesIO()
    book.save(buffer)
    return as_excel_saves_it(buffer.getvalue())


def test_a_shared_formula_reads_as_each_cells_own_formula_with_its_result():
    reader = xlsx.Book(filled_down_formula())
    rows = {number: (values, formulas) for number, values, formulas in reader.worksheets[0].rows()}
    reader.close()

    assert rows[1][0][1] == 2 and rows[1][1][1].text == "=A1*2" and rows[1][1][1].calculated
    assert rows[2][0][1] == 4 and rows[2][1][1].text == "=A2*2" and rows[2][1][1].calculated
    assert rows[3][0][1] is None and rows[3][1][1].text == "=A3*2" and not rows[3][1][1].calculated


def test_openpyxl_read_instead_of_calamine_also_gives_formulas_saved_results():
    reader = xlsx.Book(filled_down_formula())
    fast = list(reader.worksheets[0].rows())
    slow = list(reader.worksheets[0]._rows_by_openpyxl())
    reader.close()

    assert [(values, {i: f.calculated for i, f in formulas.items()}) for _n, values, formulas in slow] == [
        (values, {i: f.calculated for i, f in formulas.items()}) for _n, values, formulas in fast
    ]
    assert slow[0][2][1].text == "=A1*2"
