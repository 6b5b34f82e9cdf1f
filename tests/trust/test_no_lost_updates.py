"""Two people open the same edit form; the first saves; the second save is refused with the
"changed since you opened it" page showing both versions. Nothing is silently overwritten."""

import threading

import pytest
from django.db import connection, connections
from django.test import Client
from django.urls import reverse

from agreements.models import StandardClause
from register.models import Partnership

from .browser_forms import form_data

pytestmark = pytest.mark.django_db


def two_clients(first_user, second_user):
    first, second = Client(), Client()
    first.force_login(first_user)
    second.force_login(second_user)
    return first, second


def race(url, first, second, field, first_value, second_value, saved_redirects=True):
    """Both open `url`; `first` saves `field`=first_value; `second` then saves second_value."""
    first_form = form_data(first.get(url))
    second_form = form_data(second.get(url))
    assert "lock_version" in first_form, "the form must carry the version it was opened at"
    first_form[field] = first_value
    saved = first.post(url, first_form)
    assert saved.status_code == 302, saved.content.decode()[:2000]
    second_form[field] = second_value
    refused = second.post(url, second_form)
    assert refused.status_code == 409
    page = refused.content.decode()
    assert "since you opened it" in page
    assert "Your changes have not been saved" in page
    assert "Your version (not saved)" in page and "Saved version" in page
    assert first_value in page and second_value in page  # both versions are on the page
    return page


def test_partnership(officer, colleague, partnership):
    first, second = two_clients(officer, colleague)
    url = reverse("register:partnership_update", args=[partnership.reference])
    page = race(url, first, second, "name", "Name saved by Olivia", "Name typed by Colin")
    assert "Olivia Officer" in page  # who made the saved change
    partnership.refresh_from_db()
    assert partnership.name == "Name saved by Olivia"


def test_risk(officer, colleague, partnership):
    from tests.factories import RiskEntryFactory

    risk = RiskEntryFactory(partnership=partnership)
    first, second = two_clients(officer, colleague)
    url = reverse("register:risk_update", args=[partnership.reference, risk.pk])
    race(url, first, second, "owner", "Head of Finance", "Director of Care")
    risk.refresh_from_db()
    assert risk.owner == "Head of Finance"


def test_objective(officer, colleague, partnership):
    from tests.factories import ObjectiveFactory

    objective = ObjectiveFactory(partnership=partnership)
    first, second = two_clients(officer, colleague)
    url = reverse("reviews:objective_update", args=[partnership.reference, objective.pk])
    race(url, first, second, "target", "Below 10% by March", "Below 12% by June")
    objective.refresh_from_db()
    assert objective.target == "Below 10% by March"


def test_agreement_draft(officer, legal, partnership):
    from tests.factories import AgreementFactory

    agreement = AgreementFactory(partnership=partnership)
    first, second = two_clients(officer, legal)
    url = reverse("agreements:edit", args=[partnership.reference, agreement.version_number])
    race(url, first, second, "governance", "A board meets monthly.", "A board meets each quarter.")
    agreement.refresh_from_db()
    assert agreement.governance == "A board meets monthly."


def test_standard_clause(legal, admin_user):
    clause = StandardClause.objects.order_by("section").first()
    first, second = two_clients(legal, admin_user)
    url = reverse("agreements:clause_update", args=[clause.section])
    race(url, first, second, "standard_text", "Wording agreed by legal.", "Wording typed by the admin.")
    clause.refresh_from_db()
    assert clause.standard_text == "Wording agreed by legal."


def test_assessment(officer, colleague, partnership):
    from tests.factories import AssessmentFactory

    AssessmentFactory(partnership=partnership)
    first, second = two_clients(officer, colleague)
    url = reverse("assessments:assessment", args=[partnership.reference])
    race(url, first, second, "legal_basis", "Care Act 2014, s3", "Localism Act 2011")


def test_a_save_without_the_version_it_was_opened_at_is_refused(officer, partnership):
    client = Client()
    client.force_login(officer)
    url = reverse("register:partnership_update", args=[partnership.reference])
    data = form_data(client.get(url))
    del data["lock_version"]
    data["name"] = "Overwritten blind"
    response = client.post(url, data)
    assert response.status_code == 200
    assert "This page is out of date" in response.content.decode()
    partnership.refresh_from_db()
    assert partnership.name != "Overwritten blind"


@pytest.mark.django_db(transaction=True)
def test_simultaneous_saves_on_postgresql_let_exactly_one_through(partnership):
    """Two database sessions save the same version at the same moment: row locking lets one in."""
    if connection.vendor != "postgresql":
        pytest.skip("needs concurrent sessions: run with DATABASE_URL=postgres://...")
    opened_at = partnership.lock_version
    barrier = threading.Barrier(2)
    results = []

    def save(name):
        try:
            copy = Partnership.objects.get(pk=partnership.pk)
            copy.name = name
            barrier.wait()
            results.append((name, copy.save_checked(opened_at)))
        finally:
            connections.close_all()

    threads = [threading.Thread(target=save, args=(f"Saved by session {n}",)) for n in (1, 2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert sorted(ok for _, ok in results) == [False, True]
    winner = next(name for name, ok in results if ok)
    partnership.refresh_from_db()
    assert partnership.name == winner
    assert partnership.lock_version == opened_at + 1
