"""A queue outside the database (RQ) gets a task only once the records it reads are committed; the
database queue gets it at once, in the same transaction, so a rollback takes the task with it."""

import pytest

from partnerships.jobs.models import JobKind, JobStatus
from partnerships.jobs.queue import start_job

pytestmark = pytest.mark.django_db


def test_with_rq_a_job_is_handed_to_the_worker_only_after_its_row_is_committed(
    scrutiny, settings, django_capture_on_commit_callbacks
):
    settings.TASK_BACKEND = "rq"  # the queue itself stays the immediate one of the tests
    with django_capture_on_commit_callbacks(execute=False) as waiting:
        job = start_job(kind=JobKind.REGISTER_EXPORT, owner=scrutiny, params={"query": ""})
    job.refresh_from_db()
    assert job.status == JobStatus.WAITING  # not yet given to a worker: the transaction is still open
    assert len(waiting) == 1
    waiting[0]()
    job.refresh_from_db()
    assert job.status == JobStatus.DONE


def test_with_the_database_queue_a_job_is_enqueued_in_the_same_transaction(
    scrutiny, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=False) as waiting:
        job = start_job(kind=JobKind.REGISTER_EXPORT, owner=scrutiny, params={"query": ""})
    job.refresh_from_db()
    assert job.status == JobStatus.DONE
    assert waiting == []
