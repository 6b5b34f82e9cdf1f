"""Long work in the background, with progress the user can see.

A `Job` is what the user sees ("We're preparing your file"); the task queue (django-tasks, see
settings.TASKS) only carries the job's id to a worker. So progress, failures and the result file
look the same whichever backend runs the work: the database worker by default, RQ in production.

    job = start_job(kind=JobKind.REGISTER_EXPORT, owner=request.user, params={...})
    return redirect(job)   # the progress page; a worker runs runners.RUNNERS[job.kind](job)

`start_job` and `job_for_query` are in queue.py; each part registers what a worker does for its
kinds of job with `runners.runner(kind)`.
"""
