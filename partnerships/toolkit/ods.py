"""Reading an uploaded .ods (LibreOffice, OpenOffice, Google Sheets): values from calamine, formulas,
error cells and hidden rows from content.xml.

Each formula cell carries its text (`table:formula="of:=EDATE([.X5];12)"`, OpenFormula) and its
saved result (`office:value-type` with the value); an error shows as `calcext:value-type="error"`
with the code as the cell's text. The formula text is shown as Excel writes it: "=EDATE(X5,12)".
Macros (Basic/, Scripts/) are never read.
"""

import io
import re
import zipfile

from lxml import etree

from . import reader
from .reader import KEEP, Formula

TABLE = "urn:oasis:names:tc:opendocument:xmlns:table:1.0"
OFFICE = "urn:oasis:names:tc:opendocument:xmlns:office:1.0"
CALCEXT = "urn:org:documentfoundation:names:experimental:calc:xmlns:calcext:1.0"
TEXT = "urn:oasis:names:tc:opendocument:xmlns:text:1.0"
DC_DATE = "{http://purl.org/dc/elements/1.1/}date"
T = f"{{{TABLE}}}"
CELLS = (f"{T}table-cell", f"{T}covered-table-cell")
PARSER = {"resolve_entities": False, "no_network": True, "huge_tree": False}
REFERENCE = re.compile(r"\[([^\]]*)\]")
STRING_OR_SEPARATOR = re.compile(r'"(?:[^"]|"")*"|;')
MAX_REPEAT = 1_048_576  # the most rows or columns a sheet can have
# A formula, an error value or a hidden row anywhere in content.xml: only then is the pass needed.
SPECIAL = re.compile(rb":formula=|:value-type=[\"']error[\"']|:visibility=[\"'](?:collapse|filter)[\"']")


class Book(reader.Book):
    def __init__(self, content):
        self.archive = zipfile.ZipFile(io.BytesIO(content))
        super().__init__(content)
        self._special = None

    @property
    def calculated_on(self):
        try:
            meta = etree.fromstring(self.archive.read("meta.xml"), etree.XMLParser(**PARSER))
        except (KeyError, etree.XMLSyntaxError):
            return None, ""
        saved = meta.find(f".//{DC_DATE}")
        when = reader.parse_timestamp(saved.text if saved is not None else "")
        return (when, "the time the file was last saved") if when else (None, "")

    def special_cells(self, sheet):
        if self._special is None:
            self._special = self._read_content()
        found, hidden_rows = self._special.get(sheet.title, ({}, set()))
        sheet.hidden_rows |= hidden_rows
        return found

    def _read_content(self):
        """{sheet name: ({row: {column: (value, Formula)}}, hidden rows)} in one pass over content.xml."""
        sheets = {}
        found, hidden, row_number = {}, set(), 0
        content = self.archive.read("content.xml")
        if not SPECIAL.search(content):
            return sheets
        events = etree.iterparse(
            io.BytesIO(content), events=("start", "end"), tag=(f"{T}table", f"{T}table-row"), **PARSER
        )
        for event, element in events:
            if element.tag == f"{T}table":
                if event == "start":
                    found, hidden, row_number = {}, set(), 0
                    sheets[element.get(f"{T}name")] = (found, hidden)
                else:
                    element.clear()
                continue
            if event != "end":
                continue
            repeat = min(int(element.get(f"{T}number-rows-repeated") or 1), MAX_REPEAT)
            if element.get(f"{T}visibility") in ("collapse", "filter"):
                hidden.update(range(row_number + 1, row_number + 1 + repeat))
            _read_row(element, row_number + 1, found)
            row_number += repeat
            element.clear()
        return sheets


def _read_row(row, number, found):
    column = 0
    for cell in row.iterchildren(*CELLS):
        repeat = min(int(cell.get(f"{T}number-columns-repeated") or 1), MAX_REPEAT)
        formula = cell.get(f"{T}formula")
        error = cell.get(f"{{{CALCEXT}}}value-type") == "error"
        if formula is not None or error:
            for offset in range(1, min(repeat, 1024) + 1):
                value = "".join(cell.itertext()).strip() if error else KEEP
                calculated = error or cell.get(f"{{{OFFICE}}}value-type") is not None
                if not calculated:
                    value = None
                text = excel_formula(formula) if formula is not None else None
                found.setdefault(number, {})[column + offset] = (
                    value,
                    Formula.of(text, calculated) if text is not None else None,
                )
        column += repeat


def excel_formula(text):
    """OpenFormula as Excel writes it: "of:=EDATE([.X5];12)" -> "=EDATE(X5,12)"."""
    text = text.split(":", 1)[1] if not text.startswith("=") and ":" in text else text
    text = REFERENCE.sub(lambda match: _reference(match.group(1)), text)
    return STRING_OR_SEPARATOR.sub(lambda match: "," if match.group(0) == ";" else match.group(0), text)


def _reference(inner):
    parts = []
    for part in inner.split(":"):
        sheet, _dot, cell = part.rpartition(".")
        sheet = sheet.lstrip("$")
        parts.append(f"{sheet}!{cell}" if sheet else cell)
    return ":".join(parts)
