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


def test_the_audit_log_pages_with_newer_and_older_links(client_for, admin_user, officer, directorate, page_size):
    busy_register(officer, directorate)
    whole = changes_for(None)
    assert len(whole) > 2 * page_size
    client = client_for(admin_user)
    first = audit_log(client)
    assert [c.what for c in first.context["changes"]] == [c.what for c in whole[:page_size]]
    assert "Older changes" in first.content.decode() and "Newer changes" not in first.content.decode()
    second = audit_log(client, page=2)
    assert second.context["changes"] == whole[page_size : 2 * page_size]
    assert "Newer changes" in second.content.decode()
    for nonsense in ("x", "-3", "9" * 40):
        audit_log(client, page=nonsense)


def test_the_audit_log_takes_a_fixed_number_of_queries(client_for, admin_user, officer, directorate, page_size):
    client = client_for(admin_user)
    busy_register(officer, directorate, partnerships=1)
    with CaptureQueriesContext(connection) as first:
        audit_log(client)
        audit_log(client, page=2)
    busy_register(officer, directorate, partnerships=4)
    with CaptureQueriesContext(connection) as later:
        audit_log(client)
        audit_log(client, page=2)
    assert len(later) == len(first)
