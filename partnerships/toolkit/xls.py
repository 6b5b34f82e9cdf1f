"""Reading an uploaded .xls (Excel 97-2003, BIFF8): values from calamine, formulas from the BIFF records.

An .xls keeps each formula compiled to tokens, never as text, so what this reader detects is:

- which cells hold a formula (every FORMULA record) and their saved result: a number (calamine's
  value, with its date format), text, TRUE/FALSE, an error code (#N/A, #REF!...) or empty;
- a volatile formula (TODAY(), NOW(), RAND()...): Excel and LibreOffice mark it with a tAttrVolatile
  token or the always-calculate flag;
- `=HYPERLINK("url", "text")` written with both as plain text: its URL and text;
- hidden rows (the ROW record's zero-height flag) and error values typed as such.

The text of other formulas is not rebuilt, so warnings about them name the column, not the formula.
An .xls always holds a result for every formula (the format has no "not calculated" state).
When the results were calculated: the file's last-saved time, from its document properties.
An .xls holding macros (a _VBA_PROJECT_CUR storage) is refused: its macros could not be removed from
the copy the import keeps (see workbook.check_upload).
"""

import datetime
import struct

import olefile

from . import reader
from .reader import KEEP, Formula

BOF, EOF, BOUNDSHEET, CONTINUE = 0x0809, 0x000A, 0x0085, 0x003C
FORMULA, STRING, ROW, BOOLERR = 0x0006, 0x0207, 0x0208, 0x0205
ERRORS = {0x00: "#NULL!", 0x07: "#DIV/0!", 0x0F: "#VALUE!", 0x17: "#REF!", 0x1D: "#NAME?", 0x24: "#NUM!", 0x2A: "#N/A"}
T_ATTR, ATTR_VOLATILE, T_STR = 0x19, 0x01, 0x17
T_FUNC_VAR = (0x22, 0x42, 0x62)
HYPERLINK = 359  # the function's number in BIFF
ALWAYS_CALCULATE = 0x0001
HIDDEN_ROW = 0x0020
VBA_STORAGE = "_VBA_PROJECT_CUR"
TEXT_FOLLOWS = object()  # the result is text, in the STRING record that follows


def workbook_stream(content):
    with olefile.OleFileIO(content) as ole:
        name = "Workbook" if ole.exists("Workbook") else "Book"
        metadata = ole.get_metadata()
        return ole.openstream(name).read(), metadata.last_saved_time


class Book(reader.Book):
    def __init__(self, content):
        super().__init__(content)
        self.stream, saved = workbook_stream(content)
        self.saved = saved.replace(tzinfo=datetime.UTC) if isinstance(saved, datetime.datetime) else None
        self.offsets = dict(_sheet_offsets(self.stream))

    @property
    def calculated_on(self):
        return (self.saved, "the time the file was last saved") if self.saved else (None, "")

    def special_cells(self, sheet):
        offset = self.offsets.get(sheet.title)
        if offset is None:
            return {}
        found = {}
        pending = None  # a formula whose text result follows in a STRING record
        for kind, data in _records(self.stream, offset):
            if kind == EOF:
                break
            if kind == ROW and len(data) >= 14:
                row, flags = struct.unpack_from("<H", data)[0], struct.unpack_from("<H", data, 12)[0]
                if flags & HIDDEN_ROW:
                    sheet.hidden_rows.add(row + 1)
            elif kind == FORMULA and len(data) >= 22:
                row, column = struct.unpack_from("<HH", data)
                result, options, size = (
                    data[6:14],
                    struct.unpack_from("<H", data, 14)[0],
                    struct.unpack_from("<H", data, 20)[0],
                )
                tokens = data[22 : 22 + size]
                volatile = bool(options & ALWAYS_CALCULATE) or (
                    tokens[:1] == bytes([T_ATTR]) and tokens[1] & ATTR_VOLATILE
                )
                formula = Formula(text=_hyperlink_text(tokens), calculated=True, volatile=volatile)
                value = _result(result)
                found.setdefault(row + 1, {})[column + 1] = (value, formula)
                pending = (row + 1, column + 1) if value is TEXT_FOLLOWS else None
            elif kind == STRING and pending:
                row, column = pending
                found[row][column] = (_unicode_string(data, 0, length_bytes=2)[0], found[row][column][1])
                pending = None
            elif kind == BOOLERR and len(data) >= 8 and data[7] == 1:
                row, column = struct.unpack_from("<HH", data)
                found.setdefault(row + 1, {})[column + 1] = (ERRORS.get(data[6], "#N/A"), None)
        for cells in found.values():
            for column, (value, formula) in cells.items():
                if value is TEXT_FOLLOWS:  # no STRING record followed: leave calamine's value
                    cells[column] = (KEEP, formula)
        return found


def _records(stream, offset):
    while offset + 4 <= len(stream):
        kind, length = struct.unpack_from("<HH", stream, offset)
        yield kind, stream[offset + 4 : offset + 4 + length]
        offset += 4 + length


def _sheet_offsets(stream):
    for kind, data in _records(stream, 0):
        if kind == BOUNDSHEET and len(data) >= 8 and data[5] == 0:  # a worksheet
            yield _unicode_string(data, 6, length_bytes=1)[0], struct.unpack_from("<I", data)[0]
        elif kind == EOF:
            return


def _unicode_string(data, offset, length_bytes):
    """A BIFF8 unformatted string: (text, offset after it)."""
    count = data[offset] if length_bytes == 1 else struct.unpack_from("<H", data, offset)[0]
    flags = data[offset + length_bytes]
    start = offset + length_bytes + 1
    if flags & 0x01:
        return data[start : start + 2 * count].decode("utf-16-le", "replace"), start + 2 * count
    return data[start : start + count].decode("latin-1"), start + count


def _result(result):
    """A FORMULA record's saved result: KEEP (a number: calamine's value), TEXT_FOLLOWS, or the value."""
    if result[6:8] != b"\xff\xff":
        return KEEP
    kind = result[0]
    if kind == 0:
        return TEXT_FOLLOWS
    if kind == 1:
        return bool(result[2])
    if kind == 2:
        return ERRORS.get(result[2], "#N/A")
    return None  # an empty string


def _hyperlink_text(tokens):
    """'=HYPERLINK("url","text")' when the formula is exactly that with plain text arguments; else ""."""
    texts, position = [], 0
    while position < len(tokens) and tokens[position] == T_STR:
        try:
            text, position = _unicode_string(tokens, position + 1, length_bytes=1)
        except (IndexError, UnicodeDecodeError):
            return ""
        texts.append(text)
    rest = tokens[position:]
    calls_hyperlink = (
        len(rest) == 4 and rest[0] in T_FUNC_VAR and struct.unpack_from("<H", rest, 2)[0] & 0x7FFF == HYPERLINK
    )
    if 1 <= len(texts) <= 2 and calls_hyperlink and rest[1] == len(texts):
        arguments = ",".join('"' + text.replace('"', '""') + '"' for text in texts)
        return f"=HYPERLINK({arguments})"
    return ""


def has_macros(content):
    """Whether the .xls holds a VBA project (False for a file too damaged to tell: reading it will say so)."""
    try:
        with olefile.OleFileIO(content) as ole:
            return ole.exists(VBA_STORAGE)
    except (OSError, ValueError):
        return False
