import pytest
from rest_framework.test import APIClient

from partnerships.models import ApiToken, ApiTokenScope


@pytest.fixture
def make_token(admin_user):
    """`make_token(user, scope)` returns the key of a new token acting as `user`."""

    def make(user, scope=ApiTokenScope.READ, **kwargs):
        token = ApiToken(
            name=f"{scope} token for {user.username}", user=user, scope=scope, created_by=admin_user, **kwargs
        )
        key = token.generate_key()
        token.save()
        return key

    return make


@pytest.fixture
def api():
    """`api(user=None, key=None)`: an API client signed in as `user` (session) or carrying a token."""

    def client(user=None, key=None):
        result = APIClient()
        if user is not None:
            result.force_login(user)
        if key is not None:
            result.credentials(HTTP_AUTHORIZATION=f"Bearer {key}")
        return result

    return client
