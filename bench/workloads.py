"""The heavy workloads of the benchmark and their floors (imported by bench/run.py after Django is set up).

- export: the full register as the toolkit .xlsx; floor: XlsxWriter (the export's own writer, the
  fastest well-kept one that makes the styled workbook) writing the same cell values; openpyxl and
  the Rust-backed rustpy-xlsxwriter writing them too, reported beside it.
- import: a generated 5,000-row Register workbook, planned and applied, then rolled back; floor:
  openpyxl reading the same workbook.
- agreement PDF: one agreement started, submitted and approved in the setup; then its PDF rendered.
- raw SQL: the SQL of one page of a list, run on a bare cursor (no ORM, no template).
"""

import io
import shutil
import subprocess
import tempfile
import time
from pathlib import Path

from django.db import connection, transaction
from openpyxl import Workbook, load_workbook

IMPORT_ROWS = 5000
IMPORT_ROWS_LARGE = 20000  # issue 17: the import at 5,000 and 20,000 rows per sheet


class Rollback(Exception):
    pass


def timed(function, runs, warmup, before=None):
    """[milliseconds] of `runs` calls after `warmup` untimed ones; `before` runs untimed before each."""
    for _ in range(warmup):
        if before:
            before()
        function()
    timings = []
    for _ in range(runs):
        if before:
            before()
        started = time.perf_counter()
        function()
        timings.append((time.perf_counter() - started) * 1000)
    return timings


def change_the_register():
    """A change as an officer's save makes one: a history entry, so the dashboard's figures are out of date."""
    from register.models import Directorate

    Directorate.objects.order_by("pk").first().save()


def recount_dashboard():
    """What the worker runs after a change: the whole register's dashboard figures counted and kept."""
    from django.utils import timezone

    from reviews.dashboard.cache import recount

    recount.call({}, timezone.localdate().isoformat())


# -- openpyxl floors ------------------------------------------------------------------------------
def sheet_values(content):
    """{sheet title: [row values]} of a workbook."""
    book = load_workbook(io.BytesIO(content), read_only=True)
    try:
        return {sheet.title: [list(row) for row in sheet.iter_rows(values_only=True)] for sheet in book.worksheets}
    finally:
        book.close()


def bare_write(sheets):
    """openpyxl's write-only workbook with the same values: no styles, no database."""
    book = Workbook(write_only=True)
    for title, rows in sheets.items():
        worksheet = book.create_sheet(title)
        for row in rows:
            worksheet.append(row)
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def xlsxwriter_bare_write(sheets):
    """XlsxWriter (the export's writer) in constant-memory mode with the same values: no styles, no database."""
    import xlsxwriter

    buffer = io.BytesIO()
    book = xlsxwriter.Workbook(buffer, {"constant_memory": True, "strings_to_formulas": False})
    for title, rows in sheets.items():
        worksheet = book.add_worksheet(title)
        for number, row in enumerate(rows):
            worksheet.write_row(number, 0, row)
    book.close()
    return buffer.getvalue()


def rust_bare_write(sheets):
    """rustpy-xlsxwriter (Python bindings of the Rust rust_xlsxwriter) with the same values, as records."""
    from rustpy_xlsxwriter import write_worksheets

    entries = []
    for title, rows in sheets.items():
        width = max((len(row) for row in rows), default=0)
        keys = [f"c{n}" for n in range(width)]
        entries.append((title, [dict(zip(keys, row, strict=False)) for row in rows]))
    buffer = io.BytesIO()
    write_worksheets(entries, buffer)
    return buffer.getvalue()


def bare_read(content):
    """openpyxl's read-only pass over every cell (as the import opens it: formulas as written)."""
    book = load_workbook(io.BytesIO(content), read_only=True, data_only=False)
    try:
        count = 0
        for sheet in book.worksheets:
            for row in sheet.iter_rows():
                count += sum(1 for cell in row if getattr(cell, "value", None) is not None)
        return count
    finally:
        book.close()


def calamine_read(content):
    """python-calamine's pass over every cell: the reader the import uses (partnerships/toolkit/xlsx.py)."""
    from python_calamine import CalamineWorkbook

    book = CalamineWorkbook.from_filelike(io.BytesIO(content))
    try:
        return sum(
            1
            for name in book.sheet_names
            for row in book.get_sheet_by_name(name).to_python(skip_empty_area=False)
            for value in row
            if value != ""
        )
    finally:
        book.close()


# -- the import workbook -------------------------------------------------------------------------
def import_workbook(export_content, rows=IMPORT_ROWS):
    """A toolkit workbook of `rows` new partnerships: the exported Register rows, cycled, with new references."""
    sheets = sheet_values(export_content)
    register = sheets["Register"]
    header_index = next(i for i, row in enumerate(register) if row and row[0] == "Ref")
    title_rows, header, data = register[:header_index], register[header_index], register[header_index + 1 :]
    data = [row for row in data if row and row[0]]
    book = Workbook(write_only=True)
    sheet = book.create_sheet("Register")
    for row in [*title_rows, header]:
        sheet.append(row)
    for number in range(rows):
        row = list(data[number % len(data)])
        row[0] = f"IMP-{number + 1:05d}"
        sheet.append(row)
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def converted(content, kinds=("xls", "ods")):
    """{file type: bytes}: the .xlsx saved by LibreOffice as each type; {} when LibreOffice is not installed."""
    soffice = shutil.which("soffice")
    if soffice is None:
        return {}
    with tempfile.TemporaryDirectory() as directory:
        directory = Path(directory)
        (directory / "bench-import.xlsx").write_bytes(content)
        for kind in kinds:
            subprocess.run(
                [soffice, f"-env:UserInstallation={(directory / 'profile').as_uri()}", "--headless", "--calc",
                 "--convert-to", kind, "--outdir", str(directory), str(directory / "bench-import.xlsx")],
                check=True, capture_output=True, timeout=600,
            )  # fmt: skip
        return {kind: (directory / f"bench-import.{kind}").read_bytes() for kind in kinds}


def import_once(content, user, kind="xlsx"):
    """Import the workbook (importer.import_workbook, as the import job does), then roll everything back
    so every run starts from the same register."""
    from partnerships.toolkit import importer
    from partnerships.toolkit.workbook import Upload

    upload = Upload(name=f"bench-import.{kind}", content=content)
    counts = None
    try:
        with transaction.atomic():
            try:  # what the import job runs: read, checked and written a batch of rows at a time
                counts = importer.import_workbook(upload, user=user).counts
            except importer.ImportRefused as refused:
                raise RuntimeError(f"The generated workbook has errors: {refused.plan.errors[:3]}") from refused
            raise Rollback
    except Rollback:
        pass
    return counts


# -- the import's database floor (issue 17) --------------------------------------------------------
def import_floor_rows(content, user):
    """The database rows an import of `content` writes, worked out once, untimed: ([partnership rows],
    {reference: [organisation pks]}), each partnership row in column order as bulk.Inserter prepares it."""
    from partnerships.toolkit import importer
    from partnerships.toolkit.bulk import Inserter
    from partnerships.toolkit.sheets.register import Directorates, Organisations
    from partnerships.toolkit.workbook import Upload
    from register.models import Partnership

    plan = importer.plan_import(Upload(name="bench-import.xlsx", content=content))
    plan.context.user = user
    handler, sheet = plan.handlers["register"], plan.sheet("register")
    inserter, directorates, organisations = Inserter(Partnership), Directorates(), Organisations()
    partnerships = [inserter.row(handler.new_values(row, directorates)) for row in sheet.rows]
    partners = {
        row.key: sorted({organisations.named(name).pk for name in row.extra["partners"] or ()}) for row in sheet.rows
    }
    return partnerships, partners


def database_floor(floor_rows, user):
    """The same rows written straight to the database, then rolled back: one executemany (PostgreSQL:
    one COPY) for the partnerships, the keys read back, one for their partners, and both tables' history copied by
    INSERT ... SELECT, as the import does, with the search index kept as the import keeps it (one
    refresh a partnership, at the end). What no import written in Python can beat on this database."""
    from partnerships.toolkit import history
    from partnerships.toolkit.bulk import Inserter
    from partnerships.toolkit.sheets.register import created_pks
    from register import text_search
    from register.models import Partnership, PartnershipMember

    partnerships, partners = floor_rows
    members = Inserter(PartnershipMember)
    try:
        with transaction.atomic():
            with text_search.refreshed_at_the_end(), connection.cursor() as cursor:
                Inserter(Partnership).write(cursor, partnerships)
                pks = created_pks(list(partners))
                rows = [
                    members.row({"partnership_id": pks[reference.lower()], "organisation_id": organisation})
                    for reference, organisations in partners.items()
                    for organisation in organisations
                ]
                members.write(cursor, rows)
                history.record_created_where(Partnership, "id", pks.values(), user=user, reason="bench")
                history.record_created_where(
                    PartnershipMember, "partnership_id", pks.values(), user=user, reason="bench"
                )
            raise Rollback  # after the search documents are written
    except Rollback:
        pass


# -- agreement PDF ---------------------------------------------------------------------------------
def approved_agreement(legal, officer):
    """Start, submit and approve an agreement for a partnership that has none, then issue its PDF as the
    worker does (approval only records the decision and queues the issue). Returns (agreement,
    approval ms, issue ms)."""
    from agreements.models import PartnershipAgreement
    from agreements.tasks import issue_agreement_pdf
    from register.models import Partnership

    partnership = Partnership.objects.filter(agreements__isnull=True).order_by("-reference").first()
    agreement = PartnershipAgreement.start(partnership, by=officer)
    agreement.submit(by=officer)
    started = time.perf_counter()
    agreement.approve(by=legal)
    approved = time.perf_counter()
    issue_agreement_pdf.call(agreement.pk)
    issued = time.perf_counter()
    agreement.refresh_from_db()
    return agreement, (approved - started) * 1000, (issued - approved) * 1000


def render_pdf(agreement):
    from agreements.pdf import render_agreement_pdf

    return render_agreement_pdf(agreement)


# -- raw SQL -------------------------------------------------------------------------------------
def page_sql(captured):
    """The SQL that read one page of partnerships, from the queries a request captured."""
    candidates = [
        query["sql"]
        for query in captured
        if 'FROM "register_partnership"' in query["sql"] and "LIMIT" in query["sql"] and "COUNT(" not in query["sql"]
    ]
    return max(candidates, key=len) if candidates else None


def run_sql(sql):
    with connection.cursor() as cursor:
        cursor.execute(sql)
        return cursor.fetchall()


def assurance_round_of(partnerships, admin, name="Bench round"):
    """A round holding these partnerships, every return sent with two improvements (two remedial
    actions each) and rated: the annual report's worst case."""
    import datetime

    from reviews.assurance import rating, rounds
    from reviews.assurance.models import AssuranceRound, RemedialAction, ReturnAnswer, ReturnQuestion

    if kept := AssuranceRound.objects.filter(name=name).first():
        return kept  # a database kept from an earlier run (--keep) has the round already
    assurance_round = rounds.open_round(name, datetime.date(2099, 7, 1), partnerships, by=admin, notify=False)
    improvements = ReturnQuestion.objects.get(key="improvements")
    for assurance_return in assurance_round.returns.select_related("partnership", "round"):
        assurance_return.summary = "A year of steady progress against the objectives."
        assurance_return.status = "returned"
        assurance_return.save()
        ReturnAnswer.objects.create(
            assurance_return=assurance_return,
            question=improvements,
            answer="Refresh the terms of reference with every partner\nReview the risk register each quarter",
        )
        RemedialAction.objects.raise_from(assurance_return)
        proposal = rating.refresh_proposal(assurance_return)
        assurance_return.confirm_rating(proposal.rating, by=admin)
    return assurance_round


def render_annual_report(assurance_round):
    from reviews.assurance import report

    return report.render_pdf(assurance_round)
