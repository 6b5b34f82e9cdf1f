"""Background jobs as the user sees them: the progress page, the download, failures, and expiry.

Tasks run at once here (the immediate backend in tests/settings.py): these tests are about what the
job records and shows, not about the queue; tests/jobs/test_multiserver.py runs a real worker.
"""

import datetime
import io

import openpyxl
import pytest
from django.core.management import call_command
from django.utils import timezone

from partnerships.jobs.models import Job, JobKind, JobStatus
from partnerships.models import ToolkitImport
from register.models import Partnership
from tests.factories import ActivePartnershipFactory
from tests.toolkit.conftest import mutated
from tests.toolkit.test_views import upload_file

pytestmark = pytest.mark.django_db


@pytest.fixture
def three_partnerships(directorate):
    return ActivePartnershipFactory.create_batch(3, directorate=directorate)


def test_a_large_export_is_a_job_with_a_progress_page_then_a_download(
    client_for, scrutiny, three_partnerships, settings
):
    settings.EXPORT_IN_BACKGROUND_ROWS = 2
    client = client_for(scrutiny)

    response = client.get("/toolkit/export.xlsx")
    job = Job.objects.get()
    assert response.status_code == 302 and response["Location"] == f"/jobs/{job.pk}/"
    assert job.owner == scrutiny and job.kind == JobKind.REGISTER_EXPORT
    assert job.status == JobStatus.DONE and (job.rows_done, job.rows_total) == (3, 3)

    page = client.get(response["Location"]).content.decode()
    assert "Your register export is ready" in page
    assert "3 partnerships exported." in page
    assert 'http-equiv="refresh"' not in page  # finished: the page stops refreshing

    download = client.get(f"/jobs/{job.pk}/download/")
    assert download.status_code == 200
    assert download["Content-Disposition"].startswith('attachment; filename="partnership-register-')
    book = openpyxl.load_workbook(io.BytesIO(b"".join(download.streaming_content)), read_only=True)
    references = {row[0] for row in book["Register"].iter_rows(min_row=5, values_only=True)}
    assert references == {p.reference for p in three_partnerships}


def test_a_small_export_is_still_sent_at_once(client_for, scrutiny, three_partnerships):
    response = client_for(scrutiny).get("/toolkit/export.xlsx")
    assert response.status_code == 200 and response["Content-Type"].startswith("application/vnd.openxmlformats")
    assert not Job.objects.exists()


def test_the_export_job_keeps_the_register_filters(client_for, scrutiny, three_partnerships, settings):
    settings.EXPORT_IN_BACKGROUND_ROWS = 0
    wanted = three_partnerships[1]
    client = client_for(scrutiny)
    client.get("/toolkit/export.xlsx", {"q": wanted.reference})
    job = Job.objects.get()
    assert job.rows_total == 1
    book = openpyxl.load_workbook(job.result.open("rb"), read_only=True)
    assert [row[0] for row in book["Register"].iter_rows(min_row=5, values_only=True)] == [wanted.reference]


def test_while_running_the_page_shows_rows_done_and_refreshes_without_javascript(client_for, scrutiny):
    job = Job.objects.create(
        owner=scrutiny, kind=JobKind.REGISTER_EXPORT, status=JobStatus.RUNNING, rows_done=250, rows_total=1000
    )
    page = client_for(scrutiny).get(job.get_absolute_url()).content.decode()
    assert "We’re preparing your register export" in page
    assert '<meta http-equiv="refresh" content="2">' in page
    assert 'max="1000" value="250"' in page and "250 of 1,000 rows done" in page
    assert client_for(scrutiny).get(f"/jobs/{job.pk}/download/").status_code == 404  # not ready yet


def test_nobody_else_sees_a_job_or_its_file(client_for, scrutiny, legal, admin_user, three_partnerships, settings):
    settings.EXPORT_IN_BACKGROUND_ROWS = 0
    client_for(scrutiny).get("/toolkit/export.xlsx")
    job = Job.objects.get()
    for other in (legal, admin_user):
        client = client_for(other)
        assert client.get(f"/jobs/{job.pk}/").status_code == 404
        assert client.get(f"/jobs/{job.pk}/download/").status_code == 404


def test_an_import_runs_as_a_job_and_lands_on_the_import_page(client_for, admin_user):
    client = client_for(admin_user)
    upload_file(client)
    entry = ToolkitImport.objects.get()

    response = client.post(f"/toolkit/import/{entry.pk}/confirm/")
    job = Job.objects.get(kind=JobKind.TOOLKIT_IMPORT)
    assert response["Location"] == f"/jobs/{job.pk}/"
    assert job.kind == JobKind.TOOLKIT_IMPORT and job.status == JobStatus.DONE
    assert Partnership.objects.count() == 40

    page = client.get(response["Location"], follow=True)
    assert page.redirect_chain[-1][0] == f"/toolkit/import/{entry.pk}/"
    assert "147 new and 0 updated rows" in page.content.decode()


def test_a_refused_import_fails_with_a_clear_message_and_the_rows_to_fix(client_for, admin_user):
    def break_a_date(book):
        book["Register"]["D8"] = "Friendship"  # not a partnership type

    client = client_for(admin_user)
    upload = mutated(break_a_date)
    upload_file(client, name=upload.name, content=upload.content)
    entry = ToolkitImport.objects.get()

    response = client.post(f"/toolkit/import/{entry.pk}/confirm/", follow=True)
    job = Job.objects.get(kind=JobKind.TOOLKIT_IMPORT)
    page = response.content.decode()
    assert job.status == JobStatus.FAILED
    assert "Your toolkit import failed" in page
    assert "Nothing was imported: the workbook has" in page
    assert job.failed_rows and "Register" in page and ">8<" in page
    assert not Partnership.objects.exists()


def test_expired_jobs_and_their_files_are_deleted(client_for, scrutiny, three_partnerships, settings):
    settings.EXPORT_IN_BACKGROUND_ROWS = 0
    client_for(scrutiny).get("/toolkit/export.xlsx")
    job = Job.objects.get()
    stored = job.result.name
    assert job.result.storage.exists(stored)

    call_command("expire_jobs", stdout=io.StringIO())
    assert Job.objects.filter(pk=job.pk).exists()  # not expired yet

    Job.objects.filter(pk=job.pk).update(expires_at=timezone.now() - datetime.timedelta(minutes=1))
    call_command("expire_jobs", stdout=io.StringIO())
    assert not Job.objects.filter(pk=job.pk).exists()
    assert not job.result.storage.exists(stored)
    assert client_for(scrutiny).get(f"/jobs/{job.pk}/download/").status_code == 404


def test_a_job_whose_worker_died_is_marked_failed(scrutiny):
    job = Job.objects.create(
        owner=scrutiny,
        kind=JobKind.TOOLKIT_IMPORT,
        status=JobStatus.RUNNING,
        heartbeat_at=timezone.now() - datetime.timedelta(hours=2),
    )
    call_command("expire_jobs", stdout=io.StringIO())
    job.refresh_from_db()
    assert job.status == JobStatus.FAILED and "start it again" in job.message


def test_asking_twice_while_a_job_is_unfinished_leads_to_the_same_job(client_for, scrutiny, settings):
    settings.TASKS = {"default": {"BACKEND": "django_tasks.backends.dummy.DummyBackend"}}  # nothing runs
    settings.EXPORT_IN_BACKGROUND_ROWS = 0
    partnership = ActivePartnershipFactory()
    client = client_for(scrutiny)
    first, second = client.get("/toolkit/export.xlsx"), client.get("/toolkit/export.xlsx")
    assert first["Location"] == second["Location"]
    assert Job.objects.count() == 1
    filtered = client.get("/toolkit/export.xlsx", {"q": partnership.reference})
    assert filtered["Location"] != first["Location"]  # a different export: a job of its own
