"""Pages and downloads cost a fixed number of queries however many partnerships there are (issue 8).

Speed itself is measured by bench/run.py, never asserted here: only the query counts, which would
grow with the rows if any page or export ran a query per row.
"""

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from agreements.models import AgreementStatus
from tests.factories.agreements import AgreementFactory, ApprovedAgreementFactory
from tests.factories.register import (
    ActivePartnershipFactory,
    DirectorateFactory,
    OrganisationFactory,
    PartnershipMemberFactory,
    RiskEntryFactory,
)
from tests.factories.reviews import PerformanceReviewFactory


def grow(n):
    """n more live partnerships, each with a partner, a risk, a review and agreements in every state."""
    today = timezone.localdate()
    for index in range(n):
        partnership = ActivePartnershipFactory(
            directorate=DirectorateFactory(), next_review_due=today + datetime.timedelta(days=index % 80 - 20)
        )
        PartnershipMemberFactory(partnership=partnership, organisation=OrganisationFactory())
        RiskEntryFactory(partnership=partnership)
        PerformanceReviewFactory(partnership=partnership)
        if index % 3 == 0:
            AgreementFactory(partnership=partnership, status=AgreementStatus.SUBMITTED)
        elif index % 3 == 1:
            ApprovedAgreementFactory(partnership=partnership, expires_on=today + datetime.timedelta(days=30))


def queries_for(client, url, django_assert_max_num_queries):
    with django_assert_max_num_queries(40) as captured:
        response = client.get(url)
        if response.streaming:
            b"".join(response.streaming_content)
    assert response.status_code == 200
    return len(captured.captured_queries)


def assert_constant(client, url, django_assert_max_num_queries):
    grow(3)
    few = queries_for(client, url, django_assert_max_num_queries)
    grow(24)
    assert queries_for(client, url, django_assert_max_num_queries) == few


def test_toolkit_export_xlsx_queries_do_not_grow(client_for, admin_user, django_assert_max_num_queries):
    assert_constant(client_for(admin_user), reverse("toolkit:export"), django_assert_max_num_queries)


def test_toolkit_export_csv_queries_do_not_grow(client_for, admin_user, django_assert_max_num_queries):
    assert_constant(client_for(admin_user), reverse("toolkit:export_csv"), django_assert_max_num_queries)


@pytest.mark.parametrize("which", ["awaiting", "not-signed", "expiring", "missing"])
def test_agreements_list_queries_do_not_grow(client_for, legal, which, django_assert_max_num_queries):
    assert_constant(client_for(legal), reverse("agreements:list") + f"?list={which}", django_assert_max_num_queries)


def test_reviews_due_queries_do_not_grow(client_for, scrutiny, django_assert_max_num_queries):
    assert_constant(client_for(scrutiny), reverse("dashboard:review_due"), django_assert_max_num_queries)


@pytest.mark.parametrize("which", ["awaiting", "missing"])
def test_agreements_list_pages_show_the_whole_list(client_for, legal, which, monkeypatch):
    from agreements import views

    grow(6)  # two agreements awaiting approval, four partnerships without a signed agreement
    client = client_for(legal)
    whole = list(client.get(reverse("agreements:list"), {"list": which}).context["page_obj"])
    monkeypatch.setattr(views, "LIST_PAGE_SIZE", 1)
    first = client.get(reverse("agreements:list"), {"list": which}).content.decode()
    assert f"list={which}&amp;page=2" in first
    paged = []
    for number in range(1, len(whole) + 1):
        response = client.get(reverse("agreements:list"), {"list": which, "page": number})
        paged += list(response.context["page_obj"])
        assert 'aria-current="page"' in response.content.decode()
    assert len(whole) >= 2 and paged == whole


def test_reviews_due_pages_cost_the_same_queries(client_for, scrutiny, django_assert_max_num_queries, monkeypatch):
    from reviews.dashboard import views

    grow(4)  # overdue, then due soon
    monkeypatch.setattr(views, "REVIEWS_DUE_PAGE", 1)
    client = client_for(scrutiny)
    with django_assert_max_num_queries(20) as first:
        page = client.get(reverse("dashboard:review_due")).content.decode()
    assert "Showing 1 to 1 of" in page
    assert "overdue_page=2#overdue" in page
    with django_assert_max_num_queries(len(first.captured_queries)):
        client.get(reverse("dashboard:review_due"), {"overdue_page": 2, "due_30_page": 2})


def test_partner_directory_queries_do_not_grow(client_for, officer, django_assert_max_num_queries):
    assert_constant(client_for(officer), reverse("register:organisation_list"), django_assert_max_num_queries)


def test_partner_page_queries_do_not_grow(client_for, admin_user, django_assert_max_num_queries):
    """A partner in more partnerships, with more history and duplicates merged in, costs no more queries."""
    from register.merging import merge

    partner = OrganisationFactory()
    client = client_for(admin_user)

    def join(n):
        for _ in range(n):
            PartnershipMemberFactory(organisation=partner, partnership=ActivePartnershipFactory())
            duplicate = OrganisationFactory()
            PartnershipMemberFactory(organisation=duplicate, partnership=ActivePartnershipFactory())
            merge(partner, duplicate, by=admin_user)

    join(2)
    few = queries_for(client, partner.get_absolute_url(), django_assert_max_num_queries)
    join(10)
    assert queries_for(client, partner.get_absolute_url(), django_assert_max_num_queries) == few


def test_compliance_gaps_queries_do_not_grow(client_for, scrutiny, django_assert_max_num_queries):
    assert_constant(client_for(scrutiny), reverse("dashboard:compliance"), django_assert_max_num_queries)


def test_lessons_library_queries_do_not_grow_and_its_first_page_starts_the_whole_list(
    client_for, officer, django_assert_max_num_queries
):
    """Shareable lessons only, newest first (the partial index's order), whatever their number."""
    from reviews.models import LessonLearned
    from reviews.views import LessonLibraryView
    from tests.factories.reviews import LessonFactory

    def add(n):
        today = timezone.localdate()
        for index in range(n):
            LessonFactory(recorded_on=today - datetime.timedelta(days=index % 4), shareable=index % 5 != 0)

    client, url = client_for(officer), reverse("reviews:lessons")
    add(3)
    few = queries_for(client, url, django_assert_max_num_queries)
    add(30)
    assert queries_for(client, url, django_assert_max_num_queries) == few
    newest = LessonLearned.objects.filter(shareable=True).order_by("-recorded_on", "-id")
    shown = client.get(url).context["lessons"]
    assert [lesson.pk for lesson in shown] == [lesson.pk for lesson in newest[: LessonLibraryView.paginate_by]]
