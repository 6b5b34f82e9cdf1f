"""Putting a task on the queue at the right moment.

The database queue (the default) writes its task row in the same transaction as the records the task
will read, so it is enqueued at once: if the transaction rolls back, the task goes with it. A queue
outside the database (RQ on Redis) would hand the task to a worker straight away, possibly before
those records are committed, so there the task is enqueued once the transaction commits.
"""

from functools import partial

from django.conf import settings
from django.db import transaction
from django.utils import timezone

from .models import Job
from .tasks import run_job


def enqueue(task, *args, **kwargs):
    if settings.TASK_BACKEND == "rq":
        transaction.on_commit(partial(task.enqueue, *args, **kwargs))
    else:
        task.enqueue(*args, **kwargs)


def start_job(*, kind, owner, params=None, rows_total=None, next_url=""):
    """Record a job and put it on the queue; the caller sends the user to its progress page."""
    job = Job.objects.create(
        kind=kind,
        owner=owner,
        params=params or {},
        rows_total=rows_total,
        next_url=next_url,
        expires_at=timezone.now() + settings.JOB_RESULTS_KEPT_FOR,
    )
    enqueue(run_job, str(job.pk))
    return job


def job_for_query(*, kind, owner, query, rows_total=None):
    """A job for a page's query string (export, report pack): the same one again after a double
    click or a reload, while it is unfinished; else a new one."""
    running = Job.objects.unfinished().filter(kind=kind, owner=owner, params__query=query).first()
    return running or start_job(kind=kind, owner=owner, params={"query": query}, rows_total=rows_total)
