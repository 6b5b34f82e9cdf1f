"""The import flow in a real browser: accessible upload and preview pages, at desktop and mobile widths."""

import os
from pathlib import Path

import pytest

from .conftest import mutated

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

SHOTS = Path(os.environ.get("TOOLKIT_SHOTS", "/tmp/shots/toolkit"))


def shoot(page, name):
    SHOTS.mkdir(parents=True, exist_ok=True)
    for width in (1280, 375):
        page.set_viewport_size({"width": width, "height": 900})
        page.screenshot(path=str(SHOTS / f"{name}-{width}.png"), full_page=True)
    page.set_viewport_size({"width": 1280, "height": 900})


def test_upload_preview_confirm_in_the_browser(live_server, page, admin_user, login_as, assert_accessible, tmp_path):
    def faults(book):
        book["Risks"]["F5"] = 9
        book["Register"]["AB4"] = "Remarks from the board"

    workbook = tmp_path / "toolkit.xlsx"
    workbook.write_bytes(mutated(faults).content)

    login_as(admin_user)
    page.get_by_role("link", name="Import", exact=True).click()
    assert page.get_by_role("heading", name="Import the Excel toolkit").is_visible()
    assert_accessible(page)
    shoot(page, "upload")

    page.get_by_role("button", name="Check the workbook").click()  # nothing chosen
    assert page.locator(".govuk-error-summary").is_visible()
    assert_accessible(page)
    shoot(page, "upload-error")

    page.get_by_label("Upload the toolkit workbook").set_input_files(str(workbook))
    page.get_by_role("button", name="Check the workbook").click()
    assert page.get_by_role("heading", name="Check what the import will do").is_visible()
    assert page.locator(".govuk-error-summary").get_by_text("Risks, row 5").is_visible()
    assert_accessible(page)
    shoot(page, "preview")

    page.get_by_label("“Remarks from the board” (column AB on the Register sheet)").select_option("notes")
    page.get_by_role("button", name="Check the workbook again").click()
    page.get_by_role("button", name="Import valid rows only").click()
    assert page.get_by_role("heading", name="Valid rows imported").is_visible()
    assert page.get_by_role("link", name="Download the rows that were not imported (.xlsx)").is_visible()
    assert_accessible(page)
    shoot(page, "result")

    page.get_by_role("link", name="See all imports").click()
    assert_accessible(page)
    shoot(page, "history")


def test_a_workbook_saved_by_libreoffice_previews_its_calculated_and_hidden_parts(
    live_server, page, admin_user, login_as, assert_accessible, saved_by_libreoffice
):
    login_as(admin_user)
    page.get_by_role("link", name="Import", exact=True).click()
    page.get_by_label("Upload the toolkit workbook").set_input_files(str(saved_by_libreoffice[("habits", "ods")]))
    page.get_by_role("button", name="Check the workbook").click()

    assert page.get_by_role("heading", name="Check what the import will do").is_visible()
    assert page.get_by_text("Hidden in the workbook but imported: row 10.").is_visible()
    assert page.get_by_text("This sheet is hidden in the workbook.").is_visible()
    assert page.get_by_text("Risk review date is calculated in the workbook (=TODAY())").is_visible()
    assert_accessible(page)
    shoot(page, "preview-libreoffice")
