"""Production hardening: check --deploy is clean, a strict Content-Security-Policy that every page
keeps to, login throttling, sessions that expire, passwords that must be strong."""

import datetime
import os
import re
import secrets
import subprocess
import sys
from pathlib import Path

import pytest
from django.contrib.auth.password_validation import validate_password
from django.contrib.sessions.models import Session
from django.core.exceptions import ValidationError
from django.test import Client
from django.utils import timezone

from tests.conftest import PASSWORD

from .test_permission_matrix import cases

ROOT = Path(__file__).resolve().parents[2]
pytestmark = pytest.mark.django_db


def production_env(**extra):
    """The environment of a production server: only what the README says to set, and `extra`."""
    env = {
        key: value
        for key, value in os.environ.items()
        if not key.startswith(("DJANGO_", "DEBUG", "SECURE", "SECRET_KEY", "DATABASE_URL", "STATICFILES_"))
    }
    env.update(DJANGO_SETTINGS_MODULE="partnerships.settings", DEBUG="false", **extra)
    return env


def manage(*args, env):
    return subprocess.run(
        [sys.executable, "manage.py", *args], cwd=ROOT, env=env, capture_output=True, text=True, timeout=120
    )


@pytest.fixture(scope="module")
def collected_static(tmp_path_factory):
    """STATIC_ROOT after `collectstatic`, as the README's deploy steps leave it."""
    root = tmp_path_factory.mktemp("staticfiles")
    env = production_env(SECRET_KEY="collect", ALLOWED_HOSTS="localhost", STATIC_ROOT=str(root))
    result = manage("collectstatic", "--no-input", env=env)
    assert result.returncode == 0, result.stderr
    return root


def test_production_settings_pass_check_deploy_with_only_key_hosts_and_debug_set(collected_static):
    env = production_env(SECRET_KEY=secrets.token_urlsafe(50), ALLOWED_HOSTS="partnerships.example.gov.uk")
    result = manage("check", "--deploy", "--fail-level", "WARNING", env={**env, "STATIC_ROOT": str(collected_static)})
    output = result.stdout + result.stderr
    assert result.returncode == 0, output
    assert "System check identified no issues" in output, output


def test_with_debug_off_the_app_refuses_to_start_without_a_secret_key():
    result = manage("check", env=production_env(ALLOWED_HOSTS="partnerships.example.gov.uk"))
    assert result.returncode != 0
    assert "SECRET_KEY is not set" in result.stderr


def test_with_debug_off_https_is_the_default_and_plain_http_is_an_explicit_opt_out():
    script = (
        "from django.conf import settings as s; "
        "print(s.SECURE_SSL_REDIRECT, s.SESSION_COOKIE_SECURE, s.CSRF_COOKIE_SECURE, bool(s.SECURE_HSTS_SECONDS), "
        "s.TRUSTED_PROXY_COUNT)"
    )
    env = production_env(SECRET_KEY=secrets.token_urlsafe(50), ALLOWED_HOSTS="partnerships.example.gov.uk")
    assert manage("shell", "--no-imports", "-c", script, env=env).stdout.split() == [
        "True",
        "True",
        "True",
        "True",
        "0",  # no proxy trusted unless the deployment says how many there are
    ]
    plain = manage("shell", "--no-imports", "-c", script, env={**env, "SECURE": "false"}).stdout.split()
    assert plain == ["False", "False", "False", "False", "0"]


def test_a_server_started_before_collectstatic_stops_with_a_clear_message(tmp_path):
    env = production_env(
        SECRET_KEY=secrets.token_urlsafe(50), ALLOWED_HOSTS="localhost", STATIC_ROOT=str(tmp_path / "empty")
    )
    started = subprocess.run(
        [sys.executable, "-c", "import partnerships.wsgi"], cwd=ROOT, env=env, capture_output=True, text=True
    )
    assert started.returncode != 0
    assert "manage.py collectstatic" in started.stderr
    deploy = manage("check", "--deploy", env=env)
    assert deploy.returncode != 0 and "manage.py collectstatic" in deploy.stderr


# -- Content-Security-Policy ---------------------------------------------------------------------------
INLINE_SCRIPT = re.compile(r"<script(?![^>]*\bsrc=)(?![^>]*type=\"application/(?:ld\+)?json\")[^>]*>", re.I)
EVENT_HANDLER = re.compile(r"<[^>]+\son[a-z]+\s*=", re.I)
STYLE_ATTRIBUTE = re.compile(r"<[^>]+\sstyle\s*=", re.I)
JAVASCRIPT_URL = re.compile(r"(?:href|src|action)\s*=\s*[\"']?\s*javascript:", re.I)


def test_every_page_sends_a_strict_content_security_policy(client_for, officer):
    policy = client_for(officer).get("/partnerships/")["Content-Security-Policy"]
    directives = dict(part.strip().split(" ", 1) for part in policy.split(";") if part.strip())
    assert directives["default-src"] == "'self'"
    assert directives["script-src"] == "'self'"
    assert directives["style-src"] == "'self'"
    assert directives["object-src"] == "'none'"
    assert directives["frame-ancestors"] == "'none'"
    assert "unsafe" not in policy
    assert "Content-Security-Policy" in Client().get("/accounts/login/")


@pytest.mark.slow
def test_no_page_has_inline_script_event_handlers_or_style_attributes(world, client_for, officer, admin_user, legal):
    """What the policy would block must not be there: every page of the app, as three roles."""
    checked = 0
    for user in (officer, legal, admin_user):
        client = client_for(user)
        for key, url in cases(world):
            response = client.get(url)
            if response.status_code != 200 or not response["Content-Type"].startswith("text/html"):
                continue
            html = response.content.decode()
            for pattern, what in [
                (INLINE_SCRIPT, "an inline <script>"),
                (EVENT_HANDLER, "an on...= event handler"),
                (STYLE_ATTRIBUTE, "a style= attribute (use a class in static/css/app.css)"),
                (JAVASCRIPT_URL, "a javascript: URL"),
            ]:
                found = pattern.search(html)
                assert not found, f"{key} ({url}) as {user.username} has {what}: {found.group(0)[:120]}"
            checked += 1
    assert checked > 60


# -- login throttling ------------------------------------------------------------------------------------
def sign_in(client, username, password):
    return client.post("/accounts/login/", {"username": username, "password": password})


def test_the_right_password_signs_in_through_the_form(officer):
    client = Client()
    response = sign_in(client, officer.username, PASSWORD)
    assert response.status_code == 302
    assert client.get("/partnerships/").status_code == 200


def test_repeated_wrong_passwords_lock_the_account_with_a_clear_page(officer, settings):
    client = Client()
    for _ in range(settings.AXES_FAILURE_LIMIT - 1):
        response = sign_in(client, officer.username, "wrong password")
        assert response.status_code == 200
        assert "Enter a correct username and password" in response.content.decode()
    locked = sign_in(client, officer.username, "wrong password")
    assert locked.status_code == 429
    page = locked.content.decode()
    assert "Too many attempts to sign in" in page
    assert "Wait 15 minutes and try again" in page
    # while locked, even the right password is refused, from any browser
    again = sign_in(Client(), officer.username, PASSWORD)
    assert again.status_code == 429


def test_one_persons_wrong_passwords_do_not_lock_out_colleagues_behind_the_same_proxy(officer, scrutiny, settings):
    proxy = {"REMOTE_ADDR": "10.0.0.1"}  # every officer reaches the app through the council's proxy
    for _ in range(settings.AXES_FAILURE_LIMIT):
        Client(**proxy).post("/accounts/login/", {"username": officer.username, "password": "wrong password"})
    assert sign_in(Client(**proxy), officer.username, PASSWORD).status_code == 429
    colleague = sign_in(Client(**proxy), scrutiny.username, PASSWORD)
    assert colleague.status_code == 302
    assert sign_in(Client(**proxy), "someone.else", "wrong password").status_code == 200


def test_the_locked_out_page_says_how_long_the_pause_really_is(officer, settings):
    settings.AXES_COOLOFF_TIME = datetime.timedelta(minutes=40)
    for _ in range(settings.AXES_FAILURE_LIMIT):
        locked = sign_in(Client(), officer.username, "wrong password")
    assert "Wait 40 minutes and try again" in locked.content.decode()


def test_a_successful_sign_in_resets_the_count(officer, settings):
    client = Client()
    for _ in range(settings.AXES_FAILURE_LIMIT - 1):
        sign_in(client, officer.username, "wrong password")
    assert sign_in(client, officer.username, PASSWORD).status_code == 302
    assert sign_in(Client(), officer.username, "wrong password").status_code == 200


# -- sessions and passwords --------------------------------------------------------------------------------
def test_sessions_expire_after_a_working_day_and_when_the_browser_closes(officer, settings):
    client = Client()
    sign_in(client, officer.username, PASSWORD)
    assert settings.SESSION_COOKIE_AGE <= 8 * 60 * 60
    assert settings.SESSION_EXPIRE_AT_BROWSER_CLOSE
    cookie = client.cookies[settings.SESSION_COOKIE_NAME]
    assert not cookie["expires"] and not cookie["max-age"]  # a browser-session cookie
    assert cookie["httponly"]
    Session.objects.update(expire_date=timezone.now() - timezone.timedelta(seconds=1))
    response = client.get("/partnerships/")
    assert response.status_code == 302 and response["Location"].startswith("/accounts/login/")


@pytest.mark.parametrize("weak", ["password123", "12345678901234", "northmoor", "olivia.officer1"])
def test_weak_passwords_are_refused(officer, weak):
    with pytest.raises(ValidationError):
        validate_password(weak, user=officer)


def test_a_strong_password_is_accepted(officer):
    validate_password("correct horse battery staple", user=officer)
