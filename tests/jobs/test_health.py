"""/healthz for load balancers: no sign-in, JSON, 503 when a part is down, and nothing secret in it."""

import json

import pytest
from django.db import connection

pytestmark = pytest.mark.django_db


def test_healthz_reports_every_part_without_signing_in(client, settings):
    response = client.get("/healthz")
    assert response.status_code == 200 and response["Content-Type"] == "application/json"
    body = response.json()
    assert body["status"] == "ok"
    assert body["checks"]["database"] == body["checks"]["cache"] == body["checks"]["storage"] == "ok"
    assert body["checks"]["queue"] == {"waiting": 0, "oldest_seconds": 0}
    text = json.dumps(body)
    for secret in (settings.SECRET_KEY, str(settings.DATABASES["default"]["NAME"]), str(settings.MEDIA_ROOT)):
        assert secret not in text


def test_healthz_counts_the_queue_backlog(client):
    from django_tasks_db.models import DBTaskResult

    from partnerships.jobs.tasks import expire_jobs

    DBTaskResult.objects.create(
        task_path=expire_jobs.module_path,
        args_kwargs={"args": [], "kwargs": {}},
        queue_name="default",
        backend_name="default",
    )
    assert client.get("/healthz").json()["checks"]["queue"]["waiting"] == 1


def test_healthz_is_503_when_the_cache_is_down(client, settings):
    settings.CACHES = {
        "default": {"BACKEND": "django.core.cache.backends.redis.RedisCache", "LOCATION": "redis://127.0.0.1:1/0"}
    }
    response = client.get("/healthz")
    assert response.status_code == 503
    assert response.json()["checks"]["cache"] == "failing: ConnectionError"
    assert response.json()["checks"]["database"] == "ok"
    assert connection.is_usable()
