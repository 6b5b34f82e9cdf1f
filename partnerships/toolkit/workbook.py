"""Opening an uploaded workbook safely, finding each sheet's header row and reading its rows.

Anything that is not a readable .xlsx is refused with `WorkbookError` and a message for the
user: never a traceback.
"""

import contextlib
import hashlib
import io
import zipfile
from dataclasses import dataclass, field
from pathlib import Path

from django.conf import settings
from django.template.defaultfilters import filesizeformat

from . import headers, xlsx

OLE2_SIGNATURE = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"  # old .xls (and other Office 97-2003 files)
ZIP_SIGNATURE = b"PK\x03\x04"
HEADER_SEARCH_ROWS = 30
MAX_UNPACKED_RATIO = 40  # a workbook never unpacks to more than this many times its size


class WorkbookError(ValueError):
    """The file cannot be imported; the message says why in plain English."""


@dataclass
class RawRow:
    number: int  # the row number Excel shows
    values: list
    formulas: set = field(default_factory=set)  # column indexes holding a formula

    def value(self, index):
        return self.values[index] if index < len(self.values) else None

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
        raise WorkbookError("The file is empty. Choose the toolkit workbook (.xlsx).")


def check_upload(upload):
    """Refuse anything that is not a readable .xlsx workbook, saying what it looks like instead."""
    check_size(upload.size)
    suffix = Path(upload.name).suffix.lower()
    head = upload.content[:8]
    if head == OLE2_SIGNATURE or suffix == ".xls":
        raise WorkbookError(
            "This is an old-style Excel file (.xls). Please re-save it as .xlsx: open it in Excel, "
            "choose File > Save As, pick “Excel Workbook (.xlsx)”, then upload the new file."
        )
    if suffix == ".csv":
        raise WorkbookError(
            "This is a CSV file. The import needs the whole toolkit workbook saved as an Excel Workbook (.xlsx)."
        )
    if suffix not in {".xlsx", ".xlsm"}:
        raise WorkbookError("The file must be an Excel workbook (.xlsx).")
    if not head.startswith(ZIP_SIGNATURE):
        raise WorkbookError(
            "This file is not really an Excel workbook: it may be a CSV or text file renamed to .xlsx. "
            "Open it in Excel and save it as an Excel Workbook (.xlsx)."
        )
    try:
        with zipfile.ZipFile(io.BytesIO(upload.content)) as archive:
            names = set(archive.namelist())
            unpacked = sum(info.file_size for info in archive.infolist())
    except (zipfile.BadZipFile, OSError, ValueError) as error:
        raise WorkbookError(
            "The workbook is damaged and cannot be read. Open it in Excel, save it again, then upload it."
        ) from error
    if "xl/workbook.xml" not in names:
        raise WorkbookError("This file is not an Excel workbook (it may be another Office document).")
    if unpacked > MAX_UNPACKED_RATIO * upload.size + 50 * 1024 * 1024:
        raise WorkbookError("The workbook unpacks to far more data than a toolkit holds, so it was not opened.")


@contextlib.contextmanager
def open_workbook(upload):
    """The workbook, opened for reading (xlsx.Book), with formulas as written (so we can tell a formula from text)."""
    check_upload(upload)
    try:
        book = xlsx.Book(upload.content)
    except BaseException as error:  # a damaged file raises many kinds of error (zip, XML, calamine's panics)
        if not xlsx.calamine_failed(error):
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
            yield RawRow(number=number, values=values, formulas=formulas)
    except Exception as error:  # a sheet that cannot be read, found only once it is read
        raise WorkbookError(
            f"The sheet “{worksheet.title}” is damaged and cannot be read. Open the workbook in Excel, "
            "save it again, then upload it."
        ) from error


def find_header(sheet_key, rows, mapping=None):
    """The header row: the row near the top that most looks like this sheet's headers.

    Returns (HeaderRow or None, data rows after it).
    """
    best, best_score = None, 1
    for position, row in enumerate(rows[:HEADER_SEARCH_ROWS]):
        score = headers.score_header(sheet_key, row.values)
        if score > best_score:
            best, best_score = position, score
    if best is None:
        return None, []
    header = headers.read_header(sheet_key, rows[best].number, rows[best].values, mapping)
    return header, rows[best + 1 :]
