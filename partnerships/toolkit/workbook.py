"""Opening an uploaded workbook safely, finding each sheet's header row and reading its rows.

The import takes .xlsx, .xlsm (its macros are never run, and are removed from the copy kept),
.xls (Excel 97-2003; one holding macros is refused) and .ods (LibreOffice, OpenOffice). Anything else is refused with
`WorkbookError` and a message for the user: never a traceback.
"""

import contextlib
import hashlib
import io
import zipfile
from dataclasses import dataclass, field
from pathlib import Path

from django.conf import settings
from django.template.defaultfilters import filesizeformat

from . import headers, ods, reader, xls, xlsx

OLE2_SIGNATURE = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"  # old .xls (and other Office 97-2003 files)
ZIP_SIGNATURE = b"PK\x03\x04"
HEADER_SEARCH_ROWS = 30
MAX_UNPACKED_RATIO = 40  # a workbook never unpacks to more than this many times its size
ODS_MIMETYPE = b"application/vnd.oasis.opendocument.spreadsheet"
ACCEPTED = (".xlsx", ".xlsm", ".xls", ".ods")
ACCEPTED_TYPES = "Excel workbook (.xlsx, .xlsm or .xls) or OpenDocument spreadsheet (.ods)"
READERS = {".xlsx": xlsx.Book, ".xlsm": xlsx.Book, ".xls": xls.Book, ".ods": ods.Book}


class WorkbookError(ValueError):
    """The file cannot be imported; the message says why in plain English."""


@dataclass
class RawRow:
    number: int  # the row number Excel shows
    values: list
    formulas: dict = field(default_factory=dict)  # column index -> reader.Formula
    hidden: bool = False  # hidden in the spreadsheet (imported all the same, and listed)

    def value(self, index):
        return self.values[index] if index < len(self.values) else None

    @property
    def as_typed(self):
        """The values with each formula as its text, as the officer typed them (for the rejected rows)."""
        values = list(self.values)
        for index, formula in self.formulas.items():
            if formula.text:
                values.extend([None] * (index + 1 - len(values)))
                values[index] = formula.text
        return values

    @property
    def is_blank(self):
        return all(value is None or (isinstance(value, str) and not value.strip()) for value in self.values)


@dataclass
class Upload:
    """The bytes of an uploaded file, with what we know about them."""

    name: str
    content: bytes

    @property
    def sha256(self):
        return hashlib.sha256(self.content).hexdigest()

    @property
    def size(self):
        return len(self.content)

    @classmethod
    def from_path(cls, path):
        path = Path(path)
        try:
            size = path.stat().st_size
        except OSError as error:
            raise WorkbookError(f"Cannot open {path}: {error.strerror or error}.") from error
        if path.is_dir():
            raise WorkbookError(f"{path} is a folder, not an Excel workbook.")
        check_size(size)
        return cls(name=path.name, content=path.read_bytes())

    @classmethod
    def from_django_file(cls, uploaded):
        check_size(uploaded.size)
        uploaded.seek(0)
        return cls(name=Path(uploaded.name).name, content=uploaded.read())


def check_size(size):
    limit = settings.TOOLKIT_MAX_UPLOAD_BYTES
    if size > limit:
        raise WorkbookError(
            f"The file is {filesizeformat(size)}. The largest workbook the import takes is {filesizeformat(limit)}."
        )
    if size == 0:
        raise WorkbookError(f"The file is empty. Choose the toolkit workbook: an {ACCEPTED_TYPES}.")


def check_upload(upload):
    """Refuse anything that is not a readable workbook, saying what it looks like instead. Returns its suffix."""
    check_size(upload.size)
    suffix = Path(upload.name).suffix.lower()
    head = upload.content[:8]
    if suffix == ".csv":
        raise WorkbookError(
            f"This is a CSV file. The import needs the whole toolkit workbook saved as an {ACCEPTED_TYPES}."
        )
    if suffix not in ACCEPTED:
        raise WorkbookError(f"The file must be an {ACCEPTED_TYPES}.")
    if suffix == ".xls":
        if head != OLE2_SIGNATURE:
            raise WorkbookError(
                "This file is not really an Excel 97-2003 workbook: it may be a web page or text file renamed to "
                ".xls. Open it in Excel and save it as an Excel Workbook (.xlsx)."
            )
        if xls.has_macros(upload.content):
            raise WorkbookError(
                "This Excel 97-2003 workbook contains macros, and the import keeps no macros. Open it in Excel, "
                "choose File > Save As and pick “Excel Workbook (.xlsx)” (which leaves the macros out), then upload "
                "the new file."
            )
        return suffix
    if head == OLE2_SIGNATURE:
        raise WorkbookError(
            f"This is an old-style Excel file (.xls) named {suffix}. Rename it to .xls, then upload it."
        )
    if not head.startswith(ZIP_SIGNATURE):
        raise WorkbookError(
            f"This file is not really a spreadsheet: it may be a CSV or text file renamed to {suffix}. "
            f"Open it in Excel or LibreOffice and save it as an {ACCEPTED_TYPES}."
        )
    try:
        with zipfile.ZipFile(io.BytesIO(upload.content)) as archive:
            names = set(archive.namelist())
            unpacked = sum(info.file_size for info in archive.infolist())
            mimetype = archive.read("mimetype").strip() if "mimetype" in names else b""
    except (zipfile.BadZipFile, OSError, ValueError) as error:
        raise WorkbookError(
            "The workbook is damaged and cannot be read. Open it in Excel, save it again, then upload it."
        ) from error
    if suffix == ".ods":
        if mimetype != ODS_MIMETYPE or "content.xml" not in names:
            raise WorkbookError("This file is not an OpenDocument spreadsheet (it may be another kind of document).")
    elif "xl/workbook.xml" not in names:
        raise WorkbookError("This file is not an Excel workbook (it may be another Office document).")
    if unpacked > MAX_UNPACKED_RATIO * upload.size + 50 * 1024 * 1024:
        raise WorkbookError("The workbook unpacks to far more data than a toolkit holds, so it was not opened.")
    return suffix


@contextlib.contextmanager
def open_workbook(upload):
    """The workbook, opened for reading (a reader.Book), telling formulas from typed values."""
    suffix = check_upload(upload)
    try:
        book = READERS[suffix](upload.content)
    except BaseException as error:  # a damaged file raises many kinds of error (zip, XML, calamine's panics)
        if not reader.calamine_failed(error):
            raise  # KeyboardInterrupt and the like
        raise WorkbookError(
            "The workbook is damaged and cannot be read. Open it in Excel, save it again, then upload it."
        ) from error
    try:
        yield book
    finally:
        book.close()


def find_sheets(book):
    """{sheet key: worksheet} for the toolkit sheets present, matched by title."""
    found = {}
    for worksheet in book.worksheets:
        key = headers.sheet_key(worksheet.title)
        if key and key not in found:
            found[key] = worksheet
    return found


def read_rows(worksheet):
    """Every row as a RawRow, numbered as Excel numbers them."""
    try:
        for number, values, formulas in worksheet.rows():
            yield RawRow(number=number, values=values, formulas=formulas, hidden=number in worksheet.hidden_rows)
    except Exception as error:  # a sheet that cannot be read, found only once it is read
        raise WorkbookError(
            f"The sheet “{worksheet.title}” is damaged and cannot be read. Open the workbook in Excel, "
            "save it again, then upload it."
        ) from error


def find_header(sheet_key, rows, mapping=None, merged=()):
    """The header row: the row near the top that most looks like this sheet's headers.

    A two-row header (a group heading such as "Review", often merged across its columns, over
    "Last" and "Next") is read as one when that matches more columns than either row alone.
    Returns (HeaderRow or None, data rows after it).
    """
    best, best_score, best_cells = None, 1, None
    for position, row in enumerate(rows[:HEADER_SEARCH_ROWS]):
        candidates = [row.values]
        if position:
            upper = spread_merged(rows[position - 1], merged)
            candidates.append(headers.combine_header_rows(sheet_key, upper, row.values))
        for cells in candidates:
            score = headers.score_header(sheet_key, cells)
            if score > best_score:
                best, best_score, best_cells = position, score, cells
    if best is None:
        return None, []
    header = headers.read_header(sheet_key, rows[best].number, best_cells, mapping)
    return header, rows[best + 1 :]


def spread_merged(row, merged):
    """A row's values with each merged cell's text copied across the columns it covers."""
    values = list(row.values)
    for (first_row, first_column), (last_row, last_column) in merged:
        if first_row + 1 <= row.number <= last_row + 1 and first_column < len(values):
            text = row.value(first_column) if first_row + 1 == row.number else None
            values.extend([None] * (last_column + 1 - len(values)))
            for column in range(first_column + 1, last_column + 1):
                values[column] = values[column] if values[column] is not None else text
    return values


MACRO_PARTS = ("xl/vbaProject.bin", "xl/vbaProjectSignature.bin", "xl/_rels/vbaProject.bin.rels", "Basic/", "Scripts/")


def without_macros(upload):
    """The bytes to keep of an uploaded workbook: its macros (VBA, LibreOffice Basic) removed.

    The import never runs them; this makes sure the copy kept for the import history holds none.
    """
    if Path(upload.name).suffix.lower() == ".xls":
        return upload.content  # one with macros is refused by check_upload
    source = zipfile.ZipFile(io.BytesIO(upload.content))
    if not any(name.startswith(MACRO_PARTS) for name in source.namelist()):
        return upload.content
    buffer = io.BytesIO()
    with source, zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as target:
        for info in source.infolist():
            if info.filename.startswith(MACRO_PARTS):
                continue
            data = source.read(info)
            if info.filename in ("xl/_rels/workbook.xml.rels", "[Content_Types].xml", "META-INF/manifest.xml"):
                data = _drop_macro_entries(data)
            compression = zipfile.ZIP_STORED if info.filename == "mimetype" else zipfile.ZIP_DEFLATED
            target.writestr(info.filename, data, compress_type=compression)
    return buffer.getvalue()


def _drop_macro_entries(xml):
    """Relationship, content-type and manifest entries that point at a removed macro part."""
    from lxml import etree

    root = etree.fromstring(xml, etree.XMLParser(resolve_entities=False, no_network=True))
    for element in list(root):
        target = " ".join(str(value) for value in element.attrib.values())
        if "vbaProject" in target or "Basic/" in target or "Scripts/" in target:
            root.remove(element)
    return etree.tostring(root, xml_declaration=True, encoding="UTF-8", standalone=True)
