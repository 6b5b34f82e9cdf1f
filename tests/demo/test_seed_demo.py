"""`manage.py seed_demo`: the Northmoor demo tells the stories the register and dashboard show."""

import datetime
import itertools

import pytest
from django.contrib.auth import get_user_model
from django.utils import timezone

from agreements.models import AgreementStatus, PartnershipAgreement
from assessments.models import Decision, HealthCheckResponse, HealthStatement, PartnershipAssessment
from register import roles
from register.choices import PartnershipType, RiskStatus, Status
from register.models import Directorate, Partnership, RiskEntry
from reviews.models import LessonLearned, ObjectiveProgress, PerformanceReview

from .conftest import seed

pytestmark = pytest.mark.django_db

ALL_DIRECTORATES = {
    "Adult Social Care and Public Health",
    "Education and Children's Services",
    "Growth, Environment and Transport",
    "Resources",
    "Community and Cultural Services",
    "Chief Executive's Office",
}


@pytest.fixture
def demo(db):
    return seed()


def test_every_role_has_a_demo_login_with_the_demo_password(demo):
    User = get_user_model()
    expected = {
        "officer": roles.OFFICER,
        "officer2": roles.OFFICER,
        "scrutiny": roles.SCRUTINY,
        "legal": roles.LEGAL,
        "admin": roles.REGISTER_ADMIN,
    }
    for username, role in expected.items():
        user = User.objects.get(username=username)
        assert user.check_password("demo-password")
        assert list(user.groups.values_list("name", flat=True)) == [role]
        assert username in demo  # the logins are printed at the end
    admin = User.objects.get(username="admin")
    assert admin.is_staff and not admin.is_superuser
    assert User.objects.get(username="officer").staff_profile.directorate.name == "Adult Social Care and Public Health"
    assert User.objects.get(username="officer2").staff_profile.directorate.name == "Growth, Environment and Transport"
    named = User.objects.filter(groups__name=roles.OFFICER).exclude(username__in=["officer", "officer2"])
    assert {user.staff_profile.directorate.name for user in named} >= {"Resources", "Chief Executive's Office"}
    assert Partnership.objects.filter(lead_officer__username="officer").count() >= 5


def test_demo_covers_every_status_type_and_directorate(demo):
    partnerships = Partnership.objects.all()
    assert 38 <= partnerships.count() <= 45
    assert list(partnerships.values_list("reference", flat=True)[:2]) == ["NCC-0001", "NCC-0002"]
    assert set(partnerships.values_list("status", flat=True)) == set(Status.values)
    assert set(partnerships.values_list("partnership_type", flat=True)) == set(PartnershipType.values)
    assert (
        set(Directorate.objects.filter(partnerships__isnull=False).values_list("name", flat=True)) == ALL_DIRECTORATES
    )
    contractual = partnerships.out_of_scope()
    assert contractual.count() == 2
    assert all(p.out_of_scope_reason for p in contractual)
    names = set(partnerships.values_list("name", flat=True))
    assert {"Northmoor Community Safety Partnership", "Better Care Fund Section 75 Pooled Budget"} <= names


def test_dashboard_stories_relative_to_today(demo):
    today = timezone.localdate()
    live = Partnership.objects.live()
    assert live.review_overdue(today).count() >= 4
    assert live.review_due_between(today, today + datetime.timedelta(days=30)).count() >= 3
    assert (
        live.review_due_between(today + datetime.timedelta(days=31), today + datetime.timedelta(days=90)).count() >= 3
    )
    in_scope = live.in_scope()
    assert in_scope.filter(assessment__isnull=True).exists()
    assert in_scope.filter(agreements__isnull=True).exists()
    assert in_scope.filter(risks__isnull=True).exists()
    assert in_scope.filter(objectives__isnull=True).exists()
    assert live.filter(status=Status.ACTIVE, end_date__lt=today).count() == 1


def test_risks_assessments_and_health_checks(demo):
    high = RiskEntry.objects.filter(inherent_score__gte=15)
    assert high.count() >= 5
    assert all(risk.controls and risk.residual_score for risk in high)
    assert RiskEntry.objects.filter(residual_score__gte=15, status=RiskStatus.OPEN).count() >= 2
    assert RiskEntry.objects.past_review_date(timezone.localdate()).exists()

    past_proposed = Partnership.objects.in_scope().filter(transitions__to_status=Status.ASSESSED).distinct()
    assessed = PartnershipAssessment.objects.filter(partnership__in=past_proposed)
    # Only the two partnerships set up before the framework existed have no assessment on file.
    legacy = past_proposed.filter(assessment__isnull=True)
    assert set(legacy.values_list("reference", flat=True)) == {"NCC-0025", "NCC-0035"}
    assert not legacy.exclude(pk__in=Partnership.objects.live()).exists()
    assert all(a.checklist_complete for a in assessed)
    assert set(assessed.values_list("decision", flat=True)) >= {Decision.PROCEED, Decision.DO_NOT_PROCEED}

    statements = HealthStatement.objects.count()
    checked = Partnership.objects.filter(health_checks__isnull=False).distinct()
    assert checked.count() >= 8
    for partnership in checked:
        responses = partnership.health_checks.all()
        assert responses.count() in (2, 3)
        score_sets = [tuple(r.scores.order_by("statement_id").values_list("score", flat=True)) for r in responses]
        assert all(len(scores) == statements and set(scores) <= {1, 2, 3, 4} for scores in score_sets)
        assert len(set(score_sets)) == len(score_sets)  # respondents disagree somewhere
    assert HealthCheckResponse.objects.filter(organisation__isnull=False).exists()


def test_agreements_reviews_objectives_and_lessons(demo):
    agreements = PartnershipAgreement.objects.all()
    assert set(agreements.values_list("status", flat=True)) == set(AgreementStatus.values)
    assert all(a.parties and a.governance and a.financial_accountability for a in agreements)
    assert not agreements.exclude(pdf="").exists()
    for agreement in agreements.filter(status=AgreementStatus.SIGNED):
        assert agreement.signatories.count() >= 2
        assert all(s.signed_on for s in agreement.signatories.all())
    superseded = agreements.get(status=AgreementStatus.SUPERSEDED, partnership__reference="NCC-0002")
    assert superseded.partnership.agreements.get(version_number=2).status == AgreementStatus.SIGNED

    reviews = PerformanceReview.objects.all()
    assert reviews.count() >= 40
    assert not reviews.filter(completed_at__isnull=True).exists()
    assert ObjectiveProgress.objects.count() >= reviews.count()
    for partnership in Partnership.objects.filter(reviews__isnull=False).distinct():
        assert partnership.last_review == partnership.reviews.first().review_date

    lessons = LessonLearned.objects.all()
    assert lessons.values("area").distinct().count() >= 5
    assert lessons.filter(shareable=True).count() > lessons.filter(shareable=False).count() > 0


def test_lifecycle_transitions_follow_each_partnership(demo):
    for partnership in Partnership.objects.prefetch_related("transitions"):
        steps = sorted(partnership.transitions.all(), key=lambda t: t.at)
        if partnership.status == Status.PROPOSED and not steps:
            continue
        assert steps, partnership
        assert steps[0].from_status == Status.PROPOSED
        assert steps[-1].to_status == partnership.status
        assert all(a.to_status == b.from_status for a, b in itertools.pairwise(steps))
    active = Partnership.objects.get(reference="NCC-0001")
    assert [t.to_status for t in active.transitions.order_by("at")] == ["assessed", "approved", "active"]
    assert active.history.count() >= 4  # created, three transitions, reviews
