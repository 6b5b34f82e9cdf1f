"""Two app servers, one worker, one PostgreSQL, Redis and S3 (moto): what a council running more than
one server gets. Everything here is a real process; only S3 is a local stand-in (moto in server mode).

Runs in the PostgreSQL pass of CI (`DATABASE_URL=postgres://...`); it makes its own database beside the
test database, and uses Redis DB 1 (MULTISERVER_REDIS_URL to change it).
"""

import hashlib
import io
import os
import re

import openpyxl
import psycopg
import pytest

from partnerships.demo.users import PASSWORD
from tests.toolkit.conftest import SAMPLE

from .stack import BUCKET, Browser, Stack, headline, wait_for

DATABASE_URL = os.environ.get("DATABASE_URL", "")

pytestmark = [
    pytest.mark.multiserver,
    pytest.mark.skipif(not DATABASE_URL.startswith("postgres"), reason="needs PostgreSQL (the CI PostgreSQL pass)"),
]


@pytest.fixture(scope="module")
def stack(tmp_path_factory):
    redis_url = os.environ.get("MULTISERVER_REDIS_URL", "redis://127.0.0.1:6379/1")
    running = Stack(DATABASE_URL, redis_url, tmp_path_factory.mktemp("multiserver-logs"))
    try:
        yield running.start()
    finally:
        running.stop()


def job_page(browser, server, job_url, until, timeout=90):
    """Poll the job's page (as the meta refresh does) until `until(response)`; return the last response."""
    seen = {}

    def check():
        seen["response"] = browser.get(f"{server}{job_url}", allow_redirects=False)
        return until(seen["response"])

    wait_for(check, f"job {job_url}", timeout)
    return seen["response"]


def finished(response):
    return response.status_code == 302 or "is ready" in response.text or "failed" in response.text


def test_two_servers_share_one_register_its_files_and_its_cache(stack):
    server_a, server_b = stack.servers
    admin = Browser()
    admin.sign_in(server_a, "admin", PASSWORD)

    # Killing the worker in the middle of an import leaves the register unchanged. The worker is held
    # inside the import's transaction by a lock on the last table it writes (health check responses):
    # by then it has written the partnerships, risks and reviews, uncommitted.
    # The upload is stored (S3) on A and checked by the worker; the preview shows its findings on B.
    upload = admin.post_form(
        f"{server_a}/toolkit/import/",
        files={"workbook": (SAMPLE.name, SAMPLE.read_bytes())},
    )
    assert upload.status_code == 302, upload.text[:1000]
    check_job = upload.headers["Location"]
    assert check_job.startswith("/jobs/")
    checked = job_page(admin, server_b, check_job, finished)
    assert checked.status_code == 302, checked.text[:2000]
    preview = checked.headers["Location"]
    assert "Import 147 rows" in admin.get(f"{server_b}{preview}").text

    with psycopg.connect(stack.database_url) as holder:
        holder.execute("LOCK TABLE assessments_healthcheckresponse IN SHARE MODE")
        first_job = admin.post_form(f"{server_a}{preview}confirm/").headers["Location"]
        assert first_job.startswith("/jobs/")
        wait_for(
            lambda: stack.query(
                "SELECT 1 FROM pg_stat_activity WHERE datname = %s AND wait_event_type = 'Lock'", stack.db_name
            ),
            "the worker to be inside the import, waiting for the lock",
        )
        stack.kill_worker()
    assert stack.count("register_partnership") == 0  # rolled back: nothing half imported

    # The job's worker died: after JOB_STALLED_AFTER the daily tidy-up says so on the job's page.
    stack.manage("expire_jobs", JOB_STALLED_MINUTES="0")
    failed = admin.get(f"{server_b}{first_job}")
    assert "failed" in failed.text and "start it again" in failed.text
    assert stack.count("register_partnership") == 0

    # Restarted, the worker imports the whole workbook: uploaded on A, watched on B.
    stack.start_worker()
    before = headline(admin.get(f"{server_b}/dashboard/").text)
    second_job = admin.post_form(f"{server_a}{preview}confirm/").headers["Location"]
    assert second_job != first_job
    done = job_page(admin, server_b, second_job, finished)
    assert done.status_code == 302 and done.headers["Location"] == preview
    assert stack.count("register_partnership") == 40
    assert "147 new and 0 updated rows" in admin.get(f"{server_b}{preview}").text

    # The dashboard on B shows the import as soon as the worker has counted it again: the figures are
    # kept in the shared database and cached in Redis, keyed on the register.
    def dashboard_b():
        page = admin.get(f"{server_b}/dashboard/").text
        return None if "being counted again" in page else page

    wait_for(lambda: dashboard_b() and headline(dashboard_b()) != before, "B's dashboard to show the import")
    dashboard = dashboard_b()
    before_move = status_count(dashboard, "Under review")
    assert any(key.startswith(b":1:dashboard-figures:") for key in stack_redis_keys(stack))

    # A change made on A is on B's dashboard once counted again: an active partnership is put under review.
    reference, lock_version = stack.query(
        "SELECT reference, lock_version FROM register_partnership WHERE status = 'active' ORDER BY reference"
    )[0]
    moved = admin.post_form(
        f"{server_a}/partnerships/{reference}/move/under_review/",
        {"note": "Annual review", "lock_version": lock_version},
    )
    assert moved.status_code == 302, moved.text[:2000]
    wait_for(lambda: dashboard_b() and status_count(dashboard_b(), "Under review") == before_move + 1, "the move")
    assert status_count(admin.get(f"{server_a}/dashboard/").text, "Under review") == before_move + 1

    # An export asked for on B runs on the worker; its file is in S3 and downloads from A.
    export_job = admin.get(f"{server_b}/toolkit/export.xlsx", allow_redirects=False).headers["Location"]
    assert export_job.startswith("/jobs/")
    ready = job_page(admin, server_a, export_job, finished)
    assert "Your register export is ready" in ready.text, ready.text[:2000]
    stored = [item["Key"] for item in stack.s3.list_objects_v2(Bucket=BUCKET).get("Contents", [])]
    assert any(key.startswith("jobs/") and key.endswith(".xlsx") for key in stored)
    download = admin.get(f"{server_a}{export_job}download/")
    assert download.status_code == 200
    book = openpyxl.load_workbook(io.BytesIO(download.content), read_only=True)
    references = [row[0] for row in book["Register"].iter_rows(min_row=5, values_only=True) if row[0]]
    assert len(references) == 40 and "NCC-0001" in references

    # An agreement approved (its PDF issued into S3 by one process) downloads byte for byte from B.
    stack.shell(
        "from agreements.models import PartnershipAgreement as A; from register.models import Partnership as P;"
        "from django.contrib.auth import get_user_model as U; legal = U().objects.get(username='legal');"
        "a = A.start(P.objects.get(reference='NCC-0001'), by=legal); a.submit(by=legal); a.approve(by=legal)"
    )
    wait_for(  # the approval queued the PDF's issue; the worker draws it and stores it in S3
        lambda: stack.query("SELECT pdf_sha256 FROM agreements_partnershipagreement")[0][0],
        "the worker to issue the agreement's PDF",
    )
    sha256 = stack.query("SELECT pdf_sha256 FROM agreements_partnershipagreement")[0][0]
    pdf = admin.get(f"{server_b}/partnerships/NCC-0001/agreement/v1/pdf/")
    assert pdf.status_code == 200 and pdf.content.startswith(b"%PDF")
    assert hashlib.sha256(pdf.content).hexdigest() == sha256
    assert any(key.endswith(".pdf") for key in [o["Key"] for o in stack.s3.list_objects_v2(Bucket=BUCKET)["Contents"]])

    # Both servers say they are healthy, with the queue empty again.
    for server in (server_a, server_b):
        health = admin.get(f"{server}/healthz").json()
        assert health["status"] == "ok" and health["checks"]["queue"]["waiting"] == 0


def status_count(dashboard, status):
    """The dashboard's "All partnerships by status" figure for one status."""
    found = re.search(rf">{status}</th>\s*<td[^>]*>(?:<a[^>]*>)?([\d,]+)", dashboard)
    return int(found.group(1).replace(",", ""))


def stack_redis_keys(stack):
    import redis

    return redis.Redis.from_url(stack.redis_url).keys("*")
