"""The scrutiny dashboard and the lists behind its figures. Everything here is read-only."""

from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.views.generic import ListView, TemplateView

from partnerships.jobs.models import JobKind
from partnerships.jobs.queue import job_for_query
from register import lifecycle
from register.forms import error_summary_items, gds_helper
from register.models import Partnership, RiskEntry
from register.views.listing import pagination_items
from register.views.mixins import RoleRequiredMixin

from ..assurance.home import assurance_dashboard_context
from . import compliance, exports, queries, review_due
from .context import dashboard_context, link_url
from .filtersets import PartnershipListFilterSet, RiskFilterSet, ScopeFilterSet, filtered
from .forms import ReportForm
from .lists import CountedByFigureMixin, compliance_figure, risk_figure


def scope_filterset(request, filterset_class=ScopeFilterSet, queryset=None, **kwargs):
    queryset = Partnership.objects.all() if queryset is None else queryset
    filterset = filterset_class(request.GET or None, queryset=queryset, request=request, **kwargs)
    filterset.form.helper = gds_helper()
    return filterset


class DashboardView(RoleRequiredMixin, TemplateView):
    template_name = "dashboard/index.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        filterset = scope_filterset(self.request)
        scope = filterset.scope_params()
        context.update(dashboard_context(filtered(filterset), scope, timezone.localdate()))
        context.update(filterset=filterset, scope_description=filterset.scope_description(), is_filtered=bool(scope))
        context.update(assurance_dashboard_context(timezone.localdate()))
        return context


class PartnershipListView(RoleRequiredMixin, ListView):
    """The partnerships behind a count on the dashboard."""

    template_name = "dashboard/partnership_list.html"
    context_object_name = "partnerships"
    paginate_by = 50

    def get_queryset(self):
        base = Partnership.objects.select_related("directorate", "lead_officer").order_by("reference")
        self.filterset = scope_filterset(self.request, PartnershipListFilterSet, base)
        return filtered(self.filterset)

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context.update(
            filterset=self.filterset,
            result_count=context["paginator"].count,
            pagination=pagination_items(self.request, context["page_obj"]),
            dashboard_url=link_url(queries.Link("index"), self.filterset.scope_params()),
        )
        return context


REVIEWS_DUE_PAGE = 25  # partnerships listed per page of each window (a screenful); the downloads hold every one


class ReviewDueView(RoleRequiredMixin, TemplateView):
    """Live partnerships overdue or due for review soon: counted by directorate, and listed by
    directorate and lead officer, a page of each window at a time."""

    template_name = "dashboard/review_due.html"

    def setup(self, request, *args, **kwargs):
        super().setup(request, *args, **kwargs)
        self.filterset = scope_filterset(request)
        self.today = timezone.localdate()

    def get(self, request, *args, **kwargs):
        download = kwargs.get("format")
        if download:  # every partnership due, however many: written in the background, its progress page next
            if download not in exports.CONTENT_TYPES:
                raise Http404("No such download")
            query = request.GET.copy()
            query["format"] = download
            return redirect(job_for_query(kind=JobKind.REVIEWS_DUE, owner=request.user, query=query.urlencode()))
        return super().get(request, *args, **kwargs)

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        scope = self.filterset.scope_params()
        page_numbers = {window.key: self.request.GET.get(page_param(window)) for window in review_due.REVIEW_WINDOWS}
        by_directorate, groups = review_due.listed(filtered(self.filterset), self.today, page_numbers, REVIEWS_DUE_PAGE)
        for row in by_directorate:
            directorate = row.directorate.pk if row.directorate else queries.NO_DIRECTORATE
            row.links = [
                (window, n, link_url(queries.Link("review_due", {"directorate": directorate}, window.key), scope))
                for window, n in row.cells
            ]
        for group in groups:
            group.pagination = pagination_items(self.request, group.page, page_param(group.window), group.window.key)
            group.pagination_label = f"Pages of reviews {group.window.title.lower()}"
        params = self.request.GET.copy()
        for window in review_due.REVIEW_WINDOWS:
            params.pop(page_param(window), None)
        query = params.urlencode()
        suffix = f"?{query}" if query else ""
        context.update(
            by_directorate=by_directorate,
            windows=review_due.REVIEW_WINDOWS,
            groups=groups,
            today=self.today,
            filterset=self.filterset,
            scope_description=self.filterset.scope_description(),
            dashboard_url=link_url(queries.Link("index"), scope),
            downloads=[
                ("Download as a spreadsheet (.xlsx)", reverse("dashboard:review_due_download", args=["xlsx"]) + suffix),
                ("Download as CSV", reverse("dashboard:review_due_download", args=["csv"]) + suffix),
            ],
        )
        return context


def page_param(window):
    """The query-string parameter of a window's page number: each window is paged on its own."""
    return f"{window.key}_page"


class ComplianceView(RoleRequiredMixin, CountedByFigureMixin, ListView):
    """The live partnerships behind a compliance gap (or with any gap), and which gaps each has."""

    template_name = "dashboard/compliance.html"
    context_object_name = "partnerships"
    paginate_by = 50

    def get_queryset(self):
        self.today = timezone.localdate()
        self.gap = compliance.get(self.request.GET.get("gap", ""))
        base = Partnership.objects.select_related("directorate", "lead_officer").order_by("reference")
        self.filterset = scope_filterset(self.request, queryset=base)
        partnerships = filtered(self.filterset)
        condition = self.gap.condition(self.today) if self.gap else compliance.any_gap(self.today, per_row=True)
        return partnerships.filter(condition)

    def figure(self):
        return compliance_figure(self.gap)

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        scope = self.filterset.scope_params()
        gaps = compliance.gaps_by_partnership(context["partnerships"], self.today)  # the page's rows only
        for partnership in context["partnerships"]:
            partnership.gaps = gaps[partnership.pk]
        gap_links = [
            (gap, link_url(queries.Link("compliance", {"gap": gap.key}), scope), gap == self.gap)
            for gap in compliance.GAPS
        ]
        context.update(
            gap=self.gap,
            gap_links=gap_links,
            any_gap_url=link_url(queries.Link("compliance", {"gap": "any"}), scope),
            result_count=context["paginator"].count,
            pagination=pagination_items(self.request, context["page_obj"]),
            filterset=self.filterset,
            scope_description=self.filterset.scope_description(),
            dashboard_url=link_url(queries.Link("index"), scope),
        )
        return context


class RiskListView(RoleRequiredMixin, CountedByFigureMixin, ListView):
    """Open risks on live partnerships: the risks behind a heat-map cell or a band."""

    template_name = "dashboard/risk_list.html"
    context_object_name = "risks"
    paginate_by = 50

    def get_queryset(self):
        self.today = timezone.localdate()
        base = (
            RiskEntry.objects.open()
            .filter(partnership__status__in=lifecycle.LIVE)
            .with_bands()
            .select_related("partnership")
            # The order of register.RiskEntry's risk_worst_first_idx, so the page is read from the index
            # and nothing is sorted; ties go by partnership in the order they joined the register.
            .order_by("-residual_score", "-inherent_score", "partnership_id", "risk_id")
        )
        self.filterset = RiskFilterSet(self.request.GET or None, queryset=base, today=self.today)
        return filtered(self.filterset)

    def figure(self):
        return risk_figure(self.filterset)

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        scope = {name: value for name in ScopeFilterSet.SCOPE_FIELDS if (value := self.request.GET.get(name))}
        context.update(
            result_count=context["paginator"].count,
            pagination=pagination_items(self.request, context["page_obj"]),
            description=self.filterset.description(),
            today=self.today,
            dashboard_url=link_url(queries.Link("index"), scope),
        )
        return context


class ReportView(RoleRequiredMixin, TemplateView):
    """Choose a date and scope, then download the committee report pack as a PDF."""

    template_name = "dashboard/report_form.html"

    def get(self, request, *args, **kwargs):
        submitted = "as_at_0" in request.GET
        form = ReportForm(request.GET if submitted else None)
        filterset = scope_filterset(request)
        if submitted and form.is_valid():  # the PDF is made in the background: its progress page next
            return redirect(job_for_query(kind=JobKind.REPORT_PACK, owner=request.user, query=request.GET.urlencode()))
        context = self.get_context_data(form=form, filterset=filterset, error_summary=error_summary_items(form))
        return render(request, self.template_name, context, status=400 if form.errors else 200)
