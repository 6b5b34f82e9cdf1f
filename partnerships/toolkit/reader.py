"""What the three workbook readers (xlsx.py, ods.py, xls.py) share.

calamine reads every cell's value quickly: for a formula, the result the spreadsheet program
calculated and saved. It cannot say which cells are formulas or error values, so each format's
reader makes one more pass over just that (lxml over the XML of .xlsx and .ods; the BIFF records
of .xls) and lays what it finds over calamine's values:

    for number, values, formulas in sheet.rows():   # formulas: {column index: Formula}
        ...
    sheet.hidden, sheet.hidden_rows                 # hidden sheets and rows are imported but listed

An error value is given as its code ("#N/A", "#REF!"), as openpyxl gives it.
"""

import datetime
import functools
import io
import re
from dataclasses import dataclass

from openpyxl.utils.datetime import CALENDAR_WINDOWS_1900
from python_calamine import CalamineWorkbook, SheetTypeEnum, SheetVisibleEnum

KEEP = object()  # keep calamine's value for this cell
# Functions whose result changes every time the workbook is calculated.
VOLATILE = re.compile(r"\b(TODAY|NOW|RAND|RANDBETWEEN|RANDARRAY)\s*\(", re.IGNORECASE)


@dataclass(frozen=True)
class Formula:
    text: str  # "=EDATE(X5,12)"; "" where the file format keeps no text we read (.xls)
    calculated: bool = True  # the file holds the result the spreadsheet program calculated
    volatile: bool = False  # TODAY(), NOW(), RAND()...: the saved result is as of the last calculation

    @classmethod
    def of(cls, text, calculated=True):
        return cls(text=text, calculated=calculated, volatile=bool(VOLATILE.search(text)))


class Sheet:
    def __init__(self, book, title, hidden=False):
        self.book = book
        self.title = title
        self.hidden = hidden
        self.hidden_rows = set()

    @functools.cached_property
    def calamine(self):
        """calamine's sheet, read once for its merged ranges and its rows."""
        return self.book.calamine.get_sheet_by_name(self.title)

    @property
    def merged(self):
        """Merged ranges as ((first row, first column), (last row, last column)), 0-based; [] if unknown."""
        try:
            return self.calamine.merged_cell_ranges or []
        except Exception:
            return []

    def calamine_rows(self):
        """Each row's values from column A, one row at a time: the sheet is never held as Python lists."""
        sheet = self.calamine
        if sheet.start is None:  # an empty sheet
            return
        padding = [""] * sheet.start[1]  # calamine's rows begin at the first used column
        for row in sheet.iter_rows():
            yield [*padding, *row] if padding else row

    def rows(self):
        """(row number, values, {column index: Formula}) for every row from row 1, blank ones included."""
        values = self.calamine_rows()
        special = self.book.special_cells(self)
        for number, row in enumerate(values, start=1):
            cells = [_value(value) for value in row]
            formulas = {}
            for column, (value, formula) in special.get(number, {}).items():
                cells.extend([None] * (column - len(cells)))
                if value is not KEEP:
                    cells[column - 1] = value
                if formula is not None:
                    formulas[column - 1] = formula
            yield number, cells, formulas
        self.__dict__.pop("calamine", None)  # calamine holds the whole sheet: let it go once read


class Book:
    """A workbook read by calamine. Subclasses add `special_cells(sheet)` and `calculated_on`."""

    sheet_class = Sheet
    epoch = CALENDAR_WINDOWS_1900  # openpyxl's calendar; only .xlsx has a choice
    # When the saved results were calculated: (when, where the time comes from), or (None, "") unknown.
    calculated_on = (None, "")

    def __init__(self, content):
        self.content = content
        self.calamine = CalamineWorkbook.from_filelike(io.BytesIO(content))
        self.worksheets = [
            self.sheet_class(self, meta.name, hidden=meta.visible != SheetVisibleEnum.Visible)
            for meta in self.calamine.sheets_metadata
            if meta.typ == SheetTypeEnum.WorkSheet
        ]

    def special_cells(self, sheet):
        """{row number: {column number: (value or KEEP, Formula or None)}}; sets sheet.hidden_rows."""
        return {}

    def close(self):
        self.calamine.close()
        if getattr(self, "archive", None) is not None:  # .xlsx and .ods are zip archives
            self.archive.close()


def calamine_failed(error):
    """An error from reading with calamine: its own errors, a value it cannot convert (OverflowError
    for a duration of millions of days), or a panic of its Rust code, which Python sees as a
    BaseException. Not KeyboardInterrupt, SystemExit and the like."""
    return isinstance(error, Exception) or type(error).__name__ == "PanicException"


def _value(value):
    """calamine's value as openpyxl gives it: None for an empty cell, whole numbers as int."""
    if value == "":
        return None
    if isinstance(value, float) and value.is_integer() and abs(value) < 2**53:
        return int(value)
    return value


def parse_timestamp(text):
    """A W3C date-time from a document's properties ("2026-12-04T12:30:16Z"), as an aware datetime or None."""
    try:
        when = datetime.datetime.fromisoformat((text or "").strip().replace("Z", "+00:00"))
    except ValueError:
        return None
    return when if when.tzinfo else when.replace(tzinfo=datetime.UTC)
