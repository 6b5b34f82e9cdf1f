"""The web flow: upload -> preview -> confirm, for register administrators only."""

import io
import zipfile

import openpyxl
import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command
from django.utils import timezone

from partnerships.jobs.models import Job, JobKind
from partnerships.models import ImportMode, ToolkitImport
from register import roles
from register.models import Partnership
from tests.factories import UserFactory

from .conftest import SAMPLE, mutated

pytestmark = pytest.mark.django_db


def upload_file(client, name=SAMPLE.name, content=None, follow=False):
    content = SAMPLE.read_bytes() if content is None else content
    return client.post("/toolkit/import/", {"workbook": SimpleUploadedFile(name, content)}, follow=follow)


def test_upload_preview_confirm_as_an_administrator(client_for, admin_user):
    client = client_for(admin_user)
    assert client.get("/toolkit/import/").status_code == 200

    response = upload_file(client)
    entry = ToolkitImport.objects.get()
    job = Job.objects.get(kind=JobKind.TOOLKIT_CHECK)  # checked in the background (at once, in tests)
    assert response.status_code == 302 and response["Location"] == job.get_absolute_url()
    assert entry.user == admin_user and entry.mode == ImportMode.DRY_RUN
    assert not Partnership.objects.exists()

    checked = client.get(response["Location"])
    assert checked.status_code == 302 and checked["Location"] == f"/toolkit/import/{entry.pk}/"
    preview = client.get(checked["Location"]).content.decode()
    assert "govuk-notification-banner" not in preview  # the preview is the outcome: no banner above it
    assert "Check what the import will do" in preview
    assert "NCC-0001" in preview
    assert "Import 147 rows" in preview
    assert "Register, row 19" not in preview  # a warning, not an error
    assert "“TBC” is a placeholder" in preview

    done = client.post(f"/toolkit/import/{entry.pk}/confirm/", follow=True)
    assert Partnership.objects.count() == 40
    entry.refresh_from_db()
    assert entry.mode == ImportMode.APPLIED and entry.applied_at
    assert entry.counts["Health check"]["created"] == 23
    page = done.content.decode()
    assert "Import complete" in page
    assert "Imported partnership-toolkit-sample.xlsx: 147 new and 0 updated rows." in page
    assert Partnership.objects.get(reference="NCC-0001").history.first().history_user == admin_user


def test_confirming_twice_does_not_import_twice(client_for, admin_user):
    client = client_for(admin_user)
    upload_file(client)
    entry = ToolkitImport.objects.get()
    client.post(f"/toolkit/import/{entry.pk}/confirm/")
    response = client.post(f"/toolkit/import/{entry.pk}/confirm/", follow=True)
    assert "already been imported" in response.content.decode()
    assert Partnership.history.filter(history_type="~").count() == 0


def test_preview_lists_errors_with_sheet_row_and_column(client_for, admin_user):
    client = client_for(admin_user)

    def fault(book):
        book["Risks"]["F5"] = 9

    upload_file(client, content=mutated(fault).content)
    entry = ToolkitImport.objects.get()
    page = client.get(f"/toolkit/import/{entry.pk}/").content.decode()
    assert "govuk-error-summary" in page
    assert "Risks, row 5, Likelihood (1-5): 9 is not allowed. Enter a whole number from 1 to 5." in page
    assert 'href="#risks-row-5"' in page and 'id="risks-row-5"' in page
    assert "Import valid rows only" in page

    refused = client.post(f"/toolkit/import/{entry.pk}/confirm/", follow=True)
    assert "Nothing was imported" in refused.content.decode()
    assert not Partnership.objects.exists()


def test_valid_only_from_the_web_gives_a_rejects_download(client_for, admin_user):
    client = client_for(admin_user)

    def fault(book):
        book["Risks"]["F5"] = 9

    upload_file(client, content=mutated(fault).content)
    entry = ToolkitImport.objects.get()
    page = client.post(f"/toolkit/import/{entry.pk}/confirm/", {"valid_only": "1"}, follow=True).content.decode()
    assert "Download the rows that were not imported" in page
    entry.refresh_from_db()
    assert entry.mode == ImportMode.VALID_ONLY
    assert Partnership.objects.count() == 40

    download = client.get(f"/toolkit/import/{entry.pk}/rejected-rows.xlsx")
    assert download.status_code == 200
    book = openpyxl.load_workbook(io.BytesIO(b"".join(download.streaming_content)))
    rows = list(book["Risks"].values)
    assert rows[0][-1] == "Error"
    assert rows[1][:2] == ("NCC-0002", "R1")


def test_unrecognised_columns_can_be_mapped_on_the_preview_page(client_for, admin_user):
    client = client_for(admin_user)

    def rename(book):
        book["Register"]["AB4"] = "Remarks from the board"

    upload_file(client, content=mutated(rename).content)
    entry = ToolkitImport.objects.get()
    page = client.get(f"/toolkit/import/{entry.pk}/").content.decode()
    assert "Columns the import did not recognise" in page
    assert "“Remarks from the board” (column AB on the Register sheet)" in page

    rechecked = client.post(f"/toolkit/import/{entry.pk}/", {"register__27": "notes"}, follow=True)
    entry.refresh_from_db()
    assert entry.column_mapping == {"register": {"remarks from the board": "notes"}}
    assert Job.objects.filter(kind=JobKind.TOOLKIT_CHECK).count() == 2  # checked again with the mapping
    page = rechecked.content.decode()
    assert "Import 147 rows" in page and '<option value="notes" selected>' in page
    client.post(f"/toolkit/import/{entry.pk}/confirm/")
    assert Partnership.objects.get(reference="NCC-0003").notes == "Agreement due for refresh"


def test_a_mapping_to_an_unknown_field_is_refused(client_for, admin_user):
    client = client_for(admin_user)

    def rename(book):
        book["Register"]["AB4"] = "Remarks from the board"

    upload_file(client, content=mutated(rename).content)
    entry = ToolkitImport.objects.get()
    response = client.post(f"/toolkit/import/{entry.pk}/", {"register__27": "password"})
    assert response.status_code == 200
    entry.refresh_from_db()
    assert entry.column_mapping == {}


def test_history_lists_imports(client_for, admin_user):
    client = client_for(admin_user)
    upload_file(client)
    page = client.get("/toolkit/imports/").content.decode()
    assert "partnership-toolkit-sample.xlsx" in page
    assert "Checked, not imported" in page


def test_import_nav_item_only_for_administrators(client_for, admin_user, officer):
    assert 'href="/toolkit/import/"' in client_for(admin_user).get("/toolkit/imports/").content.decode()
    assert 'href="/toolkit/import/"' not in client_for(officer).get("/", follow=True).content.decode()


@pytest.mark.parametrize("who", ["officer", "scrutiny", "legal"])
def test_other_roles_get_403_everywhere_in_the_import(request, client_for, admin_user, who):
    upload_file(client_for(admin_user))
    entry = ToolkitImport.objects.get()
    client = client_for(request.getfixturevalue(who))
    for url in ("/toolkit/import/", f"/toolkit/import/{entry.pk}/", "/toolkit/imports/"):
        assert client.get(url).status_code == 403
    assert upload_file(client).status_code == 403
    assert client.post(f"/toolkit/import/{entry.pk}/confirm/").status_code == 403
    assert client.get(f"/toolkit/import/{entry.pk}/rejected-rows.xlsx").status_code == 403
    assert not Partnership.objects.exists()


def test_anonymous_users_are_sent_to_sign_in(client):
    response = client.get("/toolkit/import/")
    assert response.status_code == 302
    assert response["Location"].startswith("/accounts/login/")


def test_a_file_that_cannot_be_read_fails_its_check_and_leaves_nothing_behind(client_for, admin_user):
    damaged = io.BytesIO()  # a zip with the parts of a workbook, but not a workbook: fails only when read
    with zipfile.ZipFile(damaged, "w") as archive:
        archive.writestr("[Content_Types].xml", "<Types/>")
        archive.writestr("xl/workbook.xml", "this is not a workbook")
    response = upload_file(client_for(admin_user), content=damaged.getvalue(), follow=True)
    page = response.content.decode()
    assert "Your workbook check failed" in page
    assert "partnership-toolkit-sample.xlsx could not be checked." in page and "Upload the workbook again" in page
    assert 'href="/toolkit/import/"' in page
    assert not ToolkitImport.objects.exists()


def test_a_double_click_on_upload_finds_the_same_check(client_for, admin_user, settings):
    settings.TASKS = {"default": {"BACKEND": "django_tasks.backends.dummy.DummyBackend"}}  # nothing runs yet
    client = client_for(admin_user)
    first, second = upload_file(client), upload_file(client)
    assert first["Location"] == second["Location"]
    assert ToolkitImport.objects.count() == 1 and Job.objects.count() == 1
    page = client.get(first["Location"]).content.decode()
    assert "We’re preparing your workbook check" in page


def test_a_check_is_only_its_owners_to_watch(client_for, admin_user, settings):
    settings.TASKS = {"default": {"BACKEND": "django_tasks.backends.dummy.DummyBackend"}}
    job_url = upload_file(client_for(admin_user))["Location"]
    other_admin = UserFactory(username="alex.admin", role=roles.REGISTER_ADMIN)
    assert client_for(other_admin).get(job_url).status_code == 404


def test_an_expired_check_is_offered_again(client_for, admin_user):
    client = client_for(admin_user)
    upload_file(client)
    entry = ToolkitImport.objects.get()
    Job.objects.update(expires_at=timezone.now())  # a day later: the daily tidy-up deletes the findings
    call_command("expire_jobs", stdout=io.StringIO())
    page = client.get(f"/toolkit/import/{entry.pk}/").content.decode()
    assert "its check has expired" in page and "Import 147 rows" not in page
    rechecked = client.post(f"/toolkit/import/{entry.pk}/check/", follow=True).content.decode()
    assert "Import 147 rows" in rechecked
