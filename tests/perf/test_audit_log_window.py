"""The audit log and a partnership's timeline read only the history rows of the page they show: the
same changes as the whole list, page by page, in a fixed number of queries however long the history."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from register.changes import changes_for, changes_page
from register.choices import RAG
from register.views import history
from tests.factories import ObjectiveFactory, ProposedPartnershipFactory, RiskEntryFactory

pytestmark = pytest.mark.django_db


def busy_register(officer, directorate, partnerships=3):
    """Partnerships with risks and objectives changed several times, and saves that change nothing
    (which the history records but the timeline leaves out), in runs long enough to fill a window."""
    made = []
    for number in range(partnerships):
        partnership = ProposedPartnershipFactory(lead_officer=officer, directorate=directorate, rag=RAG.GREEN)
        risk = RiskEntryFactory(partnership=partnership, owner="Sam Owner")
        for _ in range(6):
            partnership.save()  # nothing changed: recorded, not shown
        for owner in ("Pat", "Lee", "Kim"):
            risk.owner = f"{owner} {number}"
            risk.save()
        ObjectiveFactory(partnership=partnership)
        partnership.rag = RAG.AMBER
        partnership.save()
        made.append(partnership)
    return made


@pytest.mark.parametrize("size", [1, 3, 5])
def test_each_page_holds_the_same_changes_as_the_whole_list(officer, directorate, size):
    partnerships = busy_register(officer, directorate)
    for ids in (None, [partnerships[1].pk]):
        whole = changes_for(ids)
        assert len(whole) > size  # more than one page, so the windows are really cut
        for offset in range(0, len(whole) + size, size):
            page, more = changes_page(ids, offset=offset, limit=size)
            assert page == whole[offset : offset + size]
            assert more == (len(whole) > offset + size)


@pytest.mark.parametrize("size", [1, 3, 5])
def test_paging_older_then_newer_by_position_walks_the_whole_list(officer, directorate, size):
    partnerships = busy_register(officer, directorate)
    for ids, kinds in ((None, None), ([partnerships[1].pk], None), (None, ["risks", "details"])):
        whole = changes_for(ids, kinds)
        pages, more = [changes_page(ids, kinds, limit=size)[0]], True
        while more:
            page, more = changes_page(ids, kinds, limit=size, older_than=pages[-1][-1].position)
            pages.append(page)
        assert [change for page in pages for change in page] == whole
        assert all(len(page) == size for page in pages[:-1])
        for number in range(len(pages) - 1, 0, -1):  # back again: each page's newer page is the one before
            newer, more = changes_page(ids, kinds, limit=size, newer_than=pages[number][0].position)
            assert newer == pages[number - 1]
            assert more == (number > 1)


def test_a_kind_filtered_page_matches_the_filtered_list(officer, directorate):
    busy_register(officer, directorate)
    whole = changes_for(None, kinds=["risks"])
    assert whole and {change.kind for change in whole} == {"risks"}
    assert changes_page(None, kinds=["risks"], offset=2, limit=3)[0] == whole[2:5]


def audit_log(client, **params):
    response = client.get(reverse("register:audit_log"), params)
    assert response.status_code == 200
    return response


@pytest.fixture
def page_size(monkeypatch):
    monkeypatch.setattr(history, "PAGE_SIZE", 5)
    return 5


def links(response):
    """The page's (newer, older) links, None where there is none."""
    page = response.context["page_obj"]
    return page.newer_url(), page.older_url()


@pytest.mark.parametrize("view", ["audit_log", "timeline"])
def test_the_pages_link_newer_and_older_through_every_change(
    client_for, admin_user, officer, directorate, page_size, view
):
    partnerships = busy_register(officer, directorate)
    ids, path = None, reverse("register:audit_log")
    if view == "timeline":
        ids, path = [partnerships[1].pk], reverse("register:partnership_history", args=[partnerships[1].reference])
    whole = changes_for(ids)
    assert len(whole) > page_size
    client = client_for(admin_user)
    first = client.get(path)
    assert first.context["changes"] == whole[:page_size]
    assert "Older changes" in first.content.decode() and "Newer changes" not in first.content.decode()

    pages = [first]
    while older := links(pages[-1])[1]:
        pages.append(client.get(path + older))
    assert [change for page in pages for change in page.context["changes"]] == whole
    for number, page in enumerate(pages[1:], start=1):  # each newer link leads back to the page before
        assert client.get(path + links(page)[0]).context["changes"] == pages[number - 1].context["changes"]
    assert links(client.get(path + links(pages[1])[0])) == (None, links(first)[1])  # back at the newest page


def test_a_numbered_page_address_from_before_still_shows_that_page(
    client_for, admin_user, officer, directorate, page_size
):
    busy_register(officer, directorate)
    whole = changes_for(None)
    client = client_for(admin_user)
    second = audit_log(client, page=2)
    assert second.context["changes"] == whole[page_size : 2 * page_size]
    assert "Newer changes" in second.content.decode()
    assert audit_log(client, **{"older": links(second)[1].split("=")[-1]}).context["changes"] == whole[10:15]
    for nonsense in ("x", "-3", "9" * 40):
        audit_log(client, page=nonsense)
        assert audit_log(client, older=nonsense).context["changes"] == whole[:page_size]
        assert audit_log(client, newer=nonsense).context["changes"] == whole[:page_size]
    assert audit_log(client, kind="risks", older="1.2.3").context["changes"] == []


def test_the_audit_log_takes_a_fixed_number_of_queries(client_for, admin_user, officer, directorate, page_size):
    client = client_for(admin_user)

    def read_pages():
        first = audit_log(client)
        second = client.get(reverse("register:audit_log") + links(first)[1])
        client.get(reverse("register:audit_log") + links(second)[0])
        audit_log(client, page=2)

    busy_register(officer, directorate, partnerships=2)
    with CaptureQueriesContext(connection) as first:
        read_pages()
    busy_register(officer, directorate, partnerships=4)
    with CaptureQueriesContext(connection) as later:
        read_pages()
    assert len(later) == len(first)
