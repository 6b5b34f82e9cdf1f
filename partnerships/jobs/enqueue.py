"""Putting a task on the queue at the right moment.

The database queue (the default) writes its task row in the same transaction as the records the task
will read, so it is enqueued at once: if the transaction rolls back, the task goes with it. A queue
outside the database (RQ on Redis) would hand the task to a worker straight away, possibly before
those records are committed, so there the task is enqueued once the transaction commits.
"""

from functools import partial

from django.conf import settings
from django.db import transaction


def enqueue(task, *args, **kwargs):
    if settings.TASK_BACKEND == "rq":
        transaction.on_commit(partial(task.enqueue, *args, **kwargs))
    else:
        task.enqueue(*args, **kwargs)
