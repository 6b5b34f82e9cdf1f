"""Tokens for other council systems: made and revoked by an administrator, hashed, scoped."""

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from partnerships.models import ApiToken, ApiTokenScope

pytestmark = pytest.mark.django_db
LIST = reverse("api:partnership-list")


def detail(partnership):
    return reverse("api:partnership-detail", args=[partnership.reference])


def test_a_read_only_token_reads_but_cannot_write(api, make_token, officer, partnership):
    client = api(key=make_token(officer, ApiTokenScope.READ))
    assert client.get(detail(partnership)).status_code == 200
    response = client.patch(detail(partnership), {"purpose": "Changed", "lock_version": partnership.lock_version})
    assert response.status_code == 403
    assert response.json() == {"detail": "This token is read-only."}
    move = client.post(reverse("api:partnership-transition", args=[partnership.reference]), {"to_status": "exiting"})
    assert move.status_code == 403
    partnership.refresh_from_db()
    assert (partnership.purpose, partnership.status) != ("Changed", "exiting")


def test_a_read_write_token_writes_as_its_user_and_no_further(api, make_token, officer, outsider, partnership):
    mine = api(key=make_token(officer, ApiTokenScope.WRITE))
    changed = mine.patch(detail(partnership), {"purpose": "By the system", "lock_version": partnership.lock_version})
    assert changed.status_code == 200
    theirs = api(key=make_token(outsider, ApiTokenScope.WRITE))
    refused = theirs.patch(detail(partnership), {"purpose": "Not yours", "lock_version": partnership.lock_version + 1})
    assert refused.status_code == 403


def test_revoked_expired_unknown_and_inactive_tokens_are_refused(api, make_token, officer, scrutiny):
    revoked = make_token(officer)
    ApiToken.objects.get(digest=ApiToken.hash(revoked)).revoke()
    expired = make_token(officer, expires_at=timezone.now() - datetime.timedelta(minutes=1))
    inactive = make_token(scrutiny)
    scrutiny.is_active = False
    scrutiny.save()
    for key in (revoked, expired, inactive, "prt_not-a-real-token", make_token(officer) + "x"):
        response = api(key=key).get(LIST)
        assert response.status_code == 401, key
        assert response["WWW-Authenticate"] == "Bearer"


def test_only_a_digest_is_stored_and_last_use_is_recorded(api, make_token, officer):
    key = make_token(officer)
    token = ApiToken.objects.get()
    assert key not in {token.digest, token.key_prefix} and key.startswith(token.key_prefix)
    assert token.last_used_at is None
    api(key=key).get(LIST)
    token.refresh_from_db()
    assert token.last_used_at is not None


def test_an_administrator_creates_a_token_sees_it_once_and_revokes_it(client, admin_user, officer):
    client.force_login(admin_user)
    response = client.post(
        reverse("admin:partnerships_apitoken_add"),
        {"name": "Power BI", "user": officer.pk, "scope": "read"},
        follow=True,
    )
    assert response.status_code == 200
    message = next(str(m) for m in response.context["messages"] if "copy it now" in str(m))
    key = message.split(" is ")[1].split(" ")[0]
    token = ApiToken.objects.get(name="Power BI")
    assert token.digest == ApiToken.hash(key) and token.created_by == admin_user

    listing = client.get(reverse("admin:partnerships_apitoken_changelist")).content.decode()
    assert "Power BI" in listing and key not in listing and "Last used" in listing

    client.post(
        reverse("admin:partnerships_apitoken_changelist"),
        {"action": "revoke", "_selected_action": [token.pk]},
    )
    token.refresh_from_db()
    assert token.is_revoked


def test_other_roles_cannot_manage_tokens(client, officer):
    client.force_login(officer)
    response = client.get(reverse("admin:partnerships_apitoken_changelist"))
    assert response.status_code == 302 and response["Location"].startswith("/admin/login/")


def test_requests_beyond_the_limit_are_throttled(api, officer, settings):
    settings.API_THROTTLE_RATES = {"user": "3/minute", "anon": "3/minute"}
    client = api(officer)
    assert [client.get(LIST).status_code for _ in range(4)] == [200, 200, 200, 429]
