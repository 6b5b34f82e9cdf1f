"""seed_demo changes nothing the second time, and --scale tops up the register with bulk inserts."""

import pytest
from django.apps import apps
from django.db import connection
from django.test.utils import CaptureQueriesContext

from register.models import Partnership

from .conftest import seed

pytestmark = pytest.mark.django_db

OUR_APPS = ("register", "assessments", "agreements", "reviews", "auth")


def row_counts():
    """{model label: rows}, history tables included."""
    return {
        model._meta.label: model._base_manager.count()
        for app in OUR_APPS
        for model in apps.get_app_config(app).get_models()
    }


def snapshot():
    """Every column of the rows most likely to be touched by a careless second run."""
    return [
        list(Partnership.objects.order_by("pk").values()),
        list(apps.get_model("auth.User").objects.order_by("pk").values()),
        list(apps.get_model("register.Organisation").objects.order_by("pk").values()),
    ]


def test_running_twice_changes_nothing():
    seed()
    counts, rows = row_counts(), snapshot()
    assert counts["register.HistoricalPartnership"] > counts["register.Partnership"]

    output = seed()

    assert "already loaded" in output
    assert row_counts() == counts
    assert snapshot() == rows


def test_scale_reaches_exactly_n_with_the_same_proportions():
    seed("--scale", "200")

    partnerships = Partnership.objects.all()
    assert partnerships.count() == 200
    generated = partnerships.exclude(reference__lte="NCC-0040")
    assert generated.count() == 160
    assert list(generated.order_by("reference").values_list("reference", flat=True)[:1]) == ["NCC-0041"]
    assert generated.order_by("reference").last().reference == "NCC-0200"

    def per_partnership(relation):
        return apps.get_model(relation)._base_manager.filter(partnership__in=generated).count() / 160

    assert 1.9 <= per_partnership("register.PartnershipMember") <= 2.1
    assert 2.9 <= per_partnership("register.RiskEntry") <= 3.1
    assert 2.9 <= per_partnership("reviews.Objective") <= 3.1
    assert 1.5 <= per_partnership("reviews.PerformanceReview") <= 2.5
    assert 0.7 <= per_partnership("assessments.PartnershipAssessment") <= 0.95
    assert 0.4 <= per_partnership("agreements.PartnershipAgreement") <= 0.9
    assert per_partnership("register.PartnershipTransition") >= 2
    assert {"active", "proposed", "closed"} <= set(generated.values_list("status", flat=True))


def test_scale_is_deterministic_and_idempotent():
    seed("--scale", "120")
    first = list(
        Partnership.objects.order_by("reference").values_list("reference", "name", "status", "next_review_due")
    )
    counts = row_counts()

    seed("--scale", "120")
    assert row_counts() == counts

    Partnership.objects.filter(reference__gt="NCC-0040").delete()
    seed("--scale", "120")
    again = list(
        Partnership.objects.order_by("reference").values_list("reference", "name", "status", "next_review_due")
    )
    assert again == first


def test_scale_continues_after_the_last_reference():
    seed()
    Partnership.objects.create(reference="NCC-0107", name="Imported from the toolkit", partnership_type="statutory")
    seed("--scale", "45")
    references = set(Partnership.objects.values_list("reference", flat=True))
    assert {"NCC-0108", "NCC-0111"} <= references
    assert "NCC-0042" not in references


def test_scale_uses_bulk_inserts():
    """The number of queries grows far slower than the number of partnerships."""
    seed()

    with CaptureQueriesContext(connection) as fifty:
        seed("--scale", "90")
    with CaptureQueriesContext(connection) as two_hundred:
        seed("--scale", "290")

    assert Partnership.objects.count() == 290
    assert len(two_hundred) < 200 / 2
    assert len(two_hundred) - len(fifty) < 150 / 3
