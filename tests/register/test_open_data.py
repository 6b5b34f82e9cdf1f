"""Open data: the public transparency page and files hold publishable partnerships, and only the
published columns of them."""

import csv
import datetime
import io
import json

import pytest
from django.core.management import call_command
from django.db import models
from django.urls import reverse

from register import opendata
from register.models import Partnership, PartnershipMember
from tests.factories import (
    ActivePartnershipFactory,
    AgreementFactory,
    LessonFactory,
    ObjectiveFactory,
    PartnershipMemberFactory,
    PerformanceReviewFactory,
    RiskEntryFactory,
)

pytestmark = pytest.mark.django_db
URLS = ("register:open_data", "register:open_data_csv", "register:open_data_json", "register:open_data_schema")
# The model fields behind the published columns; every other field is confidential.
PUBLISHED_FIELDS = {
    *("name", "purpose", "partnership_type", "legal_form", "directorate", "annual_contribution"),
    *("start_date", "end_date", "status"),
}
COLUMNS = [
    *("name", "purpose", "partners", "partnership_type", "legal_form", "lead_directorate"),
    *("annual_council_contribution", "start_date", "end_date", "status"),
]


def secret_texts(instance, skip=()):
    """Give every free-text field of `instance` outside `skip` a value that must never be published."""
    secrets = []
    for field in instance._meta.concrete_fields:
        if isinstance(field, (models.CharField, models.TextField)) and not field.choices and field.name not in skip:
            value = f"SECRET-{instance._meta.model_name}-{field.name}"[: field.max_length or 200]
            if isinstance(field, models.EmailField):
                value = f"secret.{field.name}@example.org"
            setattr(instance, field.name, value)
            secrets.append(value)
    instance.save()
    return secrets


def fetch_all(client):
    return {name: client.get(reverse(name)).content.decode() for name in URLS}


@pytest.fixture
def published(officer):
    partnership = ActivePartnershipFactory(
        name="Northmoor food partnership",
        purpose="Less food waste",
        publishable=True,
        lead_officer=officer,
        start_date=datetime.date(2025, 4, 1),
    )
    PartnershipMemberFactory(partnership=partnership, organisation__name="Northmoor Food Bank")
    return partnership


def test_only_publishable_partnerships_and_only_published_fields_appear(client, published):
    hidden = ActivePartnershipFactory(name="SECRET-unpublished partnership", publishable=False)
    secrets = [hidden.name, hidden.reference, published.reference]
    # Every confidential free-text field of the partnership and of what belongs to it.
    secrets += secret_texts(published, skip=PUBLISHED_FIELDS | {"reference"})
    secrets += secret_texts(PartnershipMember.objects.get(partnership=published), skip={"role"})
    for factory in (RiskEntryFactory, ObjectiveFactory, PerformanceReviewFactory, LessonFactory, AgreementFactory):
        secrets += secret_texts(factory(partnership=published), skip={"risk_id", "reference"})
    secrets.append(published.lead_officer.get_full_name())

    pages = fetch_all(client)

    for name, body in pages.items():
        assert "Northmoor food partnership" in body or name == "register:open_data_schema"
        leaked = [secret for secret in secrets if secret in body]
        assert not leaked, f"{name} publishes {leaked}"
    rows = json.loads(pages["register:open_data_json"])["partnerships"]
    assert [list(row) for row in rows] == [COLUMNS]


def test_the_csv_loads_with_the_documented_columns(client, published):
    response = client.get(reverse("register:open_data_csv"))
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    rows = list(csv.DictReader(io.StringIO(response.content.decode())))
    schema = client.get(reverse("register:open_data_schema")).json()
    assert [field["name"] for field in schema["fields"]] == COLUMNS
    assert list(rows[0]) == COLUMNS
    assert rows == [
        {
            "name": "Northmoor food partnership",
            "purpose": "Less food waste",
            "partners": "Northmoor Food Bank",
            "partnership_type": "Strategic alliance",
            "legal_form": published.get_legal_form_display(),
            "lead_directorate": published.directorate.name,
            "annual_council_contribution": "10000.00",
            "start_date": "2025-04-01",
            "end_date": "",
            "status": "Active",
        }
    ]


def test_everything_is_public_and_the_page_lists_the_partnership(client, published):
    page = client.get(reverse("register:open_data"))
    assert page.status_code == 200
    assert "Northmoor food partnership" in page.content.decode()
    assert client.post(reverse("register:open_data_csv")).status_code == 405


def test_files_answer_conditional_requests_and_change_when_the_data_does(client, published):
    url = reverse("register:open_data_json")
    first = client.get(url)
    assert first["Cache-Control"] == "public, max-age=300"
    etag, modified = first["ETag"], first["Last-Modified"]
    assert client.get(url, HTTP_IF_NONE_MATCH=etag).status_code == 304
    assert client.get(url, HTTP_IF_MODIFIED_SINCE=modified).status_code == 304

    unrelated = ActivePartnershipFactory(publishable=False)
    unrelated.notes = "Changed"
    unrelated.save()
    assert client.get(url, HTTP_IF_NONE_MATCH=etag).status_code == 304  # same content, same tag

    opendata.set_publishable(Partnership.objects.filter(pk=published.pk), False)
    after = client.get(url, HTTP_IF_NONE_MATCH=etag)
    assert after.status_code == 200 and after["ETag"] != etag
    assert json.loads(after.content) == {"partnerships": []}


def test_renaming_a_partner_organisation_reaches_the_files(client, published):
    client.get(reverse("register:open_data_csv"))
    organisation = published.memberships.get().organisation
    organisation.name = "Northmoor Community Larder"
    organisation.save()
    assert "Northmoor Community Larder" in client.get(reverse("register:open_data_csv")).content.decode()


def test_building_the_files_costs_the_same_queries_however_many_partnerships(client, django_assert_num_queries):
    for _ in range(5):
        PartnershipMemberFactory(partnership=ActivePartnershipFactory(publishable=True))
    with django_assert_num_queries(3):  # partnerships with directorates, memberships, organisations
        client.get(reverse("register:open_data_csv"))
    with django_assert_num_queries(0):  # then from the cache
        client.get(reverse("register:open_data_json"))


def test_an_administrator_publishes_and_withdraws_in_the_admin(client, admin_user, published):
    client.force_login(admin_user)
    changelist = reverse("admin:register_partnership_changelist")
    client.post(changelist, {"action": "withdraw", "_selected_action": [published.pk]})
    published.refresh_from_db()
    assert not published.publishable
    client.post(changelist, {"action": "publish", "_selected_action": [published.pk]})
    published.refresh_from_db()
    assert published.publishable


def test_the_demo_publishes_a_csv_that_loads_with_the_documented_columns(client):
    call_command("seed_demo", stdout=io.StringIO())
    schema = client.get(reverse("register:open_data_schema")).json()
    rows = list(csv.DictReader(io.StringIO(client.get(reverse("register:open_data_csv")).content.decode())))
    assert len(rows) == Partnership.objects.filter(publishable=True).count() > 0
    assert all(list(row) == [field["name"] for field in schema["fields"]] for row in rows)
    assert all(row["status"] in {"Active", "Under review", "Exiting"} for row in rows)
