"""The register administrators' landing page: data quality (each count opens those partnerships in
the register), the open assurance rounds' progress, and what the latest imports did."""

import datetime
import re

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from partnerships.jobs.models import Job, JobKind, JobStatus
from partnerships.models import ImportMode, ToolkitImport
from register.choices import Significance
from reviews.assurance import rounds
from reviews.assurance.models import ReturnStatus
from tests.factories import (
    ActivePartnershipFactory,
    ClosedPartnershipFactory,
    OrganisationFactory,
    PartnershipMemberFactory,
    ProposedPartnershipFactory,
)

pytestmark = pytest.mark.django_db

HEALTH = reverse("register_health")
SCORED = {"significance": Significance.MEDIUM, "significance_scored": Significance.MEDIUM}


def count_link(page, key):
    """The count shown for a check and where its link goes (None when the count is "None")."""
    row = re.search(rf'id="check-{key}".*?</tr>', page, re.S).group(0)
    link = re.search(r'href="([^"]+)">(\d+)', row)
    return (int(link.group(2)), link.group(1).replace("&amp;", "&")) if link else (0, None)


def listed(client, url):
    page = client.get(url).content.decode()
    return set(re.findall(r">(TST-\d+)</a>", page))


@pytest.fixture
def register_with_gaps(officer):
    good = ActivePartnershipFactory(lead_officer=officer, **SCORED)
    unled = ActivePartnershipFactory(lead_officer=None, lead_officer_name="", next_review_due=None, **SCORED)
    named = ActivePartnershipFactory(lead_officer=None, lead_officer_name="Kirsty Evans", **SCORED)
    ClosedPartnershipFactory(lead_officer=None, lead_officer_name="")  # history, not a gap
    unscored = ActivePartnershipFactory(lead_officer=officer, significance_scored="")
    ProposedPartnershipFactory(lead_officer=officer, significance_scored="")  # not live yet: not a gap
    twice = ProposedPartnershipFactory(lead_officer=officer)
    PartnershipMemberFactory(partnership=twice, organisation=OrganisationFactory(name="The Northmoor Food-Bank Ltd"))
    PartnershipMemberFactory(partnership=named, organisation=OrganisationFactory(name="Northmoor Foodbank"))
    PartnershipMemberFactory(partnership=good, organisation=OrganisationFactory(name="Northmoor Food Trust"))
    return {"good": good, "unled": unled, "named": named, "unscored": unscored, "twice": twice}


def test_administrators_land_on_it(client_for, admin_user):
    response = client_for(admin_user).get(reverse("home"))
    assert response.status_code == 302 and response.url == HEALTH


def test_each_data_quality_count_opens_those_partnerships_in_the_register(client_for, admin_user, register_with_gaps):
    client = client_for(admin_user)
    page = client.get(HEALTH).content.decode()
    p = register_with_gaps
    expected = {
        "no_lead_officer": {p["unled"]},
        "no_review_date": {p["unled"]},
        "no_significance": {p["unscored"]},
        "partner_names_alike": {p["twice"], p["named"]},
    }
    for key, partnerships in expected.items():
        count, url = count_link(page, key)
        assert count == len(partnerships), key
        assert listed(client, url) == {partnership.reference for partnership in partnerships}, key


def test_a_clean_register_says_none(client_for, admin_user, officer):
    ActivePartnershipFactory(lead_officer=officer, **SCORED)
    page = client_for(admin_user).get(HEALTH).content.decode()
    assert all(count_link(page, key) == (0, None) for key in ("no_lead_officer", "no_significance"))


def test_open_rounds_show_returned_in_progress_and_not_started(client_for, admin_user, officer):
    partnerships = ActivePartnershipFactory.create_batch(4, lead_officer=officer)
    opened = rounds.open_round("2026/27", datetime.date.today() + datetime.timedelta(days=30), partnerships)
    for status, partnership in zip(
        [ReturnStatus.RETURNED, ReturnStatus.IN_PROGRESS, ReturnStatus.SENT_BACK], partnerships, strict=False
    ):
        opened.returns.filter(partnership=partnership).update(status=status)
    page = client_for(admin_user).get(HEALTH).content.decode()
    row = re.search(r"2026/27</a>.*?</tr>", page, re.S).group(0)
    cells = [cell.strip() for cell in re.findall(r"<td[^>]*>(.*?)</td>", row, re.S)]
    assert cells[1:] == ["1 of 4", "2", "1"]  # returned, in progress (one sent back), not started
    assert f'href="{opened.get_absolute_url()}">2026/27</a>' in page


def test_no_open_round_offers_to_open_one(client_for, admin_user):
    page = client_for(admin_user).get(HEALTH).content.decode()
    assert "No assurance round is open." in page and reverse("reviews:round_create") in page


def test_latest_imports_and_failed_background_work(client_for, admin_user):
    ToolkitImport.objects.create(
        user=admin_user,
        file_name="toolkit-2026.xlsx",
        mode=ImportMode.VALID_ONLY,
        counts={"Register": {"created": 12, "updated": 3}},
        error_count=2,
    )
    Job.objects.create(
        owner=admin_user, kind=JobKind.TOOLKIT_IMPORT, status=JobStatus.FAILED, message="The workbook is damaged"
    )
    page = client_for(admin_user).get(HEALTH).content.decode()
    assert "toolkit-2026.xlsx" in page and "Valid rows imported" in page
    assert "Toolkit import for" in page and "The workbook is damaged" in page


def test_the_page_takes_the_same_number_of_queries_however_much_there_is(
    client_for, admin_user, officer, register_with_gaps
):
    client = client_for(admin_user)
    client.get(HEALTH)  # warm the session and permission caches

    def queries():
        with CaptureQueriesContext(connection) as captured:
            assert client.get(HEALTH).status_code == 200
        return len(captured)

    few = queries()
    more = ActivePartnershipFactory.create_batch(6, lead_officer=None)
    for index in range(3):
        rounds.open_round(f"202{index}/0{index + 1}", datetime.date.today(), more[index:])
        ToolkitImport.objects.create(user=admin_user, file_name=f"import-{index}.xlsx")
        Job.objects.create(owner=admin_user, kind=JobKind.REGISTER_EXPORT, status=JobStatus.FAILED)
    assert queries() == few
