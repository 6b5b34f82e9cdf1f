"""A person who has forgotten their password resets it in Chromium, through the emailed link."""

import re

import pytest
from django.core import mail

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]
NEW_PASSWORD = "a long new password for the register"


def test_forgotten_password_journey_is_accessible(live_server, page, officer, settings, assert_accessible):
    settings.SITE_URL = live_server.url
    page.goto(f"{live_server.url}/accounts/login/")
    page.get_by_role("link", name="Forgotten your password?").click()
    assert_accessible(page)
    page.get_by_label("Email address").fill(officer.email)
    page.get_by_role("button", name="Send the link").click()
    assert page.get_by_role("heading", name="Check your email").is_visible()
    assert_accessible(page)
    link = re.search(r"http://\S+/accounts/password-reset/\S+/", mail.outbox[-1].body).group(0)
    page.goto(link)
    page.get_by_label("New password", exact=True).fill("password123")
    page.get_by_label("Type the new password again").fill("password123")
    page.get_by_role("button", name="Set the new password").click()
    assert page.get_by_text("There is a problem").is_visible()
    assert_accessible(page)
    page.get_by_label("New password", exact=True).fill(NEW_PASSWORD)
    page.get_by_label("Type the new password again").fill(NEW_PASSWORD)
    page.get_by_role("button", name="Set the new password").click()
    assert page.get_by_role("heading", name="Your password has been changed").is_visible()
    page.screenshot(path="screenshots/password-reset-complete.png", full_page=True)
    page.goto(link)
    assert page.get_by_role("heading", name="This link does not work").is_visible()
    assert_accessible(page)
