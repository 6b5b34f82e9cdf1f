"""Every model is in the admin, and every changelist, change page and history page renders."""

import datetime
import uuid

import pytest
from django.contrib import admin
from django.urls import reverse
from simple_history.admin import SimpleHistoryAdmin

from register.models import DueDiligenceItem, Partnership, SubmittedForm
from reviews.models import ObjectiveProgress, ProgressRating, ReminderSent
from tests.factories import (
    AgreementWaiverFactory,
    ApprovedAgreementFactory,
    AssessmentFactory,
    ClosureEvaluationFactory,
    HealthCheckResponseFactory,
    LessonFactory,
    ObjectiveFactory,
    PartnershipMemberFactory,
    PerformanceReviewFactory,
    RiskEntryFactory,
    SignatoryFactory,
    answer_scope_screening,
)

pytestmark = pytest.mark.django_db

OUR_APPS = {"register", "assessments", "agreements", "reviews", "partnerships"}


@pytest.fixture
def one_of_everything(partnership, officer):
    PartnershipMemberFactory(partnership=partnership)
    RiskEntryFactory(partnership=partnership)
    partnership.start_review(by=officer, note="Annual review")
    AssessmentFactory(partnership=partnership)
    AgreementWaiverFactory(partnership=partnership)
    partnership.priorities.create(name="Healthy lives for everyone")
    answer_scope_screening(partnership)
    partnership.due_diligence.create(item=DueDiligenceItem.objects.first(), status="done")
    ClosureEvaluationFactory(partnership=partnership)
    HealthCheckResponseFactory(partnership=partnership, scores={1: 3, 2: 4})
    SignatoryFactory(agreement=ApprovedAgreementFactory(partnership=partnership))
    objective = ObjectiveFactory(partnership=partnership)
    review = PerformanceReviewFactory(partnership=partnership, review_date=datetime.date(2026, 3, 1))
    ObjectiveProgress.objects.create(review=review, objective=objective, rating=ProgressRating.ON_TRACK)
    LessonFactory(partnership=partnership, review=review)
    from agreements.models import StandardClause
    from partnerships.models import ToolkitImport
    from register.models import SavedView

    SavedView.objects.create(owner=officer, name="Live ones", query="status=active")
    ReminderSent.objects.create(officer=officer, sent_on=datetime.date(2026, 11, 24), reviews=1)
    ToolkitImport.objects.create(user=officer, file_name="toolkit.xlsx", sha256="0" * 64, upload="toolkit/x.xlsx")
    from partnerships.jobs.models import Job, JobKind

    Job.objects.create(owner=officer, kind=JobKind.REGISTER_EXPORT)

    StandardClause.objects.get_or_create(section="parties", defaults={"standard_text": "The parties are..."})
    SubmittedForm.objects.create(token=uuid.uuid4(), user=officer, result_url=partnership.get_absolute_url())
    from partnerships.models import ApiToken, SignOnMapping

    token = ApiToken(name="Power BI", user=officer)
    token.generate_key()
    token.save()
    SignOnMapping.objects.create(value="grp-officers", role=officer.groups.first())
    assurance_round_of_everything(partnership, officer, objective)
    from reviews.dashboard.cache import figures

    figures(Partnership.objects.all(), datetime.date(2026, 7, 1))  # the dashboard's figures as counted


def assurance_round_of_everything(partnership, officer, objective):
    """One row of each assurance-round model (reviews/assurance)."""
    from reviews.assurance import rounds
    from reviews.assurance.models import (
        ObjectiveAchievement,
        PartnerInvitation,
        RemedialAction,
        ReturnAnswer,
        ReturnQuestion,
        RoundEmail,
        RoundReminder,
    )

    assurance_round = rounds.open_round("2026/27", datetime.date(2026, 7, 1), [partnership], notify=False)
    assurance_return = assurance_round.returns.get()
    ReturnAnswer.objects.create(
        assurance_return=assurance_return, question=ReturnQuestion.objects.first(), answer="yes"
    )
    ObjectiveAchievement.objects.create(assurance_return=assurance_return, objective=objective, achievement="Done")
    RoundReminder.objects.create(round=assurance_round, officer=officer, days_before=7)
    RoundEmail.objects.create(round=assurance_round, officer=officer, key="opened")
    organisation = partnership.memberships.first().organisation
    PartnerInvitation.issue(assurance_return, organisation, "Priya Partner", "priya@example.org")
    assurance_return.proposed_rating = "limited"
    assurance_return.confirm_rating("limited")
    RemedialAction.objects.create(
        partnership=partnership,
        raised_in=assurance_round,
        description="Sign the agreement",
        owner="Olivia Officer",
        due_date=datetime.date(2026, 9, 1),
    )


def our_models():
    return [
        (model, model_admin) for model, model_admin in admin.site._registry.items() if model._meta.app_label in OUR_APPS
    ]


def test_every_model_of_ours_is_in_the_admin():
    from django.apps import apps

    registered = {model for model, _ in our_models()}
    ours = {
        model
        for model in apps.get_models()
        if model._meta.app_label in OUR_APPS and not model.__name__.startswith("Historical")
    }
    assert ours - registered == set()


def test_admin_pages_render_for_the_register_administrator(client, admin_user, one_of_everything):
    client.force_login(admin_user)
    for model, model_admin in our_models():
        opts = model._meta
        changelist = reverse(f"admin:{opts.app_label}_{opts.model_name}_changelist")
        assert client.get(changelist).status_code == 200, changelist
        obj = model._default_manager.first()
        assert obj is not None, f"no {opts.verbose_name} to open"
        change = reverse(f"admin:{opts.app_label}_{opts.model_name}_change", args=[obj.pk])
        assert client.get(change).status_code == 200, change
        if isinstance(model_admin, SimpleHistoryAdmin):
            history = reverse(f"admin:{opts.app_label}_{opts.model_name}_history", args=[obj.pk])
            assert client.get(history).status_code == 200, history


def test_admin_search_works_on_the_register(client, admin_user, partnership):
    client.force_login(admin_user)
    response = client.get(reverse("admin:register_partnership_changelist"), {"q": partnership.reference})
    assert partnership.name in response.content.decode()


def test_officers_and_scrutiny_cannot_use_the_admin(client, officer, scrutiny):
    for user in (officer, scrutiny):
        client.force_login(user)
        response = client.get(reverse("admin:register_partnership_changelist"))
        assert response.status_code == 302 and "/admin/login/" in response["Location"]
