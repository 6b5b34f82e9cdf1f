"""The register list keeps its filters open when used, and a filtered view can be saved and shared."""

import pytest
from django.urls import reverse

from register.models import SavedView

pytestmark = pytest.mark.django_db

LIST = reverse("register:partnership_list")
SAVE = reverse("register:saved_view_create")


def test_the_filter_panel_is_open_when_a_filter_is_applied(client_for, officer):
    client = client_for(officer)
    assert 'class="govuk-details" open' not in client.get(LIST).content.decode()
    assert 'class="govuk-details" open' in client.get(LIST, {"status": "active"}).content.decode()


def test_an_officer_saves_a_filtered_view_and_a_colleague_sees_it_when_shared(client_for, officer, scrutiny):
    client = client_for(officer)
    response = client.post(
        SAVE, {"name": " Live  ones ", "query": "status=active&sort=-name&page=3&evil=1", "shared": "on"}
    )
    view = SavedView.objects.get()
    assert (view.name, view.query, view.shared, view.owner) == ("Live ones", "status=active&sort=-name", True, officer)
    assert response.url == f"{LIST}?status=active&sort=-name"
    page = client_for(scrutiny).get(LIST).content.decode()
    assert "Live ones" in page and "shared by Olivia Officer" in page


def test_an_unshared_view_is_the_owners_alone(client_for, officer, colleague):
    SavedView.objects.create(owner=officer, name="Mine only", query="status=active")
    assert "Mine only" in client_for(officer).get(LIST).content.decode()
    assert "Mine only" not in client_for(colleague).get(LIST).content.decode()


def test_a_name_is_needed_and_used_once(client_for, officer):
    client = client_for(officer)
    client.post(SAVE, {"name": "", "query": "status=active"}, follow=True)
    SavedView.objects.create(owner=officer, name="Live", query="status=active")
    page = client.post(SAVE, {"name": "live", "query": "status=active"}, follow=True).content.decode()
    assert "You already have a view with that name" in page
    assert SavedView.objects.count() == 1


def test_only_the_owner_deletes_a_view(client_for, officer, colleague):
    view = SavedView.objects.create(owner=officer, name="Live", query="status=active", shared=True)
    url = reverse("register:saved_view_delete", args=[view.pk])
    assert client_for(colleague).post(url).status_code == 403
    assert client_for(officer).post(url).status_code == 302
    assert not SavedView.objects.exists()
