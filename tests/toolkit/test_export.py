"""Export in the toolkit layout: it imports back with zero changes, and Excel never runs text as a formula."""

import csv
import datetime
import io
import zipfile
from decimal import Decimal

import openpyxl
import pytest

from assessments.models import HealthCheckScore, HealthPrinciple
from partnerships.toolkit import importer
from partnerships.toolkit.exporter import export_csv, export_workbook
from partnerships.toolkit.sheets.health_check import principle_score
from partnerships.toolkit.workbook import Upload
from register.choices import Status
from register.models import Partnership, PartnershipMember
from tests.factories import (
    HealthCheckResponseFactory,
    LessonFactory,
    PartnershipMemberFactory,
    PerformanceReviewFactory,
    RiskEntryFactory,
    UserFactory,
)

pytestmark = pytest.mark.django_db

FORMULA_LIKE = ['=HYPERLINK("http://evil.example","Click")', "+44 1234 567890", "-5 off", "@SUM(A1)", "\tTabbed"]


def reimport(content):
    return importer.plan_import(Upload("export.xlsx", content))


def test_an_exported_sample_imports_back_with_zero_changes(imported_sample):
    plan = reimport(export_workbook(Partnership.objects.all()))
    assert plan.errors == []
    partners = PartnershipMember.objects.count()  # the Partners sheet: a row per partner
    assert plan.totals == {"created": 0, "updated": 0, "unchanged": 147 + partners, "errors": 0}
    assert all(sheet.unknown_columns == [] for sheet in plan.sheets)


def test_records_made_in_the_app_round_trip_too(partnership):
    """Lead officers with logins, app-answered health checks, lessons with detail, formula-like text."""
    partnership.lead_officer = UserFactory(email="Lead.Officer@example.gov.uk")
    partnership.notes = FORMULA_LIKE[0]
    partnership.save()
    PartnershipMemberFactory(partnership=partnership)
    RiskEntryFactory(partnership=partnership, risk_id="R1", description=FORMULA_LIKE[1])
    review = PerformanceReviewFactory(partnership=partnership, reviewer=UserFactory(), reviewer_name="")
    LessonFactory(partnership=partnership, review=review, detail="What we learnt in detail")
    HealthCheckResponseFactory(partnership=partnership, scores={1: 4, 2: 3, 3: 2, 4: 1, 5: 4, 6: 3})

    plan = reimport(export_workbook(Partnership.objects.all()))
    assert plan.errors == []
    changed = [(row.key, [c.label for c in row.changes]) for s in plan.sheets for row in s.rows if row.changes]
    assert changed == []
    assert plan.totals["unchanged"] == 5  # and the partner on the Partners sheet


def test_export_is_in_the_toolkit_layout(imported_sample):
    book = openpyxl.load_workbook(io.BytesIO(export_workbook(Partnership.objects.all())))
    assert book.sheetnames == [
        "Register",
        "Risks",
        "Reviews",
        "Health check",
        "Partners",
        "Scope screening",
        "Due diligence",
    ]
    register = book["Register"]
    assert register["A4"].value == "Ref"
    assert register["A5"].value == "NCC-0001"
    assert register["Q5"].number_format == "dd/mm/yyyy"
    assert book["Risks"]["A2"].value == "Partnership ref"
    assert book["Health check"]["D2"].value == "P1 Recognise and accept the need for partnership"
    assert register.max_row == 4 + 40


@pytest.mark.parametrize("text", FORMULA_LIKE)
def test_formula_like_text_is_written_as_text_in_the_workbook(partnership, text):
    partnership.name = text
    partnership.save()
    content = export_workbook(Partnership.objects.all())

    cell = openpyxl.load_workbook(io.BytesIO(content))["Register"]["B5"]
    assert cell.value == text
    assert cell.data_type == "s"
    assert cell.quotePrefix  # Excel keeps it as text even when the cell is edited
    with zipfile.ZipFile(io.BytesIO(content)) as archive:
        assert b"<f>" not in archive.read("xl/worksheets/sheet1.xml")
    assert reimport(content).totals["unchanged"] == 1  # and it comes back exactly


@pytest.mark.parametrize("text", FORMULA_LIKE)
def test_formula_like_text_is_neutralised_in_the_csv(partnership, text):
    partnership.name = text
    partnership.save()
    stream = io.StringIO()
    export_csv(Partnership.objects.all(), stream)
    rows = list(csv.reader(io.StringIO(stream.getvalue().lstrip("\ufeff"))))
    assert rows[0][:2] == ["Ref", "Partnership name"]
    assert rows[1][1] == "'" + text


def test_the_csv_has_the_register_with_labels_and_uk_dates(imported_sample):
    stream = io.StringIO()
    export_csv(Partnership.objects.filter(reference="NCC-0001"), stream)
    header, row = list(csv.reader(io.StringIO(stream.getvalue().lstrip("\ufeff"))))
    record = dict(zip(header, row, strict=True))
    assert record["Partnership type"] == "Statutory"
    assert record["Start date"] == "16/08/2013"
    assert record["Assessment completed?"] == "Yes"
    assert record["Partner organisations"].startswith("Northmoor Constabulary; ")


def test_cells_keep_their_types_formats_and_neutralising(partnership):
    """Money as numbers, dates as dates on every sheet, control characters dropped, formula-like text quoted."""
    partnership.annual_contribution = Decimal("12345.67")
    partnership.notes = "Bell\x07 rang"
    partnership.save()
    RiskEntryFactory(
        partnership=partnership, risk_id="R1", description="\x01=1+1", review_date=datetime.date(2026, 3, 31)
    )
    PerformanceReviewFactory(partnership=partnership, review_date=datetime.date(2025, 12, 1))
    book = openpyxl.load_workbook(io.BytesIO(export_workbook(Partnership.objects.all())))

    register = book["Register"]
    money = register["M5"]
    assert money.value == 12345.67 and money.number_format == "#,##0.00"
    assert register["AB5"].value == "Bell rang"
    risk = {cell.column_letter: cell for cell in book["Risks"][3]}
    assert risk["C"].value == "=1+1" and risk["C"].data_type == "s" and risk["C"].quotePrefix
    assert risk["M"].value == datetime.datetime(2026, 3, 31) and risk["M"].number_format == "dd/mm/yyyy"
    review = book["Reviews"]["B3"]
    assert review.value == datetime.datetime(2025, 12, 1) and review.number_format == "dd/mm/yyyy"


def test_health_check_scores_are_exported_as_the_import_reads_them(partnership):
    """A whole-principle score if there is one, else the rounded mean of the statement scores."""
    response = HealthCheckResponseFactory(partnership=partnership)
    principles = {principle.number: principle for principle in HealthPrinciple.objects.prefetch_related("statements")}
    given = {1: [4, 3], 2: [2, 3], 3: [4, 4]}  # means 3.5 and 2.5 round to even
    for number, scores in given.items():
        for statement, score in zip(principles[number].statements.all(), scores, strict=False):
            HealthCheckScore.objects.create(
                response=response, principle=principles[number], statement=statement, score=score
            )
    HealthCheckScore.objects.create(response=response, principle=principles[3], statement=None, score=1)

    row = next(book_rows(export_workbook(Partnership.objects.all()), "Health check", min_row=3))
    assert list(row[3:9]) == [4, 2, 1, None, None, None]
    assert list(row[3:9]) == [principle_score(response, number) for number in range(1, 7)]


def book_rows(content, title, min_row):
    return openpyxl.load_workbook(io.BytesIO(content))[title].iter_rows(min_row=min_row, values_only=True)


def test_the_export_download_matches_the_register_filters(client_for, scrutiny, imported_sample):
    response = client_for(scrutiny).get("/toolkit/export.xlsx", {"status": Status.CLOSED})
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/vnd.openxmlformats")
    assert "attachment" in response["Content-Disposition"]
    book = openpyxl.load_workbook(io.BytesIO(response.content))
    refs = [row[0] for row in book["Register"].iter_rows(min_row=5, values_only=True)]
    assert refs == list(Partnership.objects.filter(status=Status.CLOSED).values_list("reference", flat=True))
    risk_refs = {row[0] for row in book["Risks"].iter_rows(min_row=3, values_only=True)}
    assert risk_refs <= set(refs)


def test_the_csv_download_matches_the_filters(client_for, officer, imported_sample):
    response = client_for(officer).get("/toolkit/export.csv", {"q": "Waste"})
    assert response.status_code == 200
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    assert response.streaming  # read from the database as it is sent, never held whole in memory
    rows = list(csv.reader(io.StringIO(response.getvalue().decode("utf-8-sig"))))
    assert [row[0] for row in rows[1:]] == ["NCC-0018"]


def test_export_needs_a_role(client, client_for):
    assert client.get("/toolkit/export.xlsx").status_code == 302  # to the login page
    assert client_for(UserFactory()).get("/toolkit/export.xlsx").status_code == 403
    assert client_for(UserFactory()).get("/toolkit/export.csv").status_code == 403
