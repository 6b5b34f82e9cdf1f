"""The import's queries do not grow with the rows: new partnerships, partners and history are written in bulk."""

import io

import openpyxl
import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from partnerships.toolkit import importer
from partnerships.toolkit.workbook import Upload
from register.models import CorporatePriority, Partnership, PartnershipMember
from tests.factories import DirectorateFactory, OrganisationFactory

pytestmark = pytest.mark.django_db

HEADER = ["Ref", "Partnership name", "Partnership type", "Partner organisations", "Lead directorate"]
HEADER += ["Corporate priorities", "Annual council contribution (£)", "Start date", "Status"]


STARTED = ("01/04/2025", "Active")  # start date and status


def workbook(rows, changed=False):
    """A Register sheet of `rows` partnerships. `changed`: the same partnerships, each with a new name,
    contribution, partner and directorate."""
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.title = "Register"
    sheet.append(HEADER)
    partners = "Northmoor CVS; Northmoor Housing Trust" + ("; Northmoor Parish Council" if changed else "")
    for number in range(rows):
        name, contribution = f"Partnership {number}", 1000 + number
        if changed:
            name, contribution = f"{name} (renamed)", contribution + 1000
        directorate, priority = ("Resources", "") if changed else ("Place", "Net zero by 2035")
        reference = f"BLK-{number:04d}"
        sheet.append([reference, name, "Strategic alliance", partners, directorate, priority, contribution, *STARTED])
    buffer = io.BytesIO()
    book.save(buffer)
    return Upload(f"{rows}-rows{'-changed' if changed else ''}.xlsx", buffer.getvalue())


def queries_to_import(upload, user):
    with CaptureQueriesContext(connection) as captured:
        plan = importer.plan_import(upload)
        importer.apply_plan(plan, user=user)
    return len(captured)


@pytest.fixture
def named_in_the_workbooks():
    """The priority, directorates and partners the workbooks name."""
    CorporatePriority.objects.create(name="Net zero by 2035")
    for directorate in ("Place", "Resources"):
        DirectorateFactory(name=directorate)
    for partner in ("Northmoor CVS", "Northmoor Housing Trust", "Northmoor Parish Council"):
        OrganisationFactory(name=partner)


@pytest.mark.usefixtures("named_in_the_workbooks")
def test_importing_ten_times_the_rows_takes_the_same_queries(admin_user):
    small = queries_to_import(workbook(20), admin_user)
    Partnership.objects.all().delete()
    large = queries_to_import(workbook(200), admin_user)

    assert large == small
    assert Partnership.objects.count() == 200
    assert PartnershipMember.objects.count() == 400
    partnership = Partnership.objects.get(reference="BLK-0199")
    assert partnership.history.get().history_user == admin_user
    assert [p.name for p in partnership.priorities.all()] == ["Net zero by 2035"]
    assert partnership.memberships.first().history.get().history_type == "+"


def queries_to_import_workbook(upload, user):
    with CaptureQueriesContext(connection) as captured:
        plan = importer.import_workbook(upload, user=user)
    assert plan.totals["errors"] == 0
    return len(captured)


@pytest.mark.usefixtures("named_in_the_workbooks")
def test_updating_three_times_the_partnerships_takes_the_same_queries(admin_user):
    importer.import_workbook(workbook(30), user=admin_user)
    small = queries_to_import_workbook(workbook(30, changed=True), admin_user)
    Partnership.objects.all().delete()
    importer.import_workbook(workbook(90), user=admin_user)
    large = queries_to_import_workbook(workbook(90, changed=True), admin_user)

    assert large == small
    partnership = Partnership.objects.get(reference="BLK-0089")
    assert partnership.name == "Partnership 89 (renamed)"
    assert partnership.annual_contribution == 2089
    assert partnership.directorate.name == "Resources"
    assert partnership.lock_version == 2  # forms opened before the import see it changed
    assert sorted(m.organisation.name for m in partnership.memberships.all()) == [
        "Northmoor CVS",
        "Northmoor Housing Trust",
        "Northmoor Parish Council",
    ]
    assert list(partnership.priorities.all()) == []
    latest = partnership.history.first()
    assert (latest.history_type, latest.history_user, latest.name) == ("~", admin_user, "Partnership 89 (renamed)")
    assert partnership.history.count() == 2
    assert Partnership.objects.filter(name__endswith="(renamed)").count() == 90
    added = partnership.memberships.get(organisation__name="Northmoor Parish Council")
    assert added.history.get().history_type == "+"
