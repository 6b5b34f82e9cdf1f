"""Every model is in the admin, and every changelist, change page and history page renders."""

import datetime

import pytest
from django.contrib import admin
from django.urls import reverse
from simple_history.admin import SimpleHistoryAdmin

from reviews.models import ObjectiveProgress, ProgressRating, ReminderSent
from tests.factories import (
    ApprovedAgreementFactory,
    AssessmentFactory,
    HealthCheckResponseFactory,
    LessonFactory,
    ObjectiveFactory,
    PartnershipMemberFactory,
    PerformanceReviewFactory,
    RiskEntryFactory,
    SignatoryFactory,
)

pytestmark = pytest.mark.django_db

OUR_APPS = {"register", "assessments", "agreements", "reviews", "partnerships"}


@pytest.fixture
def one_of_everything(partnership, officer):
    PartnershipMemberFactory(partnership=partnership)
    RiskEntryFactory(partnership=partnership)
    partnership.start_review(by=officer, note="Annual review")
    AssessmentFactory(partnership=partnership)
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

    StandardClause.objects.get_or_create(section="parties", defaults={"standard_text": "The parties are..."})


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
