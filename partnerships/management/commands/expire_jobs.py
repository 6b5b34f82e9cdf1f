from django.core.management.base import BaseCommand

from partnerships.jobs.models import Job, JobStatus


class Command(BaseCommand):
    help = (
        "Delete background jobs (and their files) past their expiry time, and mark as failed the jobs "
        "whose worker stopped mid-way. Run daily (the scheduler does)."
    )

    def handle(self, *args, **options):
        stalled = Job.objects.stalled().update(
            status=JobStatus.FAILED,
            message="The worker stopped before this finished. Nothing was half done: start it again.",
        )
        expired = 0
        for job in Job.objects.expired().exclude(status__in=[JobStatus.WAITING, JobStatus.RUNNING]).iterator():
            job.delete_result()
            job.delete()
            expired += 1
        self.stdout.write(
            f"{expired} expired job{'s' if expired != 1 else ''} deleted, {stalled} stalled marked failed."
        )
