"""Every API endpoint, for every role and for tokens: GET, POST and PATCH status codes.

The endpoints come from the URL resolver (every name in the `api` namespace), so a new endpoint
without a row here fails. Requests carry no data and are rolled back: an allowed write is refused
as invalid (400), a refused one is 403, a method the endpoint does not answer is 405.
Columns: anonymous, lead officer, outsider, scrutiny, legal, administrator (all signed in), then
tokens acting as the lead officer (read-only, read-write) and as the administrator (read-only).
"""

import pytest
from django.db import transaction
from django.urls import reverse
from rest_framework.test import APIClient

from partnerships.models import ApiTokenScope
from tests.trust.urls import all_patterns

pytestmark = pytest.mark.django_db

COLUMNS = (
    *("anonymous", "officer", "outsider", "scrutiny", "legal", "admin_user"),
    *("read token", "write token", "admin read token"),
)
ANON = "401 401 401"
PUBLIC_DOC = ("200 405 405",) * len(COLUMNS)

# Each row: the six signed-in columns, then the three tokens.
# fmt: off
MATRIX = {
    # a read-only token is refused any write before the method is looked at
    "api:root": (ANON, "200 405 405", "200 405 405", "200 405 405", "200 405 405", "200 405 405",
                 "200 403 403", "200 405 405", "200 403 403"),
    "api:schema": PUBLIC_DOC,
    "api:docs": PUBLIC_DOC,
    "api:partnership-list": (ANON, "200 400 405", "200 400 405", "200 403 405", "200 403 405", "200 400 405",
                             "200 403 403", "200 400 405", "200 403 403"),
    "api:partnership-detail": (ANON, "200 405 400", "200 405 403", "200 405 403", "200 405 403", "200 405 400",
                               "200 403 403", "200 405 400", "200 403 403"),
    "api:partnership-transition": (ANON, "405 400 405", "405 403 405", "405 403 405", "405 403 405", "405 400 405",
                                   "405 403 403", "405 400 405", "405 403 403"),
}
# fmt: on


def api_urls(partnership):
    for name, _route, pattern in all_patterns():
        if name.startswith("api:"):
            kwargs = {"reference": partnership.reference} if "reference" in pattern.pattern.regex.groupindex else {}
            yield name, reverse(name, kwargs=kwargs)


@pytest.fixture
def clients(officer, outsider, scrutiny, legal, admin_user, make_token):
    def signed_in(user):
        client = APIClient()
        if user is not None:
            client.force_login(user)
        return client

    def bearer(key):
        client = APIClient()
        client.credentials(HTTP_AUTHORIZATION=f"Bearer {key}")
        return client

    users = (None, officer, outsider, scrutiny, legal, admin_user)
    return [
        *(signed_in(user) for user in users),
        bearer(make_token(officer, ApiTokenScope.READ)),
        bearer(make_token(officer, ApiTokenScope.WRITE)),
        bearer(make_token(admin_user, ApiTokenScope.READ)),
    ]


def test_every_api_endpoint_answers_every_role_and_token_as_the_matrix_says(partnership, clients):
    found = dict(api_urls(partnership))
    assert not sorted(set(found) - set(MATRIX)), "API endpoints with no row in MATRIX"
    assert not sorted(set(MATRIX) - set(found)), "MATRIX rows for endpoints that no longer exist"
    problems = []
    for name, url in found.items():
        for column, client, want in zip(COLUMNS, clients, MATRIX[name], strict=True):
            got = []
            for method in ("get", "post", "patch"):
                with transaction.atomic():
                    got.append(str(getattr(client, method)(url, format="json").status_code))
                    transaction.set_rollback(True)
            if " ".join(got) != want:
                problems.append(f"{name} as {column}: expected {want}, got {' '.join(got)}")
    assert not problems, "\n".join(problems)
