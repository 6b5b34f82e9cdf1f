"""Anonymous visitors reach nothing but the sign-in page and static files.

Every URL pattern of the project is enumerated from the resolver, so a new view cannot escape.
"""

import pytest
from django.urls import URLPattern, URLResolver, get_resolver

pytestmark = pytest.mark.django_db

PUBLIC = {"login"}
SAMPLE_KWARGS = {
    "reference": "TST-0001",
    "pk": 1,
    "version_number": 1,
    "version": 1,
    "other": 1,
    "number": 1,
    "token": "x",
    "import_id": 1,
    "id": 1,
    "a": 1,
    "b": 1,
    "left": 1,
    "right": 1,
    "section": "parties",
    "likelihood": 1,
    "impact": 1,
    "kind": "inherent",
    "gap": "no_assessment",
    "window": "overdue",
    "fmt": "csv",
    "to_status": "assessed",
    "format": "csv",
    "status": "draft",
    "slug": "x",
    "key": "x",
}


def walk(patterns, prefix="", namespace=""):
    for entry in patterns:
        if isinstance(entry, URLResolver):
            ns = f"{namespace}{entry.namespace}:" if entry.namespace else namespace
            yield from walk(entry.url_patterns, prefix + str(entry.pattern), ns)
        elif isinstance(entry, URLPattern):
            yield f"{namespace}{entry.name or ''}", prefix + str(entry.pattern), entry


def all_named_urls():
    from django.urls import NoReverseMatch, reverse

    urls = []
    for name, route, pattern in walk(get_resolver().url_patterns):
        if name.startswith("admin:") or not pattern.name:
            continue
        kwargs = {key: SAMPLE_KWARGS.get(key, 1) for key in pattern.pattern.regex.groupindex}
        try:
            urls.append((name, reverse(name, kwargs=kwargs)))
        except NoReverseMatch:
            pytest.fail(f"cannot build a sample URL for {name} ({route}); add its kwargs to SAMPLE_KWARGS")
    return urls


@pytest.fixture
def sample_partnership():
    from tests.factories import ActivePartnershipFactory

    return ActivePartnershipFactory(reference="TST-0001")


def test_every_page_sends_anonymous_visitors_to_sign_in(client, sample_partnership):
    urls = all_named_urls()
    assert len(urls) > 10
    for name, url in urls:
        if name in PUBLIC or name == "logout":
            continue
        for method in (client.get, client.post):
            response = method(url)
            assert response.status_code == 302 and "/accounts/login/" in response["Location"], (
                f"{method.__name__.upper()} {url} ({name}) gave {response.status_code} to an anonymous visitor"
            )


def test_the_sign_in_page_is_public(client):
    assert client.get("/accounts/login/").status_code == 200
