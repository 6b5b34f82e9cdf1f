"""`/healthz`: can this server do its work? For load balancers and monitoring; no sign-in, no secrets.

200 when the database, the cache and file storage answer; 503 when any does not. The queue backlog
(tasks waiting, and the oldest one's age) is reported for monitoring; a long backlog means the
worker is down or too slow, which alerting should watch rather than the load balancer.
"""

import datetime
import uuid

from django.conf import settings
from django.core.cache import cache
from django.core.files.storage import default_storage
from django.db import connection
from django.http import JsonResponse
from django.utils import timezone
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET


def check_database():
    with connection.cursor() as cursor:
        cursor.execute("SELECT 1")
        cursor.fetchone()


def check_cache():
    key, value = f"healthz:{uuid.uuid4().hex}", "ok"
    cache.set(key, value, 10)
    try:
        if cache.get(key) != value:
            raise RuntimeError("cache did not return what was stored")
    finally:
        cache.delete(key)


def check_storage():
    default_storage.exists("healthz-probe")  # a read: proves the storage answers, changes nothing


def queue_backlog():
    """Tasks waiting on the database queue; for RQ, the length of its default queue."""
    if settings.TASK_BACKEND == "database":
        from django_tasks_db.models import DBTaskResult

        waiting = DBTaskResult.objects.ready()
        oldest = waiting.order_by("enqueued_at").values_list("enqueued_at", flat=True).first()
        age = (timezone.now() - oldest) if oldest else datetime.timedelta(0)
        return {"waiting": waiting.count(), "oldest_seconds": int(age.total_seconds())}
    if settings.TASK_BACKEND == "rq":
        import django_rq

        return {"waiting": len(django_rq.get_queue("default"))}
    return {"waiting": 0}


CHECKS = {"database": check_database, "cache": check_cache, "storage": check_storage}


@never_cache
@require_GET
def healthz(request):
    results, healthy = {}, True
    for name, check in CHECKS.items():
        try:
            check()
            results[name] = "ok"
        except Exception as error:  # any failure is a failed check; only the kind of error is shown
            results[name] = f"failing: {type(error).__name__}"
            healthy = False
    try:
        results["queue"] = queue_backlog()
    except Exception as error:
        results["queue"] = f"failing: {type(error).__name__}"
    return JsonResponse({"status": "ok" if healthy else "failing", "checks": results}, status=200 if healthy else 503)
