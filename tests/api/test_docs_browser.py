"""The API documentation page works in Chromium under the site's Content-Security-Policy."""

import pytest

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_the_docs_page_renders_and_the_csp_blocks_nothing(live_server, page, scrutiny, login_as):
    refused = []
    page.on(
        "console", lambda message: refused.append(message.text) if "Content Security Policy" in message.text else None
    )
    login_as(scrutiny)
    page.goto(f"{live_server.url}/api/docs/")
    page.get_by_role("heading", name="Partnership register API").wait_for()
    page.get_by_text("/api/partnerships/", exact=True).first.wait_for()
    page.screenshot(path="screenshots/api-docs.png", full_page=True)
    assert not refused, refused
