"""Significance is scored from criteria held as data; an override needs a reason and is flagged."""

from decimal import Decimal

import pytest
from django.urls import reverse

from register import significance
from register.choices import CouncilRole, PartnershipType, ReviewFrequency, Significance
from register.models import CorporatePriority, SignificanceCriterion, SignificanceLevel
from tests.factories import PartnershipMemberFactory

pytestmark = pytest.mark.django_db


def test_the_seeded_criteria_score_a_partnership_with_reasons(partnership):
    partnership.partnership_type = PartnershipType.STATUTORY  # 2
    partnership.council_role = CouncilRole.ACCOUNTABLE_BODY  # 2
    partnership.annual_contribution = Decimal(90000)
    partnership.in_kind_value = Decimal(10000)  # £100,000 a year in all: 2
    result = significance.score(partnership)
    assert (result.points, result.level) == (6, Significance.HIGH)
    held = {name for name, holds, _ in result.reasons if holds}
    assert held == {
        "A statutory partnership",
        "The council is the accountable body",
        "Annual value of £100,000 or more (money and in kind, all partners)",
    }


def test_partners_contributions_count_towards_the_annual_value(partnership):
    partnership.annual_contribution = Decimal(60000)
    PartnershipMemberFactory(partnership=partnership, annual_contribution=Decimal(40000))
    assert "Annual value of £100,000 or more (money and in kind, all partners)" in [
        name for name, holds, _ in significance.score(partnership).reasons if holds
    ]


def test_changing_a_threshold_changes_the_result(partnership):
    partnership.annual_contribution = Decimal(60000)
    assert significance.score(partnership).points == 0
    SignificanceCriterion.objects.filter(measure="annual_value", threshold=100000).update(threshold=50000)
    assert significance.score(partnership).points == 2
    SignificanceLevel.objects.filter(level=Significance.MEDIUM).update(min_points=2)
    assert significance.score(partnership).level == Significance.MEDIUM


def test_each_measure(partnership):
    def points():
        return significance.score(partnership).points

    partnership.annual_contribution = None
    partnership.serious_if_failed = True
    assert points() == 3
    partnership.priorities.add(CorporatePriority.objects.create(name="Healthy lives"))
    assert points() == 4
    for _ in range(5):
        PartnershipMemberFactory(partnership=partnership)
    assert points() == 5


def test_review_frequency_follows_the_level(partnership):
    partnership.partnership_type = PartnershipType.STATUTORY
    partnership.serious_if_failed = True
    significance.apply(partnership)
    assert (partnership.significance, partnership.review_frequency) == (Significance.MEDIUM, "six_monthly")


def test_an_override_keeps_its_level_and_reason_and_is_flagged(partnership):
    significance.apply(partnership, Significance.HIGH, "Politically sensitive this year")
    assert partnership.significance == Significance.HIGH and partnership.significance_scored == Significance.LOW
    assert partnership.significance_overridden
    assert partnership.review_frequency == ReviewFrequency.QUARTERLY
    significance.apply(partnership)  # no override: back to the scored level
    assert partnership.significance == Significance.LOW and not partnership.significance_overridden


class TestThePage:
    def url(self, partnership):
        return reverse("register:significance", args=[partnership.reference])

    def test_the_page_shows_the_scored_level_and_why(self, client_for, scrutiny, partnership):
        page = client_for(scrutiny).get(self.url(partnership)).content.decode()
        assert "The criteria give: Low (0 points)" in page and "A statutory partnership" in page
        assert "<form" not in page.split('id="main-content"')[1]

    def test_an_override_needs_a_reason(self, client_for, officer, partnership):
        client = client_for(officer)
        data = {"override": "high", "lock_version": partnership.lock_version}
        assert "Enter why the scored level is overridden" in client.post(self.url(partnership), data).content.decode()
        data["significance_override_reason"] = "Politically sensitive"
        assert client.post(self.url(partnership), {**data, "serious_if_failed": "True"}).status_code == 302
        partnership.refresh_from_db()
        assert (partnership.significance, partnership.significance_scored) == ("high", "medium")
        assert partnership.serious_if_failed is True
        assert "Overridden" in client.get(partnership.get_absolute_url()).content.decode()


def test_a_scored_partnership_is_scored_again_when_its_partners_contributions_change(client_for, officer, partnership):
    significance.apply(partnership)
    partnership.save()
    assert partnership.significance == Significance.LOW
    member = PartnershipMemberFactory(partnership=partnership)
    url = reverse("register:partner_contribution", args=[partnership.reference, member.pk])
    client_for(officer).post(url, {"annual_contribution": "600000"})
    partnership.refresh_from_db()
    assert (partnership.significance_scored, partnership.significance) == (Significance.MEDIUM, Significance.MEDIUM)
    assert partnership.review_frequency == ReviewFrequency.SIX_MONTHLY


def test_a_partnership_never_scored_keeps_its_hand_set_level(partnership):
    partnership.significance = Significance.HIGH
    significance.rescore(partnership)
    assert partnership.significance == Significance.HIGH and partnership.significance_scored == ""
