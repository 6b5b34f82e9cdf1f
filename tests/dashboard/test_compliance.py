"""Each compliance gap appears when the governance is missing and goes when it is put right."""

import datetime

import pytest
from django.urls import reverse

from agreements.models import AgreementStatus
from register.choices import PartnershipType, Status
from reviews.dashboard import compliance
from reviews.models import ObjectiveStatus
from tests.factories import (
    ActivePartnershipFactory,
    AgreementFactory,
    ApprovedAgreementFactory,
    AssessmentFactory,
    ObjectiveFactory,
    RiskEntryFactory,
    SignedAgreementFactory,
)

TODAY = datetime.date.today()
YESTERDAY = TODAY - datetime.timedelta(days=1)


def gaps(partnership):
    """The keys of the gaps the compliance page lists for this partnership (through the rules)."""
    from register.models import Partnership

    keys = {
        gap.key
        for gap in compliance.GAPS
        if compliance.with_gap(Partnership.objects.filter(pk=partnership.pk), gap.key, TODAY).exists()
    }
    # the page works a page's gaps out row by row: it must find the same ones
    assert {gap.key for gap in compliance.gaps_by_partnership([partnership], TODAY).get(partnership.pk, [])} == keys
    # and "any gap", asked either way, agrees
    for per_row in (False, True):
        anyone = Partnership.objects.filter(pk=partnership.pk).filter(compliance.any_gap(TODAY, per_row=per_row))
        assert anyone.exists() == bool(keys)
    return keys


def listed(client, key, partnership):
    html = client.get(reverse("dashboard:compliance"), {"gap": key}).content.decode()
    return partnership.reference in html


@pytest.fixture
def governed(partnership):
    """A live partnership with everything the framework expects."""
    partnership.exit_strategy = "Services return to the partners; data returned under the sharing agreement."
    partnership.save()
    AssessmentFactory(partnership=partnership)
    SignedAgreementFactory(partnership=partnership)
    RiskEntryFactory(partnership=partnership)
    ObjectiveFactory(partnership=partnership)
    return partnership


def test_a_fully_governed_partnership_has_no_gaps(governed):
    assert gaps(governed) == set()


def test_a_bare_live_partnership_has_every_gap_but_review_and_end_date(partnership):
    assert gaps(partnership) == {
        "no_assessment",
        "no_agreement",
        "no_risk_entry",
        "no_objectives",
        "no_exit_strategy",
        "no_decision_record",
    }


def test_assessment_gap(client_for, scrutiny, governed):
    client = client_for(scrutiny)
    governed.assessment.delete()
    assert listed(client, "no_assessment", governed)
    AssessmentFactory(partnership=governed)
    assert not listed(client, "no_assessment", governed)


@pytest.mark.parametrize("status", [AgreementStatus.DRAFT, AgreementStatus.SUBMITTED, AgreementStatus.SUPERSEDED])
def test_only_an_approved_or_signed_agreement_closes_the_agreement_gap(client_for, scrutiny, partnership, status):
    client = client_for(scrutiny)
    AgreementFactory(partnership=partnership, status=status)
    assert listed(client, "no_agreement", partnership)
    ApprovedAgreementFactory(partnership=partnership, version_number=2)
    assert not listed(client, "no_agreement", partnership)


def test_risk_entry_gap(client_for, scrutiny, governed):
    client = client_for(scrutiny)
    governed.risks.all().delete()
    assert listed(client, "no_risk_entry", governed)
    RiskEntryFactory(partnership=governed)
    assert not listed(client, "no_risk_entry", governed)


def test_review_in_date_gap(client_for, scrutiny, governed):
    client = client_for(scrutiny)
    governed.next_review_due = YESTERDAY
    governed.save()
    assert listed(client, "review_not_in_date", governed)
    governed.next_review_due = None
    governed.save()
    assert listed(client, "review_not_in_date", governed)
    governed.next_review_due = TODAY  # due today is still in date
    governed.save()
    assert not listed(client, "review_not_in_date", governed)


def test_objectives_gap_ignores_withdrawn_objectives(client_for, scrutiny, governed):
    client = client_for(scrutiny)
    governed.objectives.update(status=ObjectiveStatus.WITHDRAWN)
    assert listed(client, "no_objectives", governed)
    ObjectiveFactory(partnership=governed)
    assert not listed(client, "no_objectives", governed)


def test_end_date_passed_gap(client_for, scrutiny, governed):
    client = client_for(scrutiny)
    governed.end_date = YESTERDAY
    governed.save()
    assert listed(client, "past_end_date", governed)
    governed.end_date = TODAY
    governed.save()
    assert not listed(client, "past_end_date", governed)


def test_gaps_apply_only_to_live_partnerships_in_scope(partnership):
    assert gaps(partnership)
    partnership.status = Status.PROPOSED
    partnership.save()
    assert gaps(partnership) == set()
    partnership.status = Status.EXITING
    partnership.partnership_type = PartnershipType.CONTRACTUAL
    partnership.save()
    assert gaps(partnership) == set()


def test_dashboard_gap_counts_match_the_lists(client_for, scrutiny, governed):
    bare = ActivePartnershipFactory(next_review_due=None)
    client = client_for(scrutiny)
    html = client.get(reverse("dashboard:index")).content.decode()
    assert 'href="/dashboard/compliance/?gap=no_assessment">1<' in html
    assert 'href="/dashboard/compliance/?gap=review_not_in_date">1<' in html
    page = client.get(reverse("dashboard:compliance"), {"gap": "any"}).content.decode()
    assert bare.reference in page and governed.reference not in page
    assert "1 partnership<" in page


# -- the governance the register runs (issue 13) -----------------------------------------------------
def test_exit_strategy_gap(governed):
    governed.exit_strategy = ""
    governed.save()
    assert gaps(governed) == {"no_exit_strategy"}


def test_an_exiting_partnership_needs_a_closure_evaluation(governed):
    from tests.factories import ClosureEvaluationFactory

    governed.status = Status.EXITING
    governed.save()
    assert gaps(governed) == {"no_closure_evaluation"}
    ClosureEvaluationFactory(partnership=governed)
    assert gaps(governed) == set()


def test_due_diligence_gap_for_high_significance(governed):
    from register.models import DueDiligenceCheck, DueDiligenceItem

    governed.significance = "high"
    governed.save()
    assert gaps(governed) == {"due_diligence_outstanding"}
    items = list(DueDiligenceItem.objects.all())
    for item in items[1:]:
        DueDiligenceCheck.objects.create(partnership=governed, item=item, status="not_needed")
    assert gaps(governed) == {"due_diligence_outstanding"}
    DueDiligenceCheck.objects.create(partnership=governed, item=items[0], status="outstanding")
    assert gaps(governed) == {"due_diligence_outstanding"}
    DueDiligenceCheck.objects.filter(item=items[0]).update(status="done")
    assert gaps(governed) == set()


def test_a_significance_override_is_flagged(governed):
    governed.significance_scored = "low"
    governed.significance_override_reason = "Politically sensitive"
    governed.save()
    assert gaps(governed) == {"significance_overridden"}


@pytest.mark.parametrize(
    "change", [{"decision": "pending"}, {"decision_body": ""}, {"decision_reference": ""}, {"decision_date": None}]
)
def test_approval_without_a_decision_record_is_a_gap(governed, change):
    type(governed.assessment).objects.filter(pk=governed.assessment.pk).update(**change)
    assert gaps(governed) == {"no_decision_record"}


def test_the_register_and_the_dashboard_break_down_by_corporate_priority(client_for, scrutiny, governed):
    from register.models import CorporatePriority

    priority = CorporatePriority.objects.create(name="Net zero by 2040")
    governed.priorities.add(priority)
    other = ActivePartnershipFactory()
    client = client_for(scrutiny)
    dashboard = client.get(reverse("dashboard:index")).content.decode()
    assert "Live partnerships by corporate priority" in dashboard and "Net zero by 2040" in dashboard
    listed = client.get(reverse("register:partnership_list"), {"priority": priority.pk}).content.decode()
    assert governed.reference in listed and other.reference not in listed
    behind = client.get(reverse("dashboard:partnerships"), {"priority": priority.pk}).content.decode()
    assert governed.reference in behind and other.reference not in behind
