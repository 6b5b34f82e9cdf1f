"""The web flow: upload -> preview -> confirm, for register administrators only."""

import io

import openpyxl
import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from partnerships.models import ImportMode, ToolkitImport
from register.models import Partnership

from .conftest import SAMPLE, mutated

pytestmark = pytest.mark.django_db


def upload_file(client, name=SAMPLE.name, content=None):
    content = SAMPLE.read_bytes() if content is None else content
    return client.post("/toolkit/import/", {"workbook": SimpleUploadedFile(name, content)})


def test_upload_preview_confirm_as_an_administrator(client_for, admin_user):
    client = client_for(admin_user)
    assert client.get("/toolkit/import/").status_code == 200

    response = upload_file(client)
    entry = ToolkitImport.objects.get()
    assert response.status_code == 302
    assert response["Location"] == f"/toolkit/import/{entry.pk}/"
    assert entry.user == admin_user and entry.mode == ImportMode.DRY_RUN
    assert not Partnership.objects.exists()

    preview = client.get(response["Location"]).content.decode()
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

    client.post(f"/toolkit/import/{entry.pk}/", {"register__27": "notes"})
    entry.refresh_from_db()
    assert entry.column_mapping == {"register": {"remarks from the board": "notes"}}
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
