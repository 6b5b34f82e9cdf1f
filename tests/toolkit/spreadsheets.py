"""Workbooks made the way a spreadsheet program saves them: written with openpyxl (which stores
formulas but no results), then opened, recalculated and saved by LibreOffice as .xlsx, .ods and .xls.

LibreOffice is slow to start and one profile serves one instance, so every workbook is converted
in three soffice calls per test session (one per file type), with a private profile.
"""

import datetime
import shutil
import subprocess

import openpyxl
from openpyxl.styles import Font, PatternFill
from openpyxl.worksheet.table import Table

from partnerships.toolkit import parsers

from .conftest import SAMPLE

FORMATS = ("xlsx", "ods", "xls")
HYPERLINK = '=HYPERLINK("https://northmoor.gov.uk/minutes/csp","Board minutes")'


def data_rows(sheet, first):
    return [row for row in range(first, sheet.max_row + 1) if sheet.cell(row, 1).value]


def calculated(book):
    """The officer's edit of issue 19: "Next review due" (Y) is =EDATE(Last review,12) wherever there is one."""
    sheet = book["Register"]
    for row in data_rows(sheet, 5):
        if not str(sheet.cell(row, 1).value).startswith("NCC-"):
            continue
        last = parsers.parse_date(sheet[f"X{row}"].value)
        sheet[f"X{row}"] = last  # a real date, as the spreadsheet would hold it
        sheet[f"X{row}"].number_format = "DD/MM/YYYY"
        sheet[f"Y{row}"] = f"=EDATE(X{row},12)" if last else None
        sheet[f"Y{row}"].number_format = "DD/MM/YYYY"


def habits(book):
    """Hidden rows and sheets, a row struck through and filled grey, a hyperlink, TODAY(), a two-row
    header with a merged group heading, an Excel Table and an autofilter."""
    register = book["Register"]
    register["AB5"] = HYPERLINK
    register.row_dimensions[10].hidden = True
    for cell in register[11]:  # struck through and greyed out: still a partnership, as no column says otherwise
        cell.font = Font(strike=True)
        cell.fill = PatternFill("solid", fgColor="BFBFBF")
    register.auto_filter.ref = "A4:AB45"
    register["X3"], register["X4"], register["Y4"] = "Review", "Last", "Next"
    register.merge_cells("X3:Y3")
    risks = book["Risks"]
    risks["M3"] = "=TODAY()"
    risks["M3"].number_format = "DD/MM/YYYY"
    risks.add_table(Table(displayName="Risks", ref=f"A2:N{max(data_rows(risks, 3))}"))
    book["Health check"].sheet_state = "hidden"


def errors(book):
    """Error values a spreadsheet shows: #DIV/0! and #N/A."""
    register = book["Register"]
    register["M6"] = "=1/0"
    register["Y7"] = "=NA()"


BUILDERS = {"calculated": calculated, "habits": habits, "errors": errors}


def uncalculated(path):
    """A formula with no calculated result, as a program that does not calculate writes it."""
    book = openpyxl.load_workbook(SAMPLE)
    book["Register"]["Y5"] = "=EDATE(X5,12)"
    book.save(path)
    return path


def convert(paths, kind, directory):
    """Open the workbooks in LibreOffice and save them as `kind` in directory/kind/ (one soffice call)."""
    soffice = shutil.which("soffice") or shutil.which("libreoffice")
    if soffice is None:
        raise RuntimeError("LibreOffice is needed: run scripts/system-packages --test")
    profile = directory / "profile"
    subprocess.run(
        [
            soffice,
            f"-env:UserInstallation={profile.as_uri()}",
            "--headless",
            "--calc",
            "--convert-to",
            kind,
            "--outdir",
            str(directory / kind),
            *map(str, paths),
        ],
        check=True,
        capture_output=True,
        timeout=180,
    )
    return [directory / kind / f"{path.stem}.{kind}" for path in paths]


def make_workbooks(directory):
    """{(name, file type): path} for every builder, saved by LibreOffice as each file type."""
    sources = directory / "openpyxl"
    sources.mkdir()
    for name, build in BUILDERS.items():
        book = openpyxl.load_workbook(SAMPLE)
        build(book)
        book.save(sources / f"{name}.xlsx")
    for kind in FORMATS:
        convert([sources / f"{name}.xlsx" for name in BUILDERS], kind, directory)
    made = {(name, kind): directory / kind / f"{name}.{kind}" for name in BUILDERS for kind in FORMATS}
    missing = [str(path) for path in made.values() if not path.exists()]
    if missing:
        raise RuntimeError(f"LibreOffice did not write {missing}")
    return made


def add_months(date, months):
    """EDATE: the same day so many months on, or the month's last day."""
    month = date.month - 1 + months
    year, month = date.year + month // 12, month % 12 + 1
    for day in range(date.day, 27, -1):
        try:
            return datetime.date(year, month, day)
        except ValueError:
            continue
    return datetime.date(year, month, min(date.day, 28))


__all__ = ["FORMATS", "HYPERLINK", "add_months", "convert", "make_workbooks", "uncalculated"]
