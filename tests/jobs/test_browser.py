"""The progress page in Chromium: accessible while running, when ready and when failed."""

from pathlib import Path

import pytest
from playwright.sync_api import expect

from partnerships.jobs.models import Job, JobKind, JobStatus

pytestmark = pytest.mark.browser
SHOTS = Path(__file__).resolve().parents[2] / "screenshots"


@pytest.mark.parametrize(
    "state",
    [
        {
            "status": JobStatus.RUNNING,
            "rows_done": 7250,
            "rows_total": 20000,
            "message": "Writing 20,000 partnerships.",
        },
        {
            "status": JobStatus.FAILED,
            "message": "Nothing was imported: the workbook has 1 errors.",
            "failed_rows": [{"sheet": "Register", "row": 8, "message": "Type: “Friendship” is not a type."}],
        },
    ],
    ids=["running", "failed"],
)
def test_the_progress_page_is_accessible(live_server, page, login_as, scrutiny, assert_accessible, state):
    job = Job.objects.create(owner=scrutiny, kind=JobKind.TOOLKIT_IMPORT, **state)
    login_as(scrutiny)
    page.goto(f"{live_server.url}{job.get_absolute_url()}")
    if job.status == JobStatus.RUNNING:
        assert page.get_by_role("heading", name="We’re preparing your toolkit import").is_visible()
        assert page.get_by_text("7,250 of 20,000 rows done").is_visible()
        assert_accessible(page)
        SHOTS.mkdir(exist_ok=True)
        page.screenshot(path=str(SHOTS / "job-running.png"), full_page=True)
        job.progress(12000)  # the page follows the worker without being reloaded
        expect(page.get_by_text("12,000 of 20,000 rows done")).to_be_visible(timeout=10_000)
        job.succeed("Imported 20000 rows.")
        expect(page.get_by_role("heading", name="Your toolkit import is ready")).to_be_focused(timeout=10_000)
    else:
        assert page.get_by_role("heading", name="Your toolkit import failed").is_visible()
        assert page.get_by_role("cell", name="Type: “Friendship” is not a type.").is_visible()
    assert_accessible(page)
    SHOTS.mkdir(exist_ok=True)
    page.screenshot(path=str(SHOTS / f"job-{job.status}.png"), full_page=True)
