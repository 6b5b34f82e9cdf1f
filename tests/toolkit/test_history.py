"""Imported partnerships and partners get the same history entry simple-history itself would write."""

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone
from simple_history.utils import bulk_create_with_history

from partnerships.toolkit import importer
from register.models import Partnership, PartnershipMember

from .conftest import sample_upload

pytestmark = pytest.mark.django_db


def tracked(record, model):
    """{column: value} of the tracked fields of a history record or a row."""
    columns = {field.column for field in model.history.model._meta.concrete_fields}
    return {
        field.attname: getattr(record, field.attname)
        for field in model._meta.concrete_fields
        if field.column in columns
    }


@pytest.fixture
def imported(admin_user):
    plan = importer.plan_import(sample_upload())
    importer.apply_plan(plan, user=admin_user)
    return plan


@pytest.mark.parametrize("model", [Partnership, PartnershipMember])
def test_every_imported_row_has_a_created_entry_with_its_values(imported, admin_user, model):
    rows = list(model.objects.all())
    assert rows
    for row in rows:
        (entry,) = row.history.all()
        assert entry.history_type == "+"
        assert entry.history_user == admin_user
        assert entry.history_change_reason == "Imported from the Excel toolkit (partnership-toolkit-sample.xlsx)"
        assert timezone.now() - entry.history_date < datetime.timedelta(minutes=5)
        assert tracked(entry, model) == tracked(row, model)


def test_the_entry_matches_what_simple_history_writes(imported, admin_user):
    """A partnership created with simple-history's own bulk helper has an entry with the same columns filled."""
    imported_entry = Partnership.objects.get(reference="NCC-0002").history.get()
    copy = Partnership.objects.get(reference="NCC-0002")
    copy.pk, copy.reference = None, "NCC-9002"
    copy._history_user, copy._change_reason = admin_user, imported_entry.history_change_reason
    bulk_create_with_history([copy], Partnership)
    theirs = Partnership.objects.get(reference="NCC-9002").history.get()

    ignore = {"id", "history_id", "history_date", "reference", "created_at"}
    columns = [
        field.attname for field in Partnership.history.model._meta.concrete_fields if field.attname not in ignore
    ]
    assert {c: getattr(imported_entry, c) for c in columns} == {c: getattr(theirs, c) for c in columns}


def test_the_partnership_page_shows_who_imported_it_and_its_partners(imported, client_for, admin_user):
    partnership = Partnership.objects.get(reference="NCC-0002")
    partner = partnership.memberships.select_related("organisation").first().organisation
    page = client_for(admin_user).get(reverse("register:partnership_detail", args=[partnership.reference]))
    text = page.content.decode()
    assert "Created the partnership" in text
    assert f"Added partner {partner.name}" in text
