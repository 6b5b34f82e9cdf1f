from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404
from django.views.generic import TemplateView, View

from register.views.mixins import RoleRequiredMixin

from . import report
from .models import AssuranceRound

CONTENT_TYPES = {
    "pdf": "application/pdf",
    "docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
}


class AnnualReportView(RoleRequiredMixin, TemplateView):
    template_name = "reviews/assurance/report/page.html"
    permission = "reviews.view_annual_report"
    http_method_names = ["get", "head", "options"]

    def get_context_data(self, **kwargs):
        assurance_round = get_object_or_404(AssuranceRound, pk=self.kwargs["pk"])
        return super().get_context_data(**report.context(assurance_round), **kwargs)


class AnnualReportDownloadView(RoleRequiredMixin, View):
    permission = "reviews.view_annual_report"
    http_method_names = ["get", "head", "options"]

    def get(self, request, pk, format):
        if format not in CONTENT_TYPES:
            raise Http404("No such format")
        assurance_round = get_object_or_404(AssuranceRound, pk=pk)
        body = report.render_pdf(assurance_round) if format == "pdf" else report.render_docx(assurance_round)
        response = HttpResponse(body, content_type=CONTENT_TYPES[format])
        response["Content-Disposition"] = f'attachment; filename="{report.filename(assurance_round, format)}"'
        return response
