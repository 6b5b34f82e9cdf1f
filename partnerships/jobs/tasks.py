"""The tasks the queue carries (django-tasks: `django.tasks` from Django 6 on).

Only ids and plain values cross the queue; everything else is read from the database by the worker.
"""

import logging

from django.core.management import call_command
from django.db import transaction
from django_tasks import task

from .models import Job, JobFailed, JobStatus

logger = logging.getLogger(__name__)
FAULT = "Something went wrong while preparing this. Try again; if it happens again, tell the register team."


@task()
def run_job(job_id):
    from .runners import RUNNERS

    with transaction.atomic():
        job = Job.objects.select_for_update().filter(pk=job_id, status=JobStatus.WAITING).first()
        if job is None:  # already run (a queue that delivers twice) or deleted
            return
        job.mark_running("Started.")
    try:
        RUNNERS[job.kind](job)
    except JobFailed as failed:
        job.fail(str(failed), failed.failed_rows)
    except Exception:
        logger.exception("Job %s (%s) failed", job.pk, job.kind)
        job.fail(FAULT)
        raise


@task()
def expire_jobs():
    """Delete finished jobs' files once they expire; fail jobs whose worker died."""
    call_command("expire_jobs")
