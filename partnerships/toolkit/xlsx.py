"""Reading an uploaded .xlsx or .xlsm: values from calamine, formulas, error cells and hidden rows from the XML.

openpyxl reads about 2,000 to 3,000 rows a second on a small server; calamine (a Rust reader,
also pandas' fast engine) reads the same sheet more than ten times faster. It gives a formula's
last calculated result, but not that the cell is a formula, nor which rows are hidden. So a sheet
whose XML holds formulas, error values (#N/A, #REF!) or hidden rows gets a second pass with lxml.

A formula cell with no saved result (`<f>` and no `<v>`, as openpyxl and other programs that do not
calculate write it) is marked not calculated. A macro-enabled workbook's VBA is never read.

    book = Book(content)             # bytes of a workbook already checked by workbook.check_upload
    book.epoch                       # openpyxl's calendar: 1900 (Windows) or 1904 (old Macs)
    for sheet in book.worksheets:    # the worksheets in tab order (chart sheets left out)
        sheet.title, list(sheet.rows())  # [(row number, [values], {column index: Formula})]
"""

import io
import posixpath
import re
import zipfile

import openpyxl
from lxml import etree
from openpyxl.formula.translate import Translator
from openpyxl.utils.cell import coordinate_to_tuple, get_column_letter
from openpyxl.utils.datetime import CALENDAR_MAC_1904, CALENDAR_WINDOWS_1900

from . import reader
from .reader import KEEP, Formula, calamine_failed

MAIN = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
RELATIONSHIPS = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
PACKAGE_RELATIONSHIPS = "http://schemas.openxmlformats.org/package/2006/relationships"
DCTERMS_MODIFIED = "{http://purl.org/dc/terms/}modified"
ROW, CELL, FORMULA, VALUE = (f"{{{MAIN}}}{name}" for name in ("row", "c", "f", "v"))
# A formula element, an error cell or a hidden row anywhere in a sheet's XML: only then is the second pass needed.
SPECIAL = re.compile(rb"<(?:[A-Za-z_][\w.-]*:)?f[\s>/]|\st=[\"']e[\"']|\shidden=[\"'](?:1|true)[\"']")
# Every match of SPECIAL holds one of these: looking for them first is a fast byte search, where the
# regular expression would try every "<" of a sheet with no formulas, errors or hidden rows at all.
SPECIAL_TOKENS = (b"<f", b":f", b't="e"', b"t='e'", b"hidden=")
PARSER = {"resolve_entities": False, "no_network": True}


class Sheet(reader.Sheet):
    def rows(self):
        read = 0  # rows are read one at a time: calamine may stop part way down the sheet
        try:
            for row in super().rows():
                yield row
                read = row[0]
        except BaseException as error:
            if not calamine_failed(error):
                raise
            yield from (row for row in self._rows_by_openpyxl() if row[0] > read)

    def _rows_by_openpyxl(self):
        """The same rows read by openpyxl: slower, but it copes with any value Excel can store
        (calamine stops, for one, at a date cell holding a number beyond the calendar). The file is
        read twice, for the formulas and for their saved results."""
        content = io.BytesIO(self.book.content)
        formulas_book = openpyxl.load_workbook(content, read_only=True, data_only=False)
        results_book = openpyxl.load_workbook(content, read_only=True, data_only=True)
        try:
            formulas_sheet, results_sheet = formulas_book[self.title], results_book[self.title]
            formulas_sheet.reset_dimensions()  # some writers record the wrong sheet size
            results_sheet.reset_dimensions()
            rows = zip(formulas_sheet.iter_rows(), results_sheet.iter_rows(values_only=True), strict=False)
            for number, (cells, results) in enumerate(rows, start=1):
                values = [getattr(cell, "value", None) for cell in cells]
                formulas = {}
                for index, cell in enumerate(cells):
                    if getattr(cell, "data_type", None) == "f":
                        result = results[index] if index < len(results) else None
                        formulas[index] = Formula.of(str(cell.value), calculated=result is not None)
                        values[index] = result
                yield number, values, formulas
        finally:
            formulas_book.close()
            results_book.close()


class Book(reader.Book):
    """An .xlsx opened for reading. Raises ValueError (or zipfile's and calamine's errors) if damaged."""

    sheet_class = Sheet

    def __init__(self, content):
        self.archive = zipfile.ZipFile(io.BytesIO(content))
        super().__init__(content)
        self.parts, self.epoch = self._read_workbook_part()

    def _read_workbook_part(self):
        """{sheet name: path of its XML in the archive} and the date calendar, from xl/workbook.xml."""
        parser = etree.XMLParser(**PARSER)
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

    @property
    def calculated_on(self):
        """An .xlsx records no calculation time: the file's last-saved time is the nearest it keeps."""
        try:
            core = etree.fromstring(self.archive.read("docProps/core.xml"), etree.XMLParser(**PARSER))
        except (KeyError, etree.XMLSyntaxError):
            return None, ""
        modified = core.find(DCTERMS_MODIFIED)
        when = reader.parse_timestamp(modified.text if modified is not None else "")
        return (when, "the time the file was last saved") if when else (None, "")

    def special_cells(self, sheet):
        """{row number: {column number: (value or KEEP, Formula or None)}} for formula and error cells."""
        part = self.parts.get(sheet.title)
        if not part:
            return {}
        if not self.has_special(part):
            return {}
        found, shared = {}, {}
        row_number = 0
        with self.archive.open(part) as xml:
            events = etree.iterparse(xml, tag=ROW, **PARSER)
            for _event, row in events:
                row_number = self._read_row(row, row_number, sheet, found, shared)
                row.clear()
                while row.getprevious() is not None:  # the rows already read: let them go
                    del row.getparent()[0]
        return found

    def has_special(self, part):
        """Whether the sheet's XML holds a formula, an error value or a hidden row, read a piece at a time
        (the XML of a sheet of 100,000 rows unpacks to hundreds of megabytes)."""
        overlap = 64  # longer than any match of SPECIAL, so one split between pieces is still found
        tail = b""
        with self.archive.open(part) as xml:
            while piece := xml.read(1024 * 1024):
                window = tail + piece
                if any(token in window for token in SPECIAL_TOKENS) and SPECIAL.search(window):
                    return True
                tail = window[-overlap:]
        return False

    @staticmethod
    def _read_row(row, row_number, sheet, found, shared):
        """Note one <row>'s hidden flag, formulas and error cells; returns its row number."""
        row_number = int(row.get("r") or row_number + 1)
        if row.get("hidden", "").lower() in ("1", "true"):
            sheet.hidden_rows.add(row_number)
        column = 0
        for cell in row.iterchildren(CELL):
            reference = cell.get("r")
            column = coordinate_to_tuple(reference)[1] if reference else column + 1
            formula, kind = cell.find(FORMULA), cell.get("t")
            value = cell.find(VALUE)
            saved = value.text if value is not None else None
            if formula is not None:
                text = _formula_text(formula, f"{get_column_letter(column)}{row_number}", shared)
                # No saved result, unless the formula's result is an empty string (t="str").
                calculated = saved not in (None, "") or kind == "str"
                result = saved if kind == "e" else (KEEP if calculated else None)
                found.setdefault(row_number, {})[column] = (result, Formula.of(text, calculated))
            elif kind == "e":
                found.setdefault(row_number, {})[column] = (saved, None)
        return row_number


def _formula_text(element, coordinate, shared):
    """A formula's text; a shared formula's other cells carry none, so translate the first cell's."""
    text = element.text
    if element.get("t") == "shared":
        index = element.get("si")
        if text:
            shared[index] = (f"={text}", coordinate)
            return f"={text}"
        if index in shared:
            origin_text, origin = shared[index]
            try:
                return Translator(origin_text, origin=origin).translate_formula(coordinate)
            except Exception:
                return origin_text
    return f"={text}" if text else "="
