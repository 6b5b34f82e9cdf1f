"""Single sign-on is off until configured; "SSO only" hides and refuses the password form."""

import pytest
from django.urls import reverse

pytestmark = pytest.mark.django_db


@pytest.fixture
def sso(settings):
    settings.OIDC_RP_CLIENT_ID = "register"
    settings.OIDC_OP_AUTHORIZATION_ENDPOINT = "https://login.example.org/authorize"
    return settings


def test_without_configuration_there_is_no_council_account_button_and_no_sso_pages(client):
    page = client.get(reverse("login")).content.decode()
    assert "Sign in with your council account" not in page and 'name="password"' in page
    assert client.get(reverse("sso:authenticate")).status_code == 404
    assert client.get(reverse("sso:callback")).status_code == 404


def test_the_sign_in_page_offers_the_council_account(client, sso):
    page = client.get(reverse("login")).content.decode()
    assert "Sign in with your council account" in page and 'name="password"' in page
    start = client.get(reverse("sso:authenticate"))
    assert start.status_code == 302
    assert start["Location"].startswith("https://login.example.org/authorize?")
    assert "code_challenge_method=S256" in start["Location"] and "code_challenge=" in start["Location"]


def test_sso_only_hides_and_refuses_the_password_form(client, sso, officer):
    sso.SSO_ONLY = True
    page = client.get(reverse("login")).content.decode()
    assert "Sign in with your council account" in page and 'name="password"' not in page
    from tests.conftest import PASSWORD

    response = client.post(reverse("login"), {"username": officer.username, "password": PASSWORD})
    assert response.status_code == 403
    assert "_auth_user_id" not in client.session


def test_a_failed_sign_in_that_is_not_about_roles_says_try_again(client):
    response = client.get(reverse("sso:refused"))
    assert response.status_code == 403
    assert "could not sign you in" in response.content.decode()
