"""In Chromium, axe-checked: who leads a partnership is one choice, and choosing reveals its questions
(all of them show when JavaScript is off); and the register administrators' landing page."""

import datetime

import pytest
from playwright.sync_api import expect

from register.models import Partnership
from reviews.assurance import rounds
from tests.factories import ActivePartnershipFactory, ProposedPartnershipFactory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

SAVE = "Save and return to the task list"


def leads_url(live_server, partnership):
    return f"{live_server.url}/partnerships/{partnership.reference}/set-up/leads/"


def test_choosing_the_kind_of_lead_officer_reveals_its_questions(
    live_server, page, officer, colleague, directorate, login_as, assert_accessible
):
    partnership = ProposedPartnershipFactory(lead_officer=officer, directorate=directorate)
    login_as(officer)
    page.set_viewport_size({"width": 1280, "height": 900})
    page.goto(leads_url(live_server, partnership))
    with_account = page.get_by_label("Someone with an account on this service")
    without_account = page.get_by_label("Someone without an account")
    expect(with_account).to_be_checked()
    expect(page.get_by_label("Lead officer", exact=True)).to_be_visible()
    expect(page.get_by_label("Full name")).to_be_hidden()
    assert_accessible(page)
    page.screenshot(path="screenshots/lead-officer-with-account.png", full_page=True)

    without_account.check()
    expect(page.get_by_label("Full name")).to_be_visible()
    expect(page.get_by_label("Lead officer", exact=True)).to_be_hidden()
    expect(without_account).to_have_attribute("aria-expanded", "true")
    page.screenshot(path="screenshots/lead-officer-without-account.png", full_page=True)

    page.get_by_role("button", name=SAVE).click()  # no name given
    summary = page.locator(".govuk-error-summary")
    expect(summary).to_contain_text("Enter the lead officer's full name")
    expect(page.get_by_label("Full name")).to_be_visible()  # the chosen option stays open
    assert_accessible(page)
    page.screenshot(path="screenshots/lead-officer-error.png", full_page=True)
    summary.get_by_role("link", name="Enter the lead officer's full name").click()
    expect(page.get_by_label("Full name")).to_be_focused()

    page.get_by_label("Full name").fill("Kirsty Evans")
    page.get_by_label("Email address (optional)").fill("kirsty.evans@northmoor.gov.uk")
    page.get_by_role("button", name=SAVE).click()
    expect(page.locator(".govuk-notification-banner--success")).to_contain_text("Who leads it saved")
    partnership.refresh_from_db()
    assert (partnership.lead_officer, partnership.lead_officer_name) == (None, "Kirsty Evans")

    page.goto(leads_url(live_server, partnership))  # and back to a colleague with an account
    expect(without_account).to_be_checked()
    with_account.check()
    page.get_by_label("Lead officer", exact=True).select_option(label="Colin Colleague")
    page.get_by_role("button", name=SAVE).click()
    expect(page.locator(".govuk-notification-banner--success")).to_be_visible()
    partnership = Partnership.objects.get(pk=partnership.pk)
    assert (partnership.lead_officer, partnership.lead_officer_name, partnership.lead_officer_email) == (
        colleague,
        "",
        "",
    )


def test_without_javascript_every_question_shows_under_its_option(live_server, browser, officer, directorate, login_as):
    partnership = ProposedPartnershipFactory(lead_officer=officer, directorate=directorate)
    context = browser.new_context(java_script_enabled=False)
    page = context.new_page()
    page.goto(f"{live_server.url}/accounts/login/")
    page.get_by_label("Username").fill(officer.username)
    page.get_by_label("Password").fill("correct horse battery staple")
    page.get_by_role("button", name="Sign in").click()
    page.goto(leads_url(live_server, partnership))
    expect(page.get_by_label("Lead officer", exact=True)).to_be_visible()
    expect(page.get_by_label("Full name")).to_be_visible()
    page.screenshot(path="screenshots/lead-officer-no-javascript.png", full_page=True)
    page.get_by_label("Someone without an account").check()
    page.get_by_label("Full name").fill("Kirsty Evans")
    page.get_by_role("button", name=SAVE).click()
    partnership.refresh_from_db()
    assert (partnership.lead_officer, partnership.lead_officer_name) == (None, "Kirsty Evans")
    context.close()


def test_administrators_land_on_register_health(live_server, page, admin_user, officer, login_as, assert_accessible):
    ActivePartnershipFactory(lead_officer=None, lead_officer_name="", next_review_due=None)
    live = ActivePartnershipFactory.create_batch(3, lead_officer=officer)
    opened = rounds.open_round("2026/27", datetime.date.today() + datetime.timedelta(days=30), live, notify=False)
    opened.returns.filter(partnership=live[0]).update(status="returned")
    login_as(admin_user)
    page.set_viewport_size({"width": 1280, "height": 900})
    page.goto(f"{live_server.url}/")
    expect(page.get_by_role("heading", name="Register health", level=1)).to_be_visible()
    assert_accessible(page)
    page.screenshot(path="screenshots/register-health.png", full_page=True)
    page.locator("#check-no_lead_officer").get_by_role("link").click()
    expect(page.locator("#result-count")).to_contain_text("1 partnership")
    assert_accessible(page)
