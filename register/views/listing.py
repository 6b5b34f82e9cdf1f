"""The register list: filters, search, sorting and pagination, all kept in the query string."""

from django.urls import NoReverseMatch, reverse
from django.views.generic import ListView

from ..filtersets import SORTABLE, PartnershipFilterSet
from ..forms.filters import filter_helper, search_helper
from ..models import Partnership
from .mixins import RoleRequiredMixin
from .saved import clean_query, saved_views_for

LIST_COLUMNS = (
    "reference",
    "name",
    "partnership_type",
    "status",
    "significance",
    "rag",
    "next_review_due",
    "lead_officer_shown_as",
    "directorate__name",
)


def query_with(request, **changes):
    """The current query string with some parameters changed (None removes one)."""
    params = request.GET.copy()
    for key, value in changes.items():
        params.pop(key, None)
        if value is not None:
            params[key] = value
    encoded = params.urlencode()
    return f"?{encoded}" if encoded else "?"


def pagination_items(request, page_obj, param="page", fragment=""):
    """Items for the GOV.UK pagination component: numbers, the current page and ellipses.

    `param` names the page in the query string (pages with several lists give each its own) and
    `fragment` is added to every link so the browser returns to the list.
    """
    if page_obj is None or page_obj.paginator.num_pages < 2:
        return None
    paginator = page_obj.paginator

    def url(number):
        return query_with(request, **{param: str(number)}) + (f"#{fragment}" if fragment else "")

    items = [
        {"ellipsis": True}
        if number == paginator.ELLIPSIS
        else {"number": number, "url": url(number), "current": number == page_obj.number}
        for number in paginator.get_elided_page_range(page_obj.number, on_each_side=1, on_ends=1)
    ]
    return {
        "items": items,
        "previous": url(page_obj.previous_page_number()) if page_obj.has_previous() else None,
        "next": url(page_obj.next_page_number()) if page_obj.has_next() else None,
    }


def sort_headers(request, sortable=SORTABLE, default="reference"):
    """Column headings with a link that sorts by that column (and reverses on a second click)."""
    current = request.GET.get("sort", default)
    headers = []
    for key, _db, label in sortable:
        ascending, descending = current == key, current == f"-{key}"
        headers.append(
            {
                "key": key,
                "label": label,
                "url": query_with(request, sort=f"-{key}" if ascending else key, page=None),
                "aria_sort": "ascending" if ascending else "descending" if descending else "none",
            }
        )
    return headers


def export_links(request):
    """Download links for the same rows; absent until the toolkit app provides the exports."""
    query = request.GET.copy()
    query.pop("page", None)
    suffix = f"?{query.urlencode()}" if query else ""
    links = []
    for name, label in (("toolkit:export", "Download as Excel"), ("toolkit:export_csv", "Download as CSV")):
        try:
            links.append({"label": label, "url": reverse(name) + suffix})
        except NoReverseMatch:
            continue
    return links


class PartnershipListView(RoleRequiredMixin, ListView):
    template_name = "register/partnership_list.html"
    paginate_by = 25
    context_object_name = "partnerships"

    def get_queryset(self):
        # Only the columns the table shows: no long texts, and no join or GROUP BY, so one page of
        # 20,000 partnerships is read straight off an index. The lead officer is shown as stored, the
        # name the list is sorted by, so no user is read.
        base = Partnership.objects.select_related("directorate").only(*LIST_COLUMNS).order_by("reference")
        self.filterset = PartnershipFilterSet(self.request.GET or None, queryset=base, request=self.request)
        if self.filterset.is_bound and not self.filterset.is_valid():
            return base.none()
        return self.filterset.qs if self.filterset.is_bound else base

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context.update(
            filterset=self.filterset,
            filter_form=self.filterset.form,
            search_helper=search_helper(),
            filter_helper=filter_helper(),
            filters_open=any(
                self.request.GET.get(name) for name in self.filterset.filters if name not in ("q", "sort")
            ),
            result_count=context["paginator"].count,
            headers=sort_headers(self.request),
            pagination=pagination_items(self.request, context["page_obj"]),
            export_links=export_links(self.request),
            can_add=self.request.user.has_perm("register.add_partnership"),
            is_filtered=self.filterset.is_bound and self.filterset.is_filtered,
            saved_views=saved_views_for(self.request.user),
            current_query=clean_query(self.request.GET.urlencode()),
        )
        return context
