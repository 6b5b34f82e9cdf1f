"""Single sign-on through a real OpenID Connect provider (a second process), over real HTTP."""

import re

import pytest
import requests
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group

from partnerships.models import SignOnMapping
from register import roles

from .conftest import PASSWORD

pytestmark = [pytest.mark.django_db(transaction=True), pytest.mark.slow]


def sign_in_at_provider(live_server, username, session=None):
    """Start at the register's council-account link, sign in at the provider, and come back."""
    session = session or requests.Session()
    login = session.get(f"{live_server.url}/sso/authenticate/", timeout=20)
    assert "Council account sign-in" in login.text, login.url
    token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', login.text).group(1)
    next_url = re.search(r'name="next" value="([^"]*)"', login.text).group(1).replace("&amp;", "&")
    response = session.post(
        login.url,
        data={"csrfmiddlewaretoken": token, "username": username, "password": PASSWORD, "next": next_url},
        headers={"Referer": login.url},
        timeout=20,
    )
    return session, response


def test_a_new_officer_gets_role_and_directorate_from_the_claims(live_server, provider, mappings, directorate):
    session, response = sign_in_at_provider(live_server, "priya.patel")
    assert response.url == f"{live_server.url}/", response.url
    assert "My partnerships" in response.text
    user = get_user_model().objects.get(username="priya.patel")
    assert (user.first_name, user.last_name, user.email) == ("Priya", "Patel", "priya.patel@northmoor.gov.uk")
    assert list(user.groups.values_list("name", flat=True)) == [roles.OFFICER]
    assert user.staff_profile.directorate == directorate
    assert not user.has_usable_password()

    # Signing out ends the register's session and sends the browser to the provider's sign-out.
    csrf = session.cookies.get("csrftoken")
    out = session.post(
        f"{live_server.url}/accounts/logout/",
        data={"csrfmiddlewaretoken": csrf},
        headers={"Referer": f"{live_server.url}/"},
        allow_redirects=False,
        timeout=20,
    )
    assert out.status_code == 302 and out.headers["Location"].startswith(f"{provider}/o/logout/?id_token_hint=")
    assert session.get(f"{live_server.url}/", timeout=20).url.startswith(f"{live_server.url}/accounts/login/")


def test_someone_in_no_mapped_group_is_told_to_ask_their_administrator(live_server, provider, mappings):
    _, response = sign_in_at_provider(live_server, "nick.nobody")
    assert response.status_code == 403
    assert "Ask your register administrator" in response.text
    assert not get_user_model().objects.filter(username="nick.nobody").exists()


def test_roles_follow_the_mapping_at_every_sign_in(live_server, provider, mappings):
    sign_in_at_provider(live_server, "priya.patel")
    scrutiny = Group.objects.get(name=roles.SCRUTINY)
    SignOnMapping.objects.filter(value="grp-partnership-officers").update(role=scrutiny)
    sign_in_at_provider(live_server, "priya.patel")
    user = get_user_model().objects.get(username="priya.patel")
    assert list(user.groups.values_list("name", flat=True)) == [roles.SCRUTINY]
