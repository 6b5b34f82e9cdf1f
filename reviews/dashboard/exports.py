"""Spreadsheet (.xlsx) and CSV downloads of a table of rows.

Text that Excel could run as a formula stays text (register/spreadsheets.py): behind an apostrophe
in the CSV, and as a quote-prefixed string in the .xlsx.
"""

import csv
import datetime
import io

from register.spreadsheets import clean, csv_text, looks_like_formula

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
CONTENT_TYPES = {"xlsx": XLSX, "csv": "text/csv; charset=utf-8"}


def as_csv(header, rows):
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    writer.writerow(header)
    for row in rows:
        writer.writerow([value.isoformat() if isinstance(value, datetime.date) else csv_text(value) for value in row])
    return "\ufeff" + buffer.getvalue()  # the byte-order mark makes Excel read the file as UTF-8


def as_xlsx(sheet_title, header, rows):
    from openpyxl import Workbook
    from openpyxl.styles import Font

    workbook = Workbook()
    sheet = workbook.active
    sheet.title = sheet_title[:31]
    sheet.append(header)
    for cell in sheet[1]:
        cell.font = Font(bold=True)
    for row in rows:
        sheet.append([clean(value) for value in row])
    for sheet_row in sheet.iter_rows(min_row=2):
        for cell in sheet_row:
            if isinstance(cell.value, datetime.date):
                cell.number_format = "DD/MM/YYYY"
            elif looks_like_formula(cell.value):
                cell.data_type = "s"  # openpyxl takes "=..." for a formula; keep it text
                cell.quotePrefix = True
    widths = [max([len(str(value)) for value in column] + [10]) for column in zip(header, *rows, strict=False)]
    for index, width in enumerate(widths, start=1):
        sheet.column_dimensions[sheet.cell(row=1, column=index).column_letter].width = min(width + 2, 60)
    sheet.freeze_panes = "A2"
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()
