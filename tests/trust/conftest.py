"""A small but complete register for the trust tests: one partnership led by `officer` with a
risk, an objective, a review, a lesson, an assessment, an issued agreement (v1, with its PDF), a
draft v2, and a toolkit import record."""

from dataclasses import dataclass
from http.cookies import SimpleCookie

import pytest
from django.db import transaction
from django.test import Client

from agreements.models import PartnershipAgreement, Section
from tests.factories import (
    AgreementFactory,
    AssessmentFactory,
    LessonFactory,
    ObjectiveFactory,
    PartnershipMemberFactory,
    PerformanceReviewFactory,
    RiskEntryFactory,
)


@dataclass
class World:
    partnership: object
    risk: object
    objective: object
    review: object
    issued: PartnershipAgreement
    draft: PartnershipAgreement
    toolkit_import: object
    section: str = Section.AIMS.value
    assurance_return: object = None  # in a round open this year (reviews/assurance)


@pytest.fixture
def world(partnership, officer, legal, admin_user, settings, tmp_path):
    from partnerships.toolkit import importer
    from tests.toolkit.conftest import sample_upload

    settings.MEDIA_ROOT = tmp_path / "media"
    PartnershipMemberFactory(partnership=partnership)
    risk = RiskEntryFactory(partnership=partnership)
    objective = ObjectiveFactory(partnership=partnership)
    review = PerformanceReviewFactory(partnership=partnership)
    LessonFactory(partnership=partnership)
    AssessmentFactory(partnership=partnership)
    issued = AgreementFactory(partnership=partnership)
    issued.submit(by=officer)
    issued.approve(by=legal)
    issued.refresh_from_db()  # its PDF is issued by a task (run at once in tests)
    draft = issued.new_version(by=officer)
    upload = sample_upload()
    entry = importer.record(upload, importer.plan_import(upload), user=admin_user)
    world = World(partnership, risk, objective, review, issued, draft, entry)
    world.assurance_return = assurance_world(partnership, admin_user)
    return world


def assurance_world(partnership, admin_user):
    """A round with the partnership's return in it, an invitation to a partner and a remedial action."""
    import datetime

    from reviews.assurance import rounds
    from reviews.assurance.models import PartnerInvitation, RemedialAction

    assurance_round = rounds.open_round("2026/27", datetime.date(2026, 7, 1), [partnership], by=admin_user)
    assurance_return = assurance_round.returns.get()
    member = partnership.memberships.first()
    PartnerInvitation.issue(assurance_return, member.organisation, "Priya Partner", "priya@example.org")
    RemedialAction.objects.create(
        partnership=partnership,
        raised_in=assurance_round,
        from_return=assurance_return,
        description="Review the terms of reference",
        owner="Olivia Officer",
        due_date=datetime.date(2026, 12, 1),
    )
    return assurance_return


class Requester:
    """One signed-in client per role; every request is rolled back afterwards."""

    def __init__(self, users):
        self.clients = {}
        for role, user in users.items():
            client = Client(raise_request_exception=False)
            if user is not None:
                client.force_login(user)
            self.clients[role] = (client, SimpleCookie(client.cookies.output(header="", sep="\n")))

    def __call__(self, role, method, url):
        client, cookies = self.clients[role]
        client.cookies = SimpleCookie(cookies.output(header="", sep="\n"))
        with transaction.atomic():
            response = getattr(client, method)(url)
            transaction.set_rollback(True)
        return response


@pytest.fixture
def requester(world, officer, outsider, scrutiny, legal, admin_user, approver):
    return Requester(
        {
            "anonymous": None,
            "officer": officer,
            "outsider": outsider,
            "scrutiny": scrutiny,
            "legal": legal,
            "admin_user": admin_user,
            "approver": approver,
        }
    )


# -- hypothesis: a quick profile for every run, a thorough one on demand ---------------------------
import os  # noqa: E402

from hypothesis import HealthCheck, settings  # noqa: E402

_common = {"deadline": None, "suppress_health_check": [HealthCheck.function_scoped_fixture, HealthCheck.too_slow]}
settings.register_profile("default", max_examples=60, **_common)
settings.register_profile("quick", max_examples=15, **_common)
settings.register_profile("thorough", max_examples=1000, **_common)
settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE", "default"))
