"""The register administrators' landing page: imports, data quality and assurance rounds at a glance.

The project package composes it: imports are partnerships' (the toolkit and background jobs), data
quality is the register's (register/quality.py) and rounds are reviews' (reviews/assurance). Each
part is one query, however much data there is.
"""

import datetime

from django.urls import reverse
from django.utils import timezone
from django.utils.http import urlencode
from django.views.generic import TemplateView

from register import quality
from register.views.mixins import RoleRequiredMixin
from reviews.assurance.rounds import open_rounds_at_a_glance

from .jobs.models import Job, JobStatus
from .models import ToolkitImport

RECENT_IMPORTS = 5
FAILED_JOBS_SINCE = datetime.timedelta(days=30)


def data_quality():
    """[(check, count, link to those partnerships in the register)] for every check."""
    counts = quality.counts()
    register = reverse("register:partnership_list")
    return [(check, counts[check.key], f"{register}?{urlencode({'quality': check.key})}") for check in quality.CHECKS]


class RegisterHealthView(RoleRequiredMixin, TemplateView):
    permission = "register.view_register_health"
    template_name = "partnerships/register_health.html"
    http_method_names = ["get", "head", "options"]

    def get_context_data(self, **kwargs):
        since = timezone.now() - FAILED_JOBS_SINCE
        return super().get_context_data(
            imports=ToolkitImport.objects.select_related("user")[:RECENT_IMPORTS],
            failed_jobs=Job.objects.filter(status=JobStatus.FAILED, created_at__gte=since).select_related("owner")[:5],
            failed_since=since,
            checks=data_quality(),
            rounds=open_rounds_at_a_glance(),
            **kwargs,
        )
