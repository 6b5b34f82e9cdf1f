"""Rough edges a new user found: admin wording, /admin/ for officers, the bare /toolkit/ address."""

import pytest
from django.contrib import admin
from django.urls import reverse

pytestmark = pytest.mark.django_db


def test_admin_names_read_as_english(client_for, admin_user):
    names = {str(model._meta.verbose_name_plural) for model in admin.site._registry}
    assert "signatories" in names and "review reminders sent" in names
    assert not any(name.endswith(("ys", "sents")) for name in names)
    page = client_for(admin_user).get("/admin/").content.decode()
    assert "(project)" not in page


def test_an_officer_opening_the_admin_gets_the_services_403_page(client_for, officer):
    response = client_for(officer).get("/admin/", follow=True)
    assert response.status_code == 403
    assert "not authorized" not in response.content.decode()


def test_the_bare_toolkit_address_goes_to_the_import_page(client_for, admin_user):
    response = client_for(admin_user).get("/toolkit/")
    assert response.status_code == 302 and response.url == reverse("toolkit:upload")
