"""Which address a visitor is at, behind the proxies the council declares (TRUSTED_PROXY_COUNT): one
answer for sign-in throttling, the password-reset limit and partners' link limit."""

import pytest
from axes.models import AccessAttempt
from django.test import Client, RequestFactory
from django.urls import reverse

from register.ratelimit import client_address
from reviews.assurance import partner as partner_view

PROXY = "10.0.0.5"  # the council's proxy: every request reaches the app from here
RESET = "/accounts/password-reset/"


def address(forwarded=None, remote=PROXY):
    meta = {"REMOTE_ADDR": remote} | ({"HTTP_X_FORWARDED_FOR": forwarded} if forwarded is not None else {})
    return client_address(RequestFactory().get("/", **meta))


def behind_proxy(visitor, spoofed=""):
    """A client reaching the app through the proxy, which appends the visitor's address to whatever
    X-Forwarded-For the visitor sent (`spoofed`)."""
    forwarded = f"{spoofed}, {visitor}" if spoofed else visitor
    return Client(REMOTE_ADDR=PROXY, HTTP_X_FORWARDED_FOR=forwarded)


def test_with_no_trusted_proxy_the_header_is_ignored(settings):
    settings.TRUSTED_PROXY_COUNT = 0
    assert address("198.51.100.1") == PROXY
    assert address() == PROXY


def test_with_one_trusted_proxy_the_right_most_entry_is_the_visitor(settings):
    settings.TRUSTED_PROXY_COUNT = 1
    assert address("198.51.100.1") == "198.51.100.1"
    assert address("203.0.113.99, 198.51.100.1") == "198.51.100.1"  # the left entry is the visitor's own claim
    assert address("203.0.113.99,198.51.100.1:50312") == "198.51.100.1"  # ports some proxies add
    assert address("[2001:db8::7]:443") == "2001:db8::7"
    assert address() == PROXY  # no header: reached the app directly


def test_with_two_trusted_proxies_the_second_from_the_right(settings):
    settings.TRUSTED_PROXY_COUNT = 2
    assert address("203.0.113.99, 198.51.100.1, 10.0.0.9") == "198.51.100.1"
    assert address("198.51.100.1") == "198.51.100.1"  # fewer entries than proxies: still a proxy's entry


@pytest.mark.django_db
def test_behind_one_proxy_two_visitors_have_separate_password_reset_limits(settings):
    settings.TRUSTED_PROXY_COUNT = 1
    first, second = behind_proxy("198.51.100.1"), behind_proxy("198.51.100.2")
    answers = [first.post(RESET, {"email": f"p{n}@example.gov.uk"}).status_code for n in range(11)]
    assert answers[:10] == [302] * 10 and answers[10] == 429
    assert second.post(RESET, {"email": "other@example.gov.uk"}).status_code == 302  # not counted with the first


@pytest.mark.django_db
def test_a_spoofed_left_most_entry_does_not_escape_the_limit(settings):
    settings.TRUSTED_PROXY_COUNT = 1
    answers = [
        behind_proxy("198.51.100.1", spoofed=f"203.0.113.{n}").post(RESET, {"email": f"p{n}@example.gov.uk"})
        for n in range(11)
    ]
    assert [answer.status_code for answer in answers][-1] == 429


@pytest.mark.django_db
def test_with_no_trusted_proxy_everyone_behind_it_shares_the_connection_address(settings):
    settings.TRUSTED_PROXY_COUNT = 0
    answers = [
        behind_proxy(f"198.51.100.{n}").post(RESET, {"email": f"p{n}@example.gov.uk"}).status_code for n in range(11)
    ]
    assert answers[-1] == 429  # the header is not believed: all of them are the proxy


@pytest.mark.django_db
def test_partner_link_limit_counts_each_visitor_behind_the_proxy(settings, monkeypatch):
    settings.TRUSTED_PROXY_COUNT = 1
    monkeypatch.setattr(partner_view, "ATTEMPTS_PER_WINDOW", 2)

    def guesses(client):
        url = reverse("reviews:partner_health_check", args=["guess"])
        return [client.get(url).status_code for _ in range(3)]

    assert guesses(behind_proxy("198.51.100.1")) == [410, 410, 429]
    assert guesses(behind_proxy("198.51.100.2")) == [410, 410, 429]
    assert guesses(behind_proxy("198.51.100.1", spoofed="203.0.113.50")) == [429, 429, 429]


@pytest.mark.django_db
def test_sign_in_throttling_records_the_visitor_not_the_proxy(settings, officer):
    settings.TRUSTED_PROXY_COUNT = 1
    behind_proxy("198.51.100.1", spoofed="203.0.113.50").post(
        "/accounts/login/", {"username": officer.username, "password": "wrong password"}
    )
    assert list(AccessAttempt.objects.values_list("ip_address", flat=True)) == ["198.51.100.1"]


@pytest.mark.django_db
def test_an_address_that_is_not_one_is_kept_as_none_not_refused_by_the_database(settings, officer):
    """PostgreSQL keeps axes' addresses in an inet column: "unknown" there would be a 500 at sign-in."""
    settings.TRUSTED_PROXY_COUNT = 1
    client = Client(HTTP_X_FORWARDED_FOR="unknown")
    client.post("/accounts/login/", {"username": officer.username, "password": "wrong password"})
    assert list(AccessAttempt.objects.values_list("ip_address", flat=True)) == [None]
    Client().force_login(officer)  # a sign-in made in code has no address at all
