"""An import that changes a partnership's money or partners scores its significance again, as the
edit page does: the level follows the administrator's criteria, an override stays."""

import datetime
from decimal import Decimal

import pytest

from partnerships.toolkit import importer
from partnerships.toolkit.exporter import export_workbook
from partnerships.toolkit.workbook import Upload
from register import significance
from register.choices import ReviewFrequency, Significance
from register.models import Measure, Partnership, SignificanceCriterion, SignificanceLevel
from tests.factories import OrganisationFactory, PartnershipFactory, PartnershipMemberFactory
from tests.toolkit.test_governance import cell, edited

pytestmark = pytest.mark.django_db


@pytest.fixture
def criteria():
    """One rule: £100,000 a year or more, from all partners together, makes a partnership high."""
    SignificanceCriterion.objects.update(active=False)
    SignificanceCriterion.objects.create(
        name="Big money", measure=Measure.ANNUAL_VALUE, threshold=Decimal("100000"), points=3, active=True
    )
    SignificanceLevel.objects.all().delete()
    SignificanceLevel.objects.create(level=Significance.HIGH, min_points=3, review_frequency=ReviewFrequency.QUARTERLY)
    SignificanceLevel.objects.create(level=Significance.LOW, min_points=0, review_frequency=ReviewFrequency.ANNUAL)


def scored_partnership(reference, override=""):
    partnership = PartnershipFactory(reference=reference, annual_contribution=Decimal("0"), in_kind_value=None)
    PartnershipMemberFactory(
        partnership=partnership,
        organisation=OrganisationFactory(name=f"Trust of {reference}"),
        annual_contribution=Decimal("1000"),
    )
    significance.apply(partnership, override, "The cabinet asked for it." if override else "")
    partnership.save()
    return partnership


def import_with_contribution(admin_user, reference, amount):
    content = export_workbook(Partnership.objects.all(), today=datetime.date(2026, 6, 1))

    def change(book):
        cell(book["Partners"], 2, reference, "Annual contribution (£)").value = amount

    plan = importer.plan_import(Upload("toolkit.xlsx", edited(content, change)))
    assert plan.errors == []
    importer.apply_plan(plan, user=admin_user)


def test_a_partner_contribution_raised_by_import_makes_the_partnership_high(criteria, admin_user):
    scored_partnership("RES-0001")
    assert Partnership.objects.get(reference="RES-0001").significance == Significance.LOW

    import_with_contribution(admin_user, "RES-0001", 250000)

    partnership = Partnership.objects.get(reference="RES-0001")
    assert (partnership.significance, partnership.significance_scored) == (Significance.HIGH, Significance.HIGH)
    assert partnership.review_frequency == ReviewFrequency.QUARTERLY


def test_an_override_survives_the_rescoring(criteria, admin_user):
    scored_partnership("RES-0002", override=Significance.MEDIUM)

    import_with_contribution(admin_user, "RES-0002", 250000)

    partnership = Partnership.objects.get(reference="RES-0002")
    assert partnership.significance_scored == Significance.HIGH
    assert partnership.significance == Significance.MEDIUM
    assert partnership.significance_override_reason == "The cabinet asked for it."
