"""The public transparency page, as a resident sees it: no sign-in, accessible."""

import pytest

from tests.factories import ActivePartnershipFactory, PartnershipMemberFactory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_a_resident_reads_the_transparency_page_and_downloads_the_csv(live_server, page, assert_accessible):
    partnership = ActivePartnershipFactory(name="Northmoor food partnership", publishable=True)
    PartnershipMemberFactory(partnership=partnership, organisation__name="Northmoor Food Bank")
    page.goto(f"{live_server.url}/open-data/")
    assert page.get_by_role("heading", name="Partnerships open data").is_visible()
    assert page.get_by_role("heading", name="Northmoor food partnership").is_visible()
    assert_accessible(page)
    page.screenshot(path="screenshots/open-data.png", full_page=True)
    with page.expect_download() as download:
        page.get_by_role("link", name="Partnerships (CSV)").click()
    assert download.value.suggested_filename == "partnerships.csv"
