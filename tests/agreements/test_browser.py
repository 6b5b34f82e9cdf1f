"""Legal sign in, find what awaits approval, approve it and download the issued PDF (real Chromium)."""

import hashlib
import re
from pathlib import Path

import pytest
from playwright.sync_api import expect

from agreements.models import AgreementStatus

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_legal_approves_and_downloads_the_pdf(live_server, page, login_as, assert_accessible, legal, submitted):
    login_as(legal)
    page.get_by_role("link", name="Agreements", exact=True).click()
    expect(page.get_by_role("heading", name="Partnership agreements")).to_be_visible()
    assert_accessible(page)

    awaiting = page.locator("table").first
    expect(awaiting).to_contain_text(submitted.partnership.name)
    awaiting.get_by_role("link", name=str(submitted.partnership)).click()
    expect(page.get_by_role("heading", name=re.compile("version 1"))).to_be_visible()
    assert_accessible(page)

    page.get_by_role("link", name="Approve this version").click()
    expect(page.get_by_role("heading", name="Approve version 1 of the agreement?")).to_be_visible()
    assert_accessible(page)
    page.get_by_role("button", name="Approve and issue the PDF").click()

    expect(page.get_by_text("Version 1 approved and its PDF issued")).to_be_visible()
    expect(page.get_by_text("Approved", exact=True).first).to_be_visible()
    assert_accessible(page)
    submitted.refresh_from_db()
    assert submitted.status == AgreementStatus.APPROVED

    with page.expect_download() as download_info:
        page.get_by_role("link", name="Download PDF of version 1", exact=True).click()
    download = download_info.value
    content = Path(download.path()).read_bytes()
    assert download.suggested_filename == f"{submitted.partnership.reference}-agreement-v1.pdf"
    assert hashlib.sha256(content).hexdigest() == submitted.pdf_sha256
