"""The council's real toolkit workbook imports cleanly, with the right counts and values."""

import datetime
from decimal import Decimal

import pytest

from assessments.models import HealthCheckResponse, HealthCheckScore
from partnerships.toolkit import importer
from register.choices import CouncilRole, LegalForm, PartnershipType, ReviewFrequency, Status
from register.models import Directorate, Organisation, Partnership, PartnershipMember, RiskEntry
from reviews.models import LessonLearned, PerformanceReview
from tests.factories import UserFactory

from .conftest import SAMPLE_COUNTS, sample_upload

pytestmark = pytest.mark.django_db


def test_the_sample_plans_with_no_errors_and_the_exact_counts_per_sheet():
    plan = importer.plan_import(sample_upload())

    assert plan.errors == []
    assert {name: counts["created"] for name, counts in plan.counts.items()} == SAMPLE_COUNTS
    assert plan.totals["errors"] == 0
    register = plan.sheet("register")
    assert register.header_row == 4  # below three title rows
    assert (25, "blank row") in register.skipped
    assert (47, "totals row (=SUM(M5:M45))") in register.skipped
    assert register.unknown_columns == []


def test_planning_writes_nothing():
    importer.plan_import(sample_upload())
    assert not Partnership.objects.exists()
    assert not Organisation.objects.exists()


def test_the_placeholder_tbc_is_a_warning_with_its_location():
    plan = importer.plan_import(sample_upload())
    [warning] = plan.warnings
    assert (warning.sheet, warning.row, warning.column) == ("Register", 19, "Next review due")
    assert "TBC" in warning.message


def test_applying_the_sample_writes_every_row(imported_sample):
    assert Partnership.objects.count() == 40
    assert RiskEntry.objects.count() == 49
    assert PerformanceReview.objects.count() == 35
    assert HealthCheckResponse.objects.count() == 23
    assert HealthCheckScore.objects.filter(statement__isnull=True).count() == 23 * 6


def test_register_values_are_read_as_people_typed_them(imported_sample):
    first = Partnership.objects.get(reference="NCC-0001")
    assert first.partnership_type == PartnershipType.STATUTORY
    assert first.legal_form == LegalForm.FORUM
    assert first.council_role == CouncilRole.ACCOUNTABLE_BODY
    assert first.status == Status.ACTIVE
    assert first.review_frequency == ReviewFrequency.QUARTERLY
    assert first.start_date == datetime.date(2013, 8, 16)
    assert first.end_date == datetime.date(2014, 8, 16)  # typed as "16/08/2014"
    assert first.external_funding == Decimal("0.00")  # "nil"
    assert first.in_kind_description == "Data and analysis support"
    assert first.assessment_completed is True
    assert first.directorate.name == "Education and Children's Services"
    assert first.lead_officer is None  # no such user: kept as a named contact
    assert first.lead_officer_name == "Kirsty Evans"
    assert first.lead_officer_email == "kirsty.evans@northmoor.gov.uk"

    second = Partnership.objects.get(reference="NCC-0002")
    assert second.annual_contribution == Decimal("12500.00")  # "£12,500"
    assert second.last_review == datetime.date(2025, 9, 19)
    assert second.next_review_due == datetime.date(2026, 3, 20)  # "20 Mar 2026"
    assert second.assessment_completed is False  # "N"

    assert Partnership.objects.get(reference="NCC-0015").next_review_due is None  # "TBC"
    assert Partnership.objects.get(reference="NCC-0021").external_funding == Decimal("0.00")  # "-"
    assert Partnership.objects.get(reference="NCC-0039").external_funding == Decimal("95000.00")  # "95000.00"
    assert Partnership.objects.get(reference="NCC-0029").partnership_type == PartnershipType.CONTRACTUAL
    assert Partnership.objects.get(reference="NCC-0028").status == Status.CLOSED  # set directly, no lifecycle


def test_partners_become_organisations_matched_by_name_not_duplicated(imported_sample):
    ics = Partnership.objects.get(reference="NCC-0002")
    assert [m.organisation.name for m in ics.memberships.order_by("pk")] == [
        "NHS Northmoor Integrated Care Board",
        "Northmoor Teaching Hospitals NHS Trust",
        "Healthwatch Northmoor",
    ]
    icb = Organisation.objects.get(name="NHS Northmoor Integrated Care Board")
    assert icb.memberships.count() > 5  # one organisation, many partnerships
    assert Organisation.objects.filter(name__iexact="nhs northmoor integrated care board").count() == 1
    assert PartnershipMember.objects.filter(partnership__reference="NCC-0001").count() == 5


def test_directorates_are_created_once_by_name(imported_sample):
    assert Directorate.objects.filter(name="Resources").count() == 1
    assert Partnership.objects.filter(directorate__name="Resources").count() > 1


def test_a_lead_officer_with_a_login_is_matched_by_email_ignoring_case(db):
    user = UserFactory(username="jamal", email="Jamal.Morgan@Northmoor.gov.uk")
    importer.apply_plan(importer.plan_import(sample_upload()))
    partnership = Partnership.objects.get(reference="NCC-0002")
    assert partnership.lead_officer == user
    assert partnership.lead_officer_name == ""


def test_risks_reviews_lessons_and_health_checks_are_linked(imported_sample):
    risk = RiskEntry.objects.get(partnership__reference="NCC-0002", risk_id="R2")
    assert (risk.likelihood, risk.impact, risk.inherent_score) == (5, 4, 20)
    assert risk.review_date == datetime.date(2026, 12, 8)  # typed "08/12/2026"

    review = PerformanceReview.objects.get(partnership__reference="NCC-0001", review_date=datetime.date(2025, 2, 22))
    assert review.reviewer_name == "Sian Taylor"
    [lesson] = review.lessons.all()
    assert lesson.title == "Joint posts improved trust between partners"
    assert lesson.partnership == review.partnership
    assert LessonLearned.objects.count() == 22  # one per filled "Lessons learnt" cell

    response = HealthCheckResponse.objects.get(partnership__reference="NCC-0001")
    assert response.respondent_name == "Kirsty Evans"
    assert response.principle_scores() == {1: 1, 2: 3, 3: 4, 4: 1, 5: 1, 6: 3}
    assert response.comments == "Trust strong; monitoring weak"


def test_reimporting_the_same_file_changes_nothing(imported_sample):
    before = {
        "history": Partnership.history.count(),
        "organisations": Organisation.objects.count(),
        "lessons": LessonLearned.objects.count(),
        "scores": HealthCheckScore.objects.count(),
    }
    plan = importer.plan_import(sample_upload())
    assert plan.totals == {"created": 0, "updated": 0, "unchanged": 147, "errors": 0}
    importer.apply_plan(plan)
    after = {
        "history": Partnership.history.count(),
        "organisations": Organisation.objects.count(),
        "lessons": LessonLearned.objects.count(),
        "scores": HealthCheckScore.objects.count(),
    }
    assert after == before


def test_the_import_is_in_the_history_with_a_reason(imported_sample):
    record = Partnership.objects.get(reference="NCC-0001").history.first()
    assert record.history_type == "+"
    assert "toolkit" in record.history_change_reason


def test_an_update_is_shown_field_by_field_then_applied(imported_sample):
    partnership = Partnership.objects.get(reference="NCC-0003")
    partnership.name = "Old name"
    partnership.annual_contribution = Decimal("1.00")
    partnership.save()
    version = partnership.lock_version

    plan = importer.plan_import(sample_upload())
    [row] = plan.sheet("register").rows_with("update")
    assert row.key == "NCC-0003"
    changes = {change.label: (change.old_display, change.new_display) for change in row.changes}
    assert changes == {
        "Partnership name": ("Old name", "Better Care Fund pooled budget"),
        "Annual council contribution (£)": ("£1.00", "£2,500.00"),
    }
    importer.apply_plan(plan)
    partnership.refresh_from_db()
    assert partnership.name == "Better Care Fund pooled budget"
    assert partnership.lock_version == version + 1  # an open edit form would see the change
