"""Export the register in the toolkit's own layout (.xlsx) and as CSV.

The workbook has the Register, Risks, Reviews and Health check sheets, then Partners, Scope screening
and Due diligence (governance_export.py), with the headers the import
knows, so an exported workbook imports back with no changes at all.

Text that starts with = + - @ (or a tab or carriage return) is written so that Excel never runs it
as a formula: as a plain string with Excel's "quote prefix" in the .xlsx, and behind an apostrophe
in the CSV.

For speed at the size of a whole register (tens of thousands of partnerships, more risks and
reviews) the rows come from values() queries read CHUNK rows at a time, with what they look up
(partner names, lessons, health check scores) read for each chunk, so memory stays the same
however many rows there are. XlsxWriter writes them in constant memory: the fastest well-kept
writer that makes the styled workbook the import reads back (bench/RESULTS.md has it beside
openpyxl and a Rust-backed writer).
"""

import csv
import datetime
import io
import itertools
from collections import defaultdict
from decimal import Decimal

import xlsxwriter
from django.conf import settings
from django.db.models import BooleanField, F
from openpyxl.cell import WriteOnlyCell

from assessments.models import HealthCheckResponse, HealthCheckScore, HealthPrinciple
from register.models import Partnership, PartnershipMember, RiskEntry
from register.risk import score
from register.spreadsheets import FORMULA_TRIGGERS, clean
from reviews.models import LessonLearned, PerformanceReview

from . import governance_export
from .headers import PRINCIPLES, export_header

DATE_FORMAT, MONEY_FORMAT = "dd/mm/yyyy", "#,##0.00"
# Rows are fetched from the database this many at a time (a server-side cursor on PostgreSQL), so an
# export of the whole register holds a chunk of rows in memory, not the whole register.
CHUNK = 2000

REGISTER_COLUMNS = (
    "reference",
    "name",
    "purpose",
    "partnership_type",
    "statutory_basis",
    "legal_form",
    "partners",
    "directorate",
    "lead_officer_name",
    "lead_officer_email",
    "lead_member",
    "council_role",
    "annual_contribution",
    "in_kind_description",
    "external_funding",
    "income_to_council",
    "start_date",
    "end_date",
    "status",
    "significance",
    "assessment_completed",
    "agreement_in_place",
    "on_risk_register",
    "last_review",
    "next_review_due",
    "review_frequency",
    "rag",
    "notes",
    "in_kind_value",
    "out_of_scope_reason",
    "assurance",
    "exit_strategy",
    "priorities",
    "serious_if_failed",
    "significance_scored",
    "significance_override_reason",
)
CHOICES = {"partnership_type", "legal_form", "council_role", "status", "significance", "review_frequency", "rag"}
CHOICES |= {"assurance", "significance_scored"}
# Worked out by the register from its criteria: exported for reading, ignored by the import.
REGISTER_HEADERS = {"significance_scored": "Scored significance"}
RISK_COLUMNS = (
    "reference",
    "risk_id",
    "description",
    "category",
    "owner",
    "likelihood",
    "impact",
    "inherent_score",
    "controls",
    "residual_likelihood",
    "residual_impact",
    "residual_score",
    "review_date",
    "status",
    "corporate_risk_ref",
)
RISK_HEADERS = {"inherent_score": "Inherent score", "residual_score": "Residual score"}
REVIEW_COLUMNS = (
    "reference",
    "review_date",
    "reviewer_name",
    "period_start",
    "period_end",
    "objectives_met",
    "rag",
    "value_for_money",
    "summary",
    "actions",
    "lesson",
    "vfm_economy",
    "vfm_efficiency",
    "vfm_effectiveness",
    "vfm_equity",
)
HEALTH_COLUMNS = ("reference", "completed_on", "respondent_name", *(f"principle_{n}" for n in PRINCIPLES))
HEALTH_COLUMNS += ("comments", "organisation")


# -- making cells safe (rules in register/spreadsheets.py) ------------------------------------------
def neutralised_cell(worksheet, value):
    """An openpyxl write-only cell for `value` (the import's rejected-rows workbook): text that looks
    like a formula stays text, even when edited in Excel."""
    value = clean(value)
    if isinstance(value, datetime.datetime):
        value = value.date()
    if isinstance(value, str) and value.startswith(FORMULA_TRIGGERS):
        cell = WriteOnlyCell(worksheet, value=value)
        cell.data_type = "s"
        cell.quotePrefix = True
        return cell
    if isinstance(value, datetime.date):
        cell = WriteOnlyCell(worksheet, value=value)
        cell.number_format = DATE_FORMAT
        return cell
    if isinstance(value, Decimal):
        cell = WriteOnlyCell(worksheet, value=value)
        cell.number_format = MONEY_FORMAT
        return cell
    return value


def csv_safe(value):
    """A CSV field: dates as 31/03/2026, and a leading apostrophe on anything Excel would run."""
    value = clean(value)
    if value is None:
        return ""
    if isinstance(value, datetime.date):
        return value.strftime("%d/%m/%Y")
    text = str(value)
    return "'" + text if text.startswith(FORMULA_TRIGGERS) else text


MAX_TEXT = 32767  # characters in one cell: Excel's limit


class CellWriter:
    """Writes one value into a cell of an XlsxWriter sheet, by its type, with the sheet's shared formats.

    Text that looks like a formula is written as text with Excel's quote prefix, so it stays text
    even when someone edits the cell; dates get the UK date format, money two decimal places.
    """

    def __init__(self, book):
        self.date = book.add_format({"num_format": DATE_FORMAT})
        self.money = book.add_format({"num_format": MONEY_FORMAT})
        self.quoted = book.add_format({"quote_prefix": True})
        self.bold = book.add_format({"bold": True})
        self.title = book.add_format({"bold": True, "font_size": 12})

    def row(self, worksheet, row, values):
        write_string, write_number = worksheet.write_string, worksheet.write_number
        for column, value in enumerate(values):
            kind = type(value)
            if value is None:
                continue
            if kind is int:
                write_number(row, column, value)
            elif kind is Decimal:
                write_number(row, column, value, self.money)
            elif kind is datetime.date:
                worksheet.write_datetime(row, column, value, self.date)
            elif kind is datetime.datetime:
                worksheet.write_datetime(row, column, value.date(), self.date)
            elif text := clean(str(value))[:MAX_TEXT]:  # text, and anything else (a lazy label) as text
                write_string(row, column, text, self.quoted if text.startswith(FORMULA_TRIGGERS) else None)


# -- rows ------------------------------------------------------------------------------------------
def yes_no(value):
    return None if value is None else ("Yes" if value else "No")


def labeller(model, field):
    """label() for this field on plain values: the display label of a set value, None for an empty one."""
    labels = {value: str(text) for value, text in model._meta.get_field(field).flatchoices}
    return lambda value: labels.get(value, value) if value else None


def person(user_id, first_name, last_name, username, fallback):
    """What lead_officer_display and reviewer_display show: the user's full name or username, else the typed name."""
    if user_id is None:
        return fallback
    return f"{first_name} {last_name}".strip() or username


def officer_values(prefix):
    return [f"{prefix}_id", f"{prefix}__first_name", f"{prefix}__last_name", f"{prefix}__username"]


REGISTER_LOOKUPS = {"partners": "pk", "priorities": "pk", "directorate": "directorate__name"}
REGISTER_OFFICER = (*officer_values("lead_officer"), "lead_officer__email")


def register_rows(partnerships):
    """The Register sheet's rows in reference order; three queries for every CHUNK partnerships."""
    fields = {field: Partnership._meta.get_field(field) for field in REGISTER_COLUMNS if field not in REGISTER_LOOKUPS}
    converters = [
        (index, labeller(Partnership, field) if field in CHOICES else yes_no)
        for index, field in enumerate(REGISTER_COLUMNS)
        if field in CHOICES or isinstance(fields.get(field), BooleanField)
    ]
    width = len(REGISTER_COLUMNS)
    at = {
        field: REGISTER_COLUMNS.index(field)
        for field in ("partners", "priorities", "lead_officer_name", "lead_officer_email")
    }
    lookups = [REGISTER_LOOKUPS.get(field, field) for field in REGISTER_COLUMNS]
    rows = partnerships.order_by("reference").values_list(*lookups, *REGISTER_OFFICER).iterator(CHUNK)
    for chunk in chunks(rows):
        pks = [values[at["partners"]] for values in chunk]  # the partners column holds the pk until filled
        partners, priorities = partner_names(pks), priority_names(pks)
        for values in chunk:
            row = list(values[:width])
            for index, convert in converters:
                row[index] = convert(row[index])
            officer_id, first_name, last_name, username, email = values[width:]
            row[at["partners"]] = partners.get(values[at["partners"]])
            row[at["priorities"]] = priorities.get(values[at["priorities"]])
            row[at["lead_officer_name"]] = person(
                officer_id, first_name, last_name, username, row[at["lead_officer_name"]]
            )
            if officer_id is not None:
                row[at["lead_officer_email"]] = email
            yield [value if value != "" else None for value in row]


def chunks(rows, size=CHUNK):
    """Lists of up to `size` of `rows`: what a sheet looks up for its rows (partner names, scores) is
    read for one chunk at a time, so the export holds a chunk's lookups, never the whole register's."""
    rows = iter(rows)
    while chunk := list(itertools.islice(rows, size)):
        yield chunk


def partner_names(pks):
    """{partnership pk: "Partner one; Partner two"}, in the order the partners were added."""
    names = defaultdict(list)
    members = PartnershipMember.objects.filter(partnership__in=pks).order_by("pk")
    for partnership_id, name in members.values_list("partnership_id", "organisation__name"):
        names[partnership_id].append(name)
    return {partnership_id: "; ".join(each) for partnership_id, each in names.items()}


def priority_names(pks):
    """{partnership pk: "Priority one; Priority two"}, in name order."""
    names = defaultdict(list)
    links = Partnership.priorities.through.objects.filter(partnership__in=pks)
    for partnership_id, name in links.order_by("corporatepriority__name").values_list(
        "partnership_id", "corporatepriority__name"
    ):
        names[partnership_id].append(name)
    return {partnership_id: "; ".join(each) for partnership_id, each in names.items()}


def risk_rows(ids):
    category, status = labeller(RiskEntry, "category"), labeller(RiskEntry, "status")
    risks = RiskEntry.objects.filter(partnership__in=ids).order_by("partnership__reference", "risk_id")
    plain = [field for field in RISK_COLUMNS if field not in {"reference", "inherent_score", "residual_score"}]
    for risk in risks.values(*plain, ref=F("partnership__reference")).iterator(CHUNK):
        special = {
            "reference": risk["ref"],
            "inherent_score": score(risk["likelihood"], risk["impact"]),
            "residual_score": score(risk["residual_likelihood"], risk["residual_impact"]),
            "category": category(risk["category"]),
            "status": status(risk["status"]),
        }
        yield [special[field] if field in special else risk[field] or None for field in RISK_COLUMNS]


REVIEW_LABELS = ("objectives_met", "rag", "value_for_money", "vfm_economy", "vfm_efficiency", "vfm_effectiveness")
REVIEW_LABELS += ("vfm_equity",)


def review_rows(ids):
    labels = {field: labeller(PerformanceReview, field) for field in REVIEW_LABELS}
    reviews = PerformanceReview.objects.filter(partnership__in=ids).order_by(
        "partnership__reference", "-review_date", "pk"
    )
    plain = [field for field in REVIEW_COLUMNS if field not in {"reference", "reviewer_name", "lesson"}]
    rows = reviews.values("pk", *plain, *officer_values("reviewer"), "reviewer_name", ref=F("partnership__reference"))
    for chunk in chunks(rows.iterator(CHUNK)):
        lessons = first_lessons([review["pk"] for review in chunk])
        for review in chunk:
            special = {
                "reference": review["ref"],
                "reviewer_name": person(*(review[key] for key in officer_values("reviewer")), review["reviewer_name"]),
                "lesson": lessons.get(review["pk"]),
            }
            special |= {field: label(review[field]) for field, label in labels.items()}
            yield [special[field] if field in special else review[field] or None for field in REVIEW_COLUMNS]


def first_lessons(review_pks):
    """{review pk: the title of its first lesson}."""
    lessons = {}
    for review_id, title in (
        LessonLearned.objects.filter(review__in=review_pks).order_by("pk").values_list("review_id", "title")
    ):
        lessons.setdefault(review_id, title)
    return lessons


def principle_scores(response_pks):
    """{response pk: {principle number: score}}, by the rule of sheets.health_check.principle_score:
    the score recorded for the whole principle, or else the rounded mean of its statement scores."""
    whole, answers = defaultdict(dict), defaultdict(lambda: defaultdict(list))
    scores = HealthCheckScore.objects.filter(response__in=response_pks)
    for response_id, number, statement_id, value in scores.values_list(
        "response_id", "principle__number", "statement_id", "score"
    ):
        if statement_id is None:
            whole[response_id].setdefault(number, value)
        answers[response_id][number].append(value)
    result = {}
    for response_id, by_principle in answers.items():
        result[response_id] = {number: round(sum(each) / len(each)) for number, each in by_principle.items()}
        result[response_id].update(whole[response_id])
    return result


def health_rows(ids):
    responses = HealthCheckResponse.objects.filter(partnership__in=ids)
    responses = responses.order_by("partnership__reference", "completed_on", "pk")
    plain = [field for field in HEALTH_COLUMNS if field not in {"reference", "organisation"}]
    plain = [field for field in plain if not field.startswith("principle_")]
    rows = responses.values("pk", *plain, ref=F("partnership__reference"), org=F("organisation__name"))
    for chunk in chunks(rows.iterator(CHUNK)):
        scores = principle_scores([response["pk"] for response in chunk])
        for response in chunk:
            found = scores.get(response["pk"], {})
            special = {
                "reference": response["ref"],
                "organisation": response["org"],
                **{f"principle_{n}": found.get(n) for n in PRINCIPLES},
            }
            yield [special[field] if field in special else response[field] or None for field in HEALTH_COLUMNS]


def register_headers():
    return [REGISTER_HEADERS.get(field) or export_header("register", field) for field in REGISTER_COLUMNS]


# -- the workbook ---------------------------------------------------------------------------------
def export_workbook(partnerships, today=None, progress=None, into=None):
    """The toolkit workbook for these partnerships (a queryset), as bytes of an .xlsx.

    `progress(row)` is called with each Register row written (a background job counts them). With
    `into` (a binary file), the workbook is written there instead and nothing is returned.
    """
    if into is not None:
        write_workbook(partnerships, into, today, progress)
        return None
    buffer = io.BytesIO()
    write_workbook(partnerships, buffer, today, progress)
    return buffer.getvalue()


def write_workbook(partnerships, target, today=None, progress=None):
    """Write the toolkit workbook to `target` (a path or a binary file) in constant memory.

    XlsxWriter's constant-memory mode writes each row out as it comes, so a register of any size
    needs no more memory than one row; text goes in as written (never turned into formulas, numbers
    or links).
    """
    today = today or datetime.date.today()
    options = {"constant_memory": True, "strings_to_formulas": False, "strings_to_numbers": False}
    book = xlsxwriter.Workbook(target, {**options, "strings_to_urls": False})
    cells = CellWriter(book)
    ids = partnerships.values("pk")

    title_rows = [settings.COUNCIL_NAME, "Register of Partnerships", f"Exported {today:%d %B %Y}"]
    rows = register_rows(partnerships)
    write_sheet(book, cells, "Register", title_rows, register_headers(), map(progress, rows) if progress else rows)
    risk_headers = [RISK_HEADERS.get(field) or export_header("risks", field) for field in RISK_COLUMNS]
    write_sheet(book, cells, "Risks", ["Partnership risk register"], risk_headers, risk_rows(ids))
    review_headers = [export_header("reviews", field) for field in REVIEW_COLUMNS]
    write_sheet(book, cells, "Reviews", ["Performance reviews"], review_headers, review_rows(ids))
    titles = dict(HealthPrinciple.objects.values_list("number", "title"))
    health_headers = [
        f"P{field[-1]} {titles.get(int(field[-1]), '')}".strip()
        if field.startswith("principle_")
        else export_header("health_check", field)
        for field in HEALTH_COLUMNS
    ]
    write_sheet(
        book, cells, "Health check", ["Partnership health check (six principles)"], health_headers, health_rows(ids)
    )
    for key, title, sheet_titles, columns, rows in governance_export.SHEETS:
        write_sheet(book, cells, title, sheet_titles, governance_export.headers(key, columns), rows(ids))
    book.close()


def write_sheet(book, cells, title, title_rows, header, rows):
    """A sheet: bold title rows, the bold header row frozen below them, then the rows."""
    worksheet = book.add_worksheet(title)
    for number, text in enumerate(title_rows):
        worksheet.write_string(number, 0, text, cells.title)
    header_row = len(title_rows)
    worksheet.freeze_panes(header_row + 1, 0)
    for column, text in enumerate(header):
        worksheet.write_string(header_row, column, text, cells.bold)
    write_row = cells.row
    for number, row in enumerate(rows, start=header_row + 1):
        write_row(worksheet, number, row)


class _Line:
    """A file whose write() returns the line, so csv.writer hands back each row (Django's streaming CSV recipe)."""

    def write(self, line):
        return line


def csv_chunks(partnerships, rows_per_chunk=500):
    """The Register sheet as CSV text, a few hundred rows at a time, for a streaming download.

    UTF-8 with a byte order mark, so Excel reads the £ signs.
    """
    writer = csv.writer(_Line())
    chunk = ["\ufeff", writer.writerow(register_headers())]
    for row in register_rows(partnerships):
        chunk.append(writer.writerow([csv_safe(value) for value in row]))
        if len(chunk) >= rows_per_chunk:
            yield "".join(chunk)
            chunk = []
    yield "".join(chunk)


def export_csv(partnerships, stream):
    """The Register sheet as CSV, written to a text stream."""
    for chunk in csv_chunks(partnerships):
        stream.write(chunk)
