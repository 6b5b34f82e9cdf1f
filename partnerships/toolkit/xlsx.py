"""Reading an uploaded .xlsx quickly: cell values from calamine, formulas and error cells from the XML.

openpyxl reads about 2,000 to 3,000 rows a second on a small server; calamine (a Rust reader,
also pandas' fast engine) reads the same sheet more than ten times faster. It gives a formula's
last calculated result, though, and the import must tell a formula from a typed value: it refuses
formulas in data columns and keeps a formula's text in the rejected-rows workbook. So a sheet
whose XML holds formulas or error values (#N/A, #REF!) gets a second pass over just those cells
with lxml, and its values are read as openpyxl reads them ("=F5*G5", "#N/A").

    book = Book(content)             # bytes of a workbook already checked by workbook.check_upload
    book.epoch                       # openpyxl's calendar: 1900 (Windows) or 1904 (old Macs)
    for sheet in book.worksheets:    # the worksheets in tab order (chart sheets left out)
        sheet.title, list(sheet.rows())  # [(row number, [values], {column indexes with a formula})]
"""

import io
import posixpath
import re
import zipfile

import openpyxl
from lxml import etree
from openpyxl.utils.cell import coordinate_to_tuple
from openpyxl.utils.datetime import CALENDAR_MAC_1904, CALENDAR_WINDOWS_1900
from python_calamine import CalamineWorkbook, SheetTypeEnum

MAIN = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
RELATIONSHIPS = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
PACKAGE_RELATIONSHIPS = "http://schemas.openxmlformats.org/package/2006/relationships"
ROW, CELL, FORMULA, VALUE = (f"{{{MAIN}}}{name}" for name in ("row", "c", "f", "v"))
# A formula element or an error cell anywhere in a sheet's XML: only then is the second pass needed.
SPECIAL = re.compile(rb"<(?:[A-Za-z_][\w.-]*:)?f[\s>/]|\st=[\"']e[\"']")


class Book:
    """An .xlsx opened for reading. Raises ValueError (or zipfile's and calamine's errors) if damaged."""

    def __init__(self, content):
        self.content = content
        self.archive = zipfile.ZipFile(io.BytesIO(content))
        self.calamine = CalamineWorkbook.from_filelike(io.BytesIO(content))
        parts, self.epoch = self._read_workbook_part()
        kinds = {sheet.name: sheet.typ for sheet in self.calamine.sheets_metadata}
        self.worksheets = [
            Sheet(self, name, parts.get(name))
            for name in self.calamine.sheet_names
            if kinds.get(name) == SheetTypeEnum.WorkSheet
        ]

    def _read_workbook_part(self):
        """{sheet name: path of its XML in the archive} and the date calendar, from xl/workbook.xml."""
        parser = etree.XMLParser(resolve_entities=False, no_network=True)
        workbook = etree.fromstring(self.archive.read("xl/workbook.xml"), parser)
        properties = workbook.find(f"{{{MAIN}}}workbookPr")
        date1904 = properties is not None and properties.get("date1904", "").lower() in ("1", "true")
        try:
            rels = etree.fromstring(self.archive.read("xl/_rels/workbook.xml.rels"), parser)
        except KeyError:
            rels = None
        targets = {}
        for relationship in rels.iter(f"{{{PACKAGE_RELATIONSHIPS}}}Relationship") if rels is not None else ():
            target = relationship.get("Target", "")
            path = target.lstrip("/") if target.startswith("/") else posixpath.normpath(f"xl/{target}")
            targets[relationship.get("Id")] = path
        parts = {
            sheet.get("name"): targets.get(sheet.get(f"{{{RELATIONSHIPS}}}id"))
            for sheet in workbook.iter(f"{{{MAIN}}}sheet")
        }
        return parts, CALENDAR_MAC_1904 if date1904 else CALENDAR_WINDOWS_1900

    def close(self):
        self.archive.close()
        self.calamine.close()


class Sheet:
    def __init__(self, book, title, part):
        self.book = book
        self.title = title
        self.part = part

    def rows(self):
        """(row number, values, formula column indexes) for every row from row 1, blank ones included.

        Values are None for empty cells; whole numbers are ints and formulas are their text, as in
        openpyxl (formulas as written), so the rest of the import sees the same values either way.
        """
        try:
            values = self.book.calamine.get_sheet_by_name(self.title).to_python(skip_empty_area=False)
        except BaseException as error:
            if not calamine_failed(error):
                raise
            yield from self._rows_by_openpyxl()
            return
        special = self._special_cells()
        for number, row in enumerate(values, start=1):
            cells = [_value(value) for value in row]
            formulas = set()
            for column, (value, is_formula) in special.get(number, {}).items():
                cells.extend([None] * (column - len(cells)))
                if value is not None:  # a shared formula's other cells carry no text: keep the result
                    cells[column - 1] = value
                if is_formula:
                    formulas.add(column - 1)
            yield number, cells, formulas

    def _special_cells(self):
        """{row number: {column number: (value as openpyxl reads it, is a formula)}} for formula and error cells."""
        if not self.part:
            return {}
        xml = self.book.archive.read(self.part)
        if not SPECIAL.search(xml):
            return {}
        found = {}
        row_number = 0
        events = etree.iterparse(io.BytesIO(xml), tag=ROW, resolve_entities=False, no_network=True)
        for _event, row in events:
            row_number = int(row.get("r") or row_number + 1)
            column = 0
            for cell in row.iterchildren(CELL):
                reference = cell.get("r")
                column = coordinate_to_tuple(reference)[1] if reference else column + 1
                formula = cell.find(FORMULA)
                if formula is not None:
                    text = formula.text
                    found.setdefault(row_number, {})[column] = (f"={text}" if text else None, True)
                elif cell.get("t") == "e":
                    value = cell.find(VALUE)
                    found.setdefault(row_number, {})[column] = (value.text if value is not None else None, False)
            row.clear()
        return found

    def _rows_by_openpyxl(self):
        """The same rows read by openpyxl: slower, but it copes with any value Excel can store
        (calamine stops, for one, at a date cell holding a number beyond the calendar)."""
        book = openpyxl.load_workbook(io.BytesIO(self.book.content), read_only=True, data_only=False)
        try:
            worksheet = book[self.title]
            worksheet.reset_dimensions()  # some writers record the wrong sheet size
            for number, cells in enumerate(worksheet.iter_rows(), start=1):
                values = [getattr(cell, "value", None) for cell in cells]
                formulas = {index for index, cell in enumerate(cells) if getattr(cell, "data_type", None) == "f"}
                yield number, values, formulas
        finally:
            book.close()


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
