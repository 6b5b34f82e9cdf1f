from django.http import Http404
from django.shortcuts import get_object_or_404, redirect
from django.utils.http import urlencode
from django.views.generic import TemplateView, View

from partnerships.jobs.models import JobKind
from partnerships.jobs.queue import job_for_query
from register.views.mixins import RoleRequiredMixin

from . import report
from .models import AssuranceRound


class AnnualReportView(RoleRequiredMixin, TemplateView):
    template_name = "reviews/assurance/report/page.html"
    permission = "reviews.view_annual_report"
    http_method_names = ["get", "head", "options"]

    def get_context_data(self, **kwargs):
        assurance_round = get_object_or_404(AssuranceRound, pk=self.kwargs["pk"])
        return super().get_context_data(**report.context(assurance_round), **kwargs)


class AnnualReportDownloadView(RoleRequiredMixin, View):
    """The PDF or .docx is drawn in the background: this sends the user to the job's progress page,
    the same job again after a double click or a reload while it is unfinished."""

    permission = "reviews.view_annual_report"
    http_method_names = ["get", "head", "options"]

    def get(self, request, pk, format):
        if format not in report.CONTENT_TYPES:
            raise Http404("No such format")
        assurance_round = get_object_or_404(AssuranceRound, pk=pk)
        query = urlencode({"round": assurance_round.pk, "format": format})
        return redirect(job_for_query(kind=JobKind.ANNUAL_REPORT, owner=request.user, query=query))
