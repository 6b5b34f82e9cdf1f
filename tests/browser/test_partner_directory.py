"""The partner directory in real Chromium: an administrator searches for a partner, opens its page and
merges a duplicate into it after checking what will move; every page passes axe."""

import os
from decimal import Decimal
from pathlib import Path

import pytest
from playwright.sync_api import expect

from register.choices import PartnerRole, Sector
from tests.factories import ActivePartnershipFactory, OrganisationFactory, PartnershipMemberFactory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

SHOTS = Path(os.environ.get("SCREENSHOTS", "screenshots"))


def shot(page, name):
    SHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(SHOTS / name), full_page=True)


def test_search_open_a_partner_and_merge_its_duplicate(live_server, page, admin_user, login_as, assert_accessible):
    keep = OrganisationFactory(name="Northmoor Citizens Advice", sector=Sector.VCSE, registration_number="1101234")
    duplicate = OrganisationFactory(name="Citizens Advice Northmoor", sector=Sector.VCSE)
    OrganisationFactory(name="Northmoor Fire and Rescue Service", sector=Sector.POLICE_FIRE)
    shared = ActivePartnershipFactory(name="Northmoor Financial Inclusion Partnership")
    PartnershipMemberFactory(
        partnership=shared,
        organisation=keep,
        role=PartnerRole.DELIVERY,
        annual_contribution=Decimal("15000"),
        contact_name="Grace Adeyemi",
        contact_email="grace.adeyemi@northmoor-ca.example.org",
        responsibilities="Debt advice sessions in libraries",
    )
    PartnershipMemberFactory(partnership=shared, organisation=duplicate, annual_contribution=Decimal("2500"))
    PartnershipMemberFactory(
        partnership=ActivePartnershipFactory(name="Northmoor Warm Homes Partnership"),
        organisation=duplicate,
        role=PartnerRole.DELIVERY,
        annual_contribution=Decimal("4000"),
    )
    page.set_viewport_size({"width": 1280, "height": 900})
    login_as(admin_user)

    page.get_by_role("link", name="Partners", exact=True).click()
    expect(page.get_by_role("heading", name="Partner directory")).to_be_visible()
    page.get_by_label("Search").fill("citizens advice")
    page.get_by_role("button", name="Search and filter").click()
    expect(page.locator("#result-count")).to_contain_text("2 organisations match your search")
    shot(page, "partner-directory.png")
    assert_accessible(page)

    page.get_by_role("link", name="Northmoor Citizens Advice").click()
    expect(page.get_by_role("heading", name="Northmoor Citizens Advice", level=1)).to_be_visible()
    expect(page.get_by_role("table").first).to_contain_text("Northmoor Financial Inclusion Partnership")
    expect(page.get_by_text("grace.adeyemi@northmoor-ca.example.org")).to_be_visible()
    assert_accessible(page)

    page.get_by_role("link", name="Merge a duplicate into this organisation").click()
    page.get_by_role("button", name="Continue").click()  # nothing chosen: the error says what to do
    expect(page.locator(".govuk-error-summary")).to_contain_text("Select the duplicate organisation")
    assert_accessible(page)
    page.get_by_label("Search for the duplicate by name").fill("citizens")
    page.get_by_role("button", name="Search", exact=True).click()
    page.get_by_label("Citizens Advice Northmoor").check()
    page.get_by_role("button", name="Continue").click()

    expect(page.get_by_role("heading", name="Check before you merge")).to_be_visible()
    expect(page.locator("main")).to_contain_text("Northmoor Citizens Advice is already a partner here")
    expect(page.locator("main")).to_contain_text("Northmoor Warm Homes Partnership")
    shot(page, "partner-merge-check.png")
    assert_accessible(page)

    page.get_by_role("button", name="Merge Citizens Advice Northmoor into Northmoor Citizens Advice").click()
    banner = page.locator(".govuk-notification-banner--success")
    expect(banner).to_contain_text("Citizens Advice Northmoor has been merged into Northmoor Citizens Advice")
    partnerships = page.locator("table").first
    expect(partnerships).to_contain_text("Northmoor Warm Homes Partnership")
    expect(partnerships).to_contain_text("£21,500")  # 15,000 + 2,500 combined, and 4,000 moved
    expect(page.locator("#organisation-history")).to_contain_text("Merged in Citizens Advice Northmoor")
    shot(page, "partner-page.png")
    assert_accessible(page)

    # The duplicate's own page says where it went and keeps its history.
    page.get_by_role("link", name="Citizens Advice Northmoor").click()
    expect(page.locator(".govuk-notification-banner")).to_contain_text("merged into Northmoor Citizens Advice")
    expect(page.locator("#organisation-history")).to_contain_text("Added organisation Citizens Advice Northmoor")
    shot(page, "partner-merged-away.png")
    assert_accessible(page)
