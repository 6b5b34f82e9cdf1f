"""An officer signs in with their council account (a real provider) in Chromium."""

import pytest

from .conftest import PASSWORD

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_an_officer_signs_in_with_their_council_account_and_sees_their_home_page(
    live_server, page, provider, mappings, assert_accessible
):
    page.goto(f"{live_server.url}/")
    assert_accessible(page)
    page.get_by_role("button", name="Sign in with your council account").click()
    page.get_by_label("Council username").fill("priya.patel")
    page.get_by_label("Council password").fill(PASSWORD)
    page.get_by_role("button", name="Continue").click()
    page.get_by_role("heading", name="My partnerships").wait_for()
    assert page.url == f"{live_server.url}/"
    assert page.get_by_text("Signed in as Priya Patel").is_visible()
    page.screenshot(path="screenshots/sso-home.png", full_page=True)


def test_someone_with_no_role_sees_ask_your_administrator(live_server, page, provider, mappings):
    page.goto(f"{live_server.url}/accounts/login/")
    page.get_by_role("button", name="Sign in with your council account").click()
    page.get_by_label("Council username").fill("nick.nobody")
    page.get_by_label("Council password").fill(PASSWORD)
    page.get_by_role("button", name="Continue").click()
    page.get_by_role("heading", name="You cannot use the register yet").wait_for()
    page.screenshot(path="screenshots/sso-refused.png", full_page=True)
