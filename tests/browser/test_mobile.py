"""On a phone (375 px wide) no page scrolls sideways: wide tables scroll inside their own region."""

import datetime

import pytest

from register.choices import Status
from tests.factories import (
    ActivePartnershipFactory,
    OrganisationFactory,
    PartnershipMemberFactory,
    PerformanceReviewFactory,
    RiskEntryFactory,
)

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]
PHONE = {"width": 375, "height": 800}


@pytest.fixture
def busy_partnership(officer, directorate):
    """A partnership with something in every table of its page, and a review overdue."""
    partnership = ActivePartnershipFactory(
        lead_officer=officer,
        directorate=directorate,
        next_review_due=datetime.date.today() - datetime.timedelta(days=5),
    )
    PartnershipMemberFactory(
        partnership=partnership,
        organisation=OrganisationFactory(name="Northmoor Integrated Care Board and Community Health Services"),
        contact_email="a.very.long.contact.address@northmoor-integrated-care.example",
    )
    RiskEntryFactory(partnership=partnership, controls="Quarterly finance reports to the board " * 3)
    PerformanceReviewFactory(partnership=partnership, reviewer=officer)
    partnership.transition(Status.UNDER_REVIEW, by=officer, note="Annual review with all partners " * 3)
    return partnership


def test_pages_fit_a_phone_screen(live_server, page, login_as, officer, busy_partnership):
    page.set_viewport_size(PHONE)
    login_as(officer)
    for path in [
        f"/partnerships/{busy_partnership.reference}/",
        "/partnerships/",
        "/dashboard/",
        "/dashboard/reviews-due/",
    ]:
        page.goto(live_server.url + path)
        width = page.evaluate("document.documentElement.scrollWidth")
        assert width <= PHONE["width"], f"{path} is {width} px wide on a {PHONE['width']} px screen"
