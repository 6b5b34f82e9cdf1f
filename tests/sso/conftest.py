"""A real OpenID Connect provider (tests/oidc_provider) in a second process, and the register
configured to sign in through it."""

import json
import subprocess
import sys
from pathlib import Path

import pytest

from partnerships.models import ClaimKind, SignOnMapping
from register import roles

ROOT = Path(__file__).resolve().parents[2]
PASSWORD = "council account password"
PEOPLE = [
    {
        "username": "priya.patel",
        "first_name": "Priya",
        "last_name": "Patel",
        "email": "priya.patel@northmoor.gov.uk",
        "groups": ["grp-partnership-officers", "dept:ASC"],
    },
    {
        "username": "nick.nobody",
        "first_name": "Nick",
        "last_name": "Nobody",
        "email": "nick.nobody@northmoor.gov.uk",
        "groups": ["grp-canteen-rota"],
    },
]


@pytest.fixture(scope="module")
def identity_provider(live_server):
    """The provider process, started once per test module (it takes a few seconds to migrate)."""
    people = [{**person, "password": PASSWORD} for person in PEOPLE]
    process = subprocess.Popen(
        [sys.executable, "-m", "tests.oidc_provider.serve", f"{live_server.url}/sso/callback/", json.dumps(people)],
        cwd=ROOT,
        stdout=subprocess.PIPE,
        text=True,
    )
    try:
        base = process.stdout.readline().strip()
        assert base.startswith("http://"), "the test OpenID Connect provider did not start"
        yield base
    finally:
        process.terminate()
        process.wait(timeout=10)


@pytest.fixture
def provider(identity_provider, settings):
    """The register configured, by settings as in production, to sign in through the provider."""
    base = identity_provider
    settings.OIDC_RP_CLIENT_ID = "register"
    settings.OIDC_RP_CLIENT_SECRET = "register-secret"
    settings.OIDC_OP_AUTHORIZATION_ENDPOINT = f"{base}/o/authorize/"
    settings.OIDC_OP_TOKEN_ENDPOINT = f"{base}/o/token/"
    settings.OIDC_OP_USER_ENDPOINT = f"{base}/o/userinfo/"
    settings.OIDC_OP_JWKS_ENDPOINT = f"{base}/o/.well-known/jwks.json"
    settings.OIDC_OP_LOGOUT_ENDPOINT = f"{base}/o/logout/"
    settings.AUTHENTICATION_BACKENDS = [*settings.AUTHENTICATION_BACKENDS, "partnerships.sso.backend.SignOnBackend"]
    return base


@pytest.fixture
def mappings(directorate):
    from django.contrib.auth.models import Group

    SignOnMapping.objects.create(
        kind=ClaimKind.GROUP, value="grp-partnership-officers", role=Group.objects.get(name=roles.OFFICER)
    )
    SignOnMapping.objects.create(kind=ClaimKind.DEPARTMENT, value="ASC", directorate=directorate)
