"""The lead officer's name as shown, stored on the partnership (`lead_officer_shown_as`) so the register
can be sorted by it from an index: it follows every way a partnership or its officer changes.

Every test that uses the database is also checked after it runs (tests/conftest.py,
`pytest_runtest_teardown`): whatever wrote partnerships, no stored name is out of step.
"""

import io

import openpyxl
import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from partnerships.toolkit import importer
from partnerships.toolkit.workbook import Upload
from register.models import Partnership
from tests.factories import ActivePartnershipFactory, UserFactory
from tests.lead_officers import names_out_of_step

pytestmark = pytest.mark.django_db
LIST = reverse("register:partnership_list")


def shown(partnership):
    return Partnership.objects.values_list("lead_officer_shown_as", flat=True).get(pk=partnership.pk)


def test_a_save_stores_the_name_shown():
    amy = UserFactory(first_name="Amy", last_name="Able")
    login_only = UserFactory(first_name="", last_name="", username="login.only")
    assert shown(ActivePartnershipFactory(lead_officer=amy)) == "Amy Able"
    assert shown(ActivePartnershipFactory(lead_officer=login_only)) == "login.only"
    assert shown(ActivePartnershipFactory(lead_officer=None, lead_officer_name="Cleo Contractor")) == "Cleo Contractor"
    assert shown(ActivePartnershipFactory(lead_officer=None, lead_officer_name="")) == ""


def test_a_save_of_only_the_lead_officer_stores_the_name_too():
    partnership = ActivePartnershipFactory(lead_officer=None, lead_officer_name="Cleo Contractor")
    partnership.lead_officer = UserFactory(first_name="Amy", last_name="Able")
    partnership.save(update_fields=["lead_officer"])
    assert shown(partnership) == "Amy Able"


def test_it_follows_the_officers_rename_in_one_statement():
    amy = UserFactory(first_name="Amy", last_name="Able")
    led = [ActivePartnershipFactory(lead_officer=amy) for _ in range(3)]
    amy.last_name = "Baker"
    with CaptureQueriesContext(connection) as captured:
        amy.save()
    assert len(captured) == 2  # the user, then every partnership they lead
    assert {shown(partnership) for partnership in led} == {"Amy Baker"}


def test_a_login_changes_nothing():
    amy = UserFactory(first_name="Amy", last_name="Able")
    ActivePartnershipFactory(lead_officer=amy)
    with CaptureQueriesContext(connection) as captured:
        amy.save(update_fields=["last_login"])
    assert len(captured) == 1


def test_an_officer_deleted_leaves_the_name_typed_for_them():
    amy = UserFactory(first_name="Amy", last_name="Able")
    partnership = ActivePartnershipFactory(lead_officer=amy)
    amy.delete()
    partnership.refresh_from_db()
    assert partnership.lead_officer is None
    assert shown(partnership) == partnership.lead_officer_display == ""


def test_the_history_does_not_record_it():
    partnership = ActivePartnershipFactory(lead_officer=UserFactory(first_name="Amy", last_name="Able"))
    assert not hasattr(partnership.history.model, "lead_officer_shown_as")


def import_register(rows, user):
    """Import a Register sheet of (Ref, name, lead officer, their email) rows, as the import job does."""
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.title = "Register"
    sheet.append(["Ref", "Partnership name", "Partnership type", "Lead officer", "Lead officer email"])
    for reference, name, officer, email in rows:
        sheet.append([reference, name, "Strategic alliance", officer, email])
    buffer = io.BytesIO()
    book.save(buffer)
    plan = importer.import_workbook(Upload("register.xlsx", buffer.getvalue()), user=user)
    assert plan.totals["errors"] == 0


def test_a_bulk_import_stores_the_names_of_new_and_changed_partnerships(admin_user):
    amy = UserFactory(first_name="Amy", last_name="Able", email="amy.able@example.gov.uk")
    import_register(
        [
            ("IMP-1", "Matched by email", "A Able", "amy.able@example.gov.uk"),
            ("IMP-2", "No login", "Cleo Contractor", "cleo@example.org"),
            ("IMP-3", "No one", "", ""),
        ],
        admin_user,
    )
    stored = dict(Partnership.objects.values_list("reference", "lead_officer_shown_as"))
    assert stored == {"IMP-1": "Amy Able", "IMP-2": "Cleo Contractor", "IMP-3": ""}

    import_register(
        [
            ("IMP-1", "Matched by email", "Dev Danso", ""),  # now someone without a login
            ("IMP-2", "No login", "Amy Able", "amy.able@example.gov.uk"),  # now Amy
        ],
        admin_user,
    )
    stored = dict(Partnership.objects.values_list("reference", "lead_officer_shown_as"))
    assert stored == {"IMP-1": "Dev Danso", "IMP-2": "Amy Able", "IMP-3": ""}
    assert Partnership.objects.get(reference="IMP-2").lead_officer == amy
    assert names_out_of_step() == []


def test_the_demo_data_in_bulk_stores_the_names():
    from django.core.management import call_command

    call_command("seed_demo", scale=60, stdout=io.StringIO())
    assert Partnership.objects.count() >= 60
    assert Partnership.objects.exclude(lead_officer_shown_as="").exists()
    assert names_out_of_step() == []


class TestRegisterSortedByLeadOfficer:
    def test_sorted_by_the_name_shown_with_no_lead_officer_first(self, client_for, scrutiny):
        zed = UserFactory(first_name="Zed", last_name="Zane")
        ActivePartnershipFactory(reference="A-3", lead_officer=zed)
        ActivePartnershipFactory(reference="A-2", lead_officer=None, lead_officer_name="Cleo Contractor")
        ActivePartnershipFactory(reference="A-1", lead_officer=None, lead_officer_name="")
        ActivePartnershipFactory(reference="A-0", lead_officer=UserFactory(first_name="Amy", last_name="Able"))
        client = client_for(scrutiny)

        def order(sort):
            return [p.reference for p in client.get(LIST, {"sort": sort}).context["partnerships"]]

        assert order("lead_officer") == ["A-1", "A-0", "A-2", "A-3"]
        assert order("-lead_officer") == ["A-3", "A-2", "A-0", "A-1"]

    def test_a_reversed_sort_reverses_ties_too(self, client_for, scrutiny, officer):
        for number in range(3):
            ActivePartnershipFactory(reference=f"TIE-{number}", lead_officer=officer)
        references = [
            p.reference for p in client_for(scrutiny).get(LIST, {"sort": "-lead_officer"}).context["partnerships"]
        ]
        assert references == ["TIE-2", "TIE-1", "TIE-0"]

    def test_the_list_shows_the_stored_name_without_reading_users(self, client_for, scrutiny):
        ActivePartnershipFactory(lead_officer=UserFactory(first_name="Amy", last_name="Able"))
        client = client_for(scrutiny)
        with CaptureQueriesContext(connection) as captured:
            html = client.get(LIST, {"sort": "lead_officer"}).content.decode()
        assert "Amy Able" in html
        page_query = next(query["sql"] for query in captured if 'lead_officer_shown_as" ASC' in query["sql"])
        assert "auth_user" not in page_query

    def test_the_sort_is_read_from_the_index(self):
        from register.filtersets import PartnershipFilterSet

        ordered = PartnershipFilterSet({"sort": "lead_officer"}, queryset=Partnership.objects.all()).qs[:25]
        sql, params = ordered.query.sql_with_params()
        with connection.cursor() as cursor:
            if connection.vendor == "postgresql":
                cursor.execute("SET LOCAL enable_seqscan = off")
                cursor.execute("EXPLAIN " + sql, params)
            else:
                cursor.execute("EXPLAIN QUERY PLAN " + sql, params)
            plan = "\n".join(str(row) for row in cursor.fetchall())
        assert "partnership_lead_officer_idx" in plan
        assert "TEMP B-TREE" not in plan and "Sort" not in plan
