"""Long work in the background, with progress the user can see.

A `Job` is what the user sees ("We're preparing your file"); the task queue (django-tasks, see
settings.TASKS) only carries the job's id to a worker. So progress, failures and the result file
look the same whichever backend runs the work: the database worker by default, RQ in production.

    job = Job.start_new(kind=JobKind.REGISTER_EXPORT, owner=request.user, params={...})
    return redirect(job)   # the progress page; a worker runs runners.RUNNERS[job.kind](job)
"""
