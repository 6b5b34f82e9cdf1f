"""Resetting a forgotten password: a single-use, expiring link by email; nobody learns who has an
account; the form cannot flood an inbox."""

import re
from urllib.parse import urlsplit

import pytest
from django.core import mail
from django.test import Client

from tests.conftest import PASSWORD

pytestmark = pytest.mark.django_db
RESET = "/accounts/password-reset/"
NEW_PASSWORD = "a long new password for the register"


def ask_for_a_link(email, client=None):
    return (client or Client()).post(RESET, {"email": email})


def the_link():
    """The link in the latest email, whole."""
    return re.search(r"https?://\S+/accounts/password-reset/\S+/", mail.outbox[-1].body).group(0)


def path_of(url):
    return urlsplit(url).path


def test_the_sign_in_page_offers_a_reset(client):
    assert 'href="/accounts/password-reset/"' in client.get("/accounts/login/").content.decode()


def test_a_person_resets_their_password_through_the_emailed_link_once(officer, settings):
    settings.SITE_URL = "https://partnerships.example.gov.uk"
    response = ask_for_a_link(officer.email.upper())
    assert response.status_code == 302 and response.url == "/accounts/password-reset/sent/"
    assert len(mail.outbox) == 1 and mail.outbox[0].to == [officer.email]
    assert the_link().startswith("https://partnerships.example.gov.uk/")  # from SITE_URL, not the Host header
    link = path_of(the_link())
    client = Client()
    form = client.get(link, follow=True)
    assert "Set a new password" in form.content.decode()
    done = client.post(form.redirect_chain[-1][0], {"new_password1": NEW_PASSWORD, "new_password2": NEW_PASSWORD})
    assert done.status_code == 302
    officer.refresh_from_db()
    assert officer.check_password(NEW_PASSWORD) and not officer.check_password(PASSWORD)
    again = Client().get(link, follow=True).content.decode()
    assert "This link does not work" in again


def test_a_weak_new_password_is_refused_with_a_clear_message(officer):
    ask_for_a_link(officer.email)
    client = Client()
    form = client.get(path_of(the_link()), follow=True)
    refused = client.post(form.redirect_chain[-1][0], {"new_password1": "password123", "new_password2": "password123"})
    assert refused.status_code == 200
    assert "There is a problem" in refused.content.decode()


def test_an_expired_link_does_not_work(officer, settings):
    ask_for_a_link(officer.email)
    link = path_of(the_link())
    settings.PASSWORD_RESET_TIMEOUT = -1
    assert "This link does not work" in Client().get(link, follow=True).content.decode()


def test_the_answer_is_the_same_whether_or_not_the_address_has_an_account(officer):
    known = ask_for_a_link(officer.email)
    unknown = ask_for_a_link("nobody@example.gov.uk")
    assert (known.status_code, known.url) == (unknown.status_code, unknown.url)
    assert len(mail.outbox) == 1


def test_requests_are_limited_per_email_address_the_same_for_known_and_unknown(officer):
    for email in (officer.email, "nobody@example.gov.uk"):
        answers = [ask_for_a_link(email).status_code for _ in range(4)]
        assert answers == [302, 302, 302, 429]
    assert len(mail.outbox) == 3
    assert "Too many requests to reset a password" in ask_for_a_link(officer.email).content.decode()


def test_requests_are_limited_per_address(db):
    client = Client(REMOTE_ADDR="192.0.2.7")
    answers = [ask_for_a_link(f"person{n}@example.gov.uk", client).status_code for n in range(11)]
    assert answers[:10] == [302] * 10 and answers[10] == 429
