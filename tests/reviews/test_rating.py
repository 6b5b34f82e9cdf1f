"""The rating rule (data) proposes a rating in words; the administrator confirms or changes it."""

import datetime

import pytest
from django.urls import reverse

from register.choices import AssuranceRating
from reviews.assurance import rating
from reviews.assurance.models import RatingCondition, RatingDecision, RatingThreshold, RemedialAction
from tests.factories import ApprovedAgreementFactory, AssessmentFactory, RiskEntryFactory

pytestmark = pytest.mark.django_db


def test_a_partnership_without_agreement_or_risk_register_gets_no_assurance_with_reasons(assurance_return):
    proposal = rating.propose(assurance_return)
    assert proposal.points > 5  # above the limited band's 5 points in fixtures/assurance_rating.json
    assert proposal.rating == AssuranceRating.NO_ASSURANCE
    assert "no current agreement" in proposal.reasons
    assert "no risk register" in proposal.reasons
    assert str(proposal).startswith(f"{proposal.label}: ")


def test_the_rule_is_data_an_administrator_can_change(assurance_return):
    RatingCondition.objects.update(active=False)
    assert rating.propose(assurance_return).rating == AssuranceRating.SUBSTANTIAL
    RatingCondition.objects.filter(check_name="no_agreement").update(active=True, points=9)
    RatingThreshold.objects.filter(rating=AssuranceRating.LIMITED).update(max_points=10)
    proposal = rating.propose(assurance_return)
    assert proposal.rating == AssuranceRating.LIMITED
    assert proposal.reasons == ["no current agreement"]


def test_governance_in_place_earns_a_better_rating(assurance_return, partnership, officer):
    before = rating.propose(assurance_return).points
    AssessmentFactory(partnership=partnership)
    RiskEntryFactory(partnership=partnership)
    agreement = ApprovedAgreementFactory(partnership=partnership)
    assert agreement.partnership == partnership
    assert rating.propose(assurance_return).points < before


def test_overdue_remedial_actions_count_against_the_rating(assurance_return, partnership, assurance_round):
    before = rating.propose(assurance_return)
    RemedialAction.objects.create(
        partnership=partnership,
        raised_in=assurance_round,
        description="Agree terms of reference",
        owner="Olivia Officer",
        due_date=datetime.date(2020, 1, 1),
    )
    after = rating.propose(assurance_return)
    assert "remedial actions overdue" in after.reasons and after.points > before.points


def test_the_administrator_confirms_or_changes_the_rating_with_a_reason(client_for, admin_user, assurance_return):
    client = client_for(admin_user)
    url = reverse("reviews:return_rating", args=[assurance_return.pk])
    proposed = rating.propose(assurance_return).rating
    other = AssuranceRating.REASONABLE if proposed != AssuranceRating.REASONABLE else AssuranceRating.LIMITED
    refused = client.post(url, {"rating": other, "reason": ""})
    assert refused.status_code == 200
    assert ("id_reason", "Give a reason for changing the proposed rating") in refused.context["error_summary"]
    client.post(url, {"rating": proposed})
    client.post(url, {"rating": other, "reason": "Agreement signed after the return"})
    assurance_return.refresh_from_db()
    assurance_return.partnership.refresh_from_db()
    assert assurance_return.rating == other and assurance_return.partnership.assurance == other
    history = list(RatingDecision.objects.filter(assurance_return=assurance_return).order_by("at", "id"))
    assert [(d.proposed, d.rating) for d in history] == [(proposed, proposed), (proposed, other)]


def test_only_administrators_rate(client_for, officer, assurance_return):
    url = reverse("reviews:return_rating", args=[assurance_return.pk])
    assert client_for(officer).post(url, {"rating": "substantial"}).status_code == 403


def test_remedial_actions_are_added_and_show_on_the_officers_home_page(client_for, officer, assurance_return):
    client = client_for(officer)
    client.post(
        reverse("reviews:action_create", args=[assurance_return.pk]),
        {
            "description": "Review the risk register",
            "owner": "Olivia Officer",
            "due_date_0": "1",
            "due_date_1": "1",
            "due_date_2": "2021",
            "status": "open",
        },
    )
    action = RemedialAction.objects.get()
    assert action.raised_in == assurance_return.round
    assert "Review the risk register" in client.get(reverse("home")).content.decode()


def test_overdue_actions_are_counted_on_the_dashboard(client_for, scrutiny, partnership, assurance_round):
    RemedialAction.objects.create(
        partnership=partnership,
        raised_in=assurance_round,
        description="Agree terms of reference",
        owner="Olivia Officer",
        due_date=datetime.date(2020, 1, 1),
    )
    page = client_for(scrutiny).get(reverse("dashboard:index")).content.decode()
    assert "1 remedial action is overdue across the register" in page


def test_governance_questions_answered_no_are_named_in_the_reasons(assurance_return):
    from reviews.assurance.models import ReturnAnswer, ReturnQuestion

    question = ReturnQuestion.objects.get(key="agreement_current")
    ReturnAnswer.objects.create(assurance_return=assurance_return, question=question, answer="no")
    reasons = rating.propose(assurance_return).reasons
    assert f"governance question answered no on the return: “{question.text}”" in reasons


def test_the_rating_finds_the_same_gaps_as_the_compliance_dashboard(assurance_return, partnership):
    """The rating asks one partnership's records by index; the dashboard's rules give the same gaps."""
    from django.utils import timezone

    from register.models import Partnership
    from reviews.dashboard import compliance

    today = timezone.localdate()
    found = []
    for add in (
        lambda: None,
        lambda: RiskEntryFactory(partnership=partnership),
        lambda: AssessmentFactory(partnership=partnership),
    ):
        add()
        row = compliance.annotate_gaps(Partnership.objects.filter(pk=partnership.pk), today).get()
        expected = {gap.key: bool(getattr(row, f"gap_{gap.key}")) for gap in compliance.GAPS}
        assert rating._gap_checks(partnership, today) == expected
        found.append(sum(expected.values()))
    assert found[0] > found[1] > found[2] > 0  # a risk, then an assessment, close a gap each
