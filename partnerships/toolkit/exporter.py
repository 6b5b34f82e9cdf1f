"""Export the register in the toolkit's own layout (.xlsx) and as CSV.

The workbook has the Register, Risks, Reviews and Health check sheets with the headers the import
knows, so an exported workbook imports back with no changes at all.

Text that starts with = + - @ (or a tab or carriage return) is written so that Excel never runs it
as a formula: as a plain string with Excel's "quote prefix" in the .xlsx, and behind an apostrophe
in the CSV.
"""

import csv
import datetime
import io
from decimal import Decimal

from django.conf import settings
from django.db.models import Prefetch
from openpyxl import Workbook
from openpyxl.cell import WriteOnlyCell
from openpyxl.styles import Font

from assessments.models import HealthCheckResponse, HealthPrinciple
from register.models import PartnershipMember, RiskEntry
from register.spreadsheets import FORMULA_TRIGGERS, clean
from reviews.models import PerformanceReview

from .headers import PRINCIPLES, export_header
from .sheets.health_check import principle_score

DATE_FORMAT, MONEY_FORMAT = "dd/mm/yyyy", "#,##0.00"

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
)
CHOICES = {"partnership_type", "legal_form", "council_role", "status", "significance", "review_frequency", "rag"}
CHOICES |= {"assurance"}
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
    """A write-only cell for `value`; text that looks like a formula stays text, even when edited in Excel."""
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


# -- rows ------------------------------------------------------------------------------------------
def yes_no(value):
    return None if value is None else ("Yes" if value else "No")


def label(instance, field):
    return getattr(instance, f"get_{field}_display")() if getattr(instance, field) else None


def register_row(partnership):
    officer = partnership.lead_officer
    special = {
        "partners": "; ".join(member.organisation.name for member in partnership.memberships.all()),
        "directorate": partnership.directorate.name if partnership.directorate else None,
        "lead_officer_name": partnership.lead_officer_display,
        "lead_officer_email": officer.email if officer else partnership.lead_officer_email,
    }
    row = []
    for field in REGISTER_COLUMNS:
        if field in special:
            value = special[field]
        elif field in CHOICES:
            value = label(partnership, field)
        else:
            value = getattr(partnership, field)
            value = yes_no(value) if isinstance(value, bool) else value
        row.append(value if value != "" else None)
    return row


def risk_row(risk):
    special = {
        "reference": risk.partnership.reference,
        "inherent_score": risk.inherent,
        "residual_score": risk.residual,
    }
    special |= {"category": label(risk, "category"), "status": label(risk, "status")}
    return [special[field] if field in special else getattr(risk, field) or None for field in RISK_COLUMNS]


def review_row(review):
    lessons = sorted(review.lessons.all(), key=lambda lesson: lesson.pk)
    special = {
        "reference": review.partnership.reference,
        "reviewer_name": review.reviewer_display,
        "lesson": lessons[0].title if lessons else None,
    }
    for field in ("objectives_met", "rag", "value_for_money", "vfm_economy", "vfm_efficiency"):
        special[field] = label(review, field)
    special |= {field: label(review, field) for field in ("vfm_effectiveness", "vfm_equity")}
    return [special[field] if field in special else getattr(review, field) or None for field in REVIEW_COLUMNS]


def health_row(response):
    special = {
        "reference": response.partnership.reference,
        "organisation": response.organisation.name if response.organisation else None,
        **{f"principle_{n}": principle_score(response, n) for n in PRINCIPLES},
    }
    return [special[field] if field in special else getattr(response, field) or None for field in HEALTH_COLUMNS]


def register_headers():
    return [export_header("register", field) for field in REGISTER_COLUMNS]


# -- the workbook ---------------------------------------------------------------------------------
def related(partnerships):
    """Risks, reviews and health checks of the exported partnerships, in a stable order."""
    ids = partnerships.values("pk")
    risks = RiskEntry.objects.filter(partnership__in=ids).select_related("partnership")
    reviews = (
        PerformanceReview.objects.filter(partnership__in=ids)
        .select_related("partnership", "reviewer")
        .prefetch_related("lessons")
    )
    responses = (
        HealthCheckResponse.objects.filter(partnership__in=ids)
        .select_related("partnership", "organisation")
        .prefetch_related("scores__principle")
    )
    return (
        risks.order_by("partnership__reference", "risk_id"),
        reviews.order_by("partnership__reference", "-review_date", "pk"),
        responses.order_by("partnership__reference", "completed_on", "pk"),
    )


def with_related(partnerships):
    members = PartnershipMember.objects.select_related("organisation").order_by("pk")
    return partnerships.select_related("directorate", "lead_officer").prefetch_related(
        Prefetch("memberships", queryset=members)
    )


def export_workbook(partnerships, today=None):
    """The toolkit workbook for these partnerships (a queryset), as bytes of an .xlsx."""
    today = today or datetime.date.today()
    book = Workbook(write_only=True)
    risks, reviews, responses = related(partnerships)

    register = sheet(
        book, "Register", [settings.COUNCIL_NAME, "Register of Partnerships", f"Exported {today:%d %B %Y}"]
    )
    write_rows(register, register_headers(), map(register_row, with_related(partnerships).order_by("reference")))

    risk_sheet = sheet(book, "Risks", ["Partnership risk register"])
    risk_headers = [RISK_HEADERS.get(field) or export_header("risks", field) for field in RISK_COLUMNS]
    write_rows(risk_sheet, risk_headers, map(risk_row, risks))

    review_sheet = sheet(book, "Reviews", ["Performance reviews"])
    write_rows(review_sheet, [export_header("reviews", field) for field in REVIEW_COLUMNS], map(review_row, reviews))

    health_sheet = sheet(book, "Health check", ["Partnership health check (six principles)"])
    titles = dict(HealthPrinciple.objects.values_list("number", "title"))
    health_headers = [
        f"P{field[-1]} {titles.get(int(field[-1]), '')}".strip()
        if field.startswith("principle_")
        else export_header("health_check", field)
        for field in HEALTH_COLUMNS
    ]
    write_rows(health_sheet, health_headers, map(health_row, responses))

    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def sheet(book, title, title_rows):
    worksheet = book.create_sheet(title)
    worksheet.freeze_panes = f"A{len(title_rows) + 2}"
    for text in title_rows:
        cell = WriteOnlyCell(worksheet, value=text)
        cell.font = Font(bold=True, size=12)
        worksheet.append([cell])
    return worksheet


def write_rows(worksheet, header, rows):
    cells = []
    for text in header:
        cell = WriteOnlyCell(worksheet, value=text)
        cell.font = Font(bold=True)
        cells.append(cell)
    worksheet.append(cells)
    for row in rows:
        worksheet.append([neutralised_cell(worksheet, value) for value in row])


def export_csv(partnerships, stream):
    """The Register sheet as CSV (UTF-8 with a byte order mark, so Excel reads the £ signs)."""
    stream.write("\ufeff")
    writer = csv.writer(stream)
    writer.writerow(register_headers())
    for partnership in with_related(partnerships).order_by("reference"):
        writer.writerow([csv_safe(value) for value in register_row(partnership)])
