"""The progress page ("We're preparing your file") and the download. A user sees only their own jobs."""

from django.contrib import messages
from django.contrib.auth.mixins import LoginRequiredMixin
from django.http import FileResponse, Http404
from django.shortcuts import get_object_or_404, redirect
from django.utils.http import url_has_allowed_host_and_scheme
from django.views import View
from django.views.generic import TemplateView

from .models import Job, JobStatus

REFRESH_SECONDS = 2
FAILED_ROWS_SHOWN = 50


class OwnJobMixin(LoginRequiredMixin):
    """Someone else's job is "not found" (404), the same as one that never existed."""

    def dispatch(self, request, *args, **kwargs):
        if not request.user.is_authenticated:
            return self.handle_no_permission()
        self.job = get_object_or_404(Job, pk=kwargs["job"], owner=request.user)
        return super().dispatch(request, *args, **kwargs)


def safe_next_url(job):
    return job.next_url if url_has_allowed_host_and_scheme(job.next_url, allowed_hosts=None) else ""


class JobView(OwnJobMixin, TemplateView):
    """Progress while the job runs; then the download, or (a job with no file) the page it changed."""

    template_name = "jobs/detail.html"

    def get(self, request, *args, **kwargs):
        job = self.job
        if job.status == JobStatus.DONE and not job.has_download and safe_next_url(job):
            if job.message:
                messages.success(request, job.message)
            return redirect(safe_next_url(job))
        return super().get(request, *args, **kwargs)

    def get_context_data(self, **kwargs):
        job = self.job
        kwargs["job"] = job  # the object, not the id from the URL
        return super().get_context_data(
            refresh_seconds=None if job.is_finished else REFRESH_SECONDS,
            failed_rows=job.failed_rows[:FAILED_ROWS_SHOWN],
            next_url=safe_next_url(job),
            can_download=job.has_download,
            **kwargs,
        )


class JobDownloadView(OwnJobMixin, View):
    def get(self, request, *args, **kwargs):
        job = self.job
        if not job.has_download:
            raise Http404("This file is not ready, or has expired.")
        try:
            stored = job.result.open("rb")
        except (FileNotFoundError, OSError) as error:
            raise Http404("This file has expired.") from error
        return FileResponse(stored, as_attachment=True, filename=job.result_name, content_type=job.result_type)
