"""Background jobs: recorded, then put on the queue (`enqueue`, at the right moment)."""

from django.conf import settings
from django.utils import timezone

from .enqueue import enqueue
from .models import Job
from .tasks import run_job


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
