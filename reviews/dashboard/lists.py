"""The lists behind the dashboard's figures, counted by those figures.

A list opened from a figure holds exactly the rows the figure counts, so while the figures are
current (reviews/dashboard/cache.py: counted for the register as it is now) the list's length is
that figure and the list reads only its page of rows. Counting the list again is what made the
compliance and risk lists slow: the count reads every live partnership or every open risk, the page
only its first rows by index. After a change, until the worker has counted again, a list counts
its own rows, so its length and its pages always agree with the rows.
"""

from django.core.paginator import Paginator

from register.models import Partnership

from . import cache
from .filtersets import ScopeFilterSet, filtered


class CountedPaginator(Paginator):
    """A paginator given the number of rows (a figure counted already) rather than counting them."""

    def __init__(self, object_list, per_page, *, count=None, **kwargs):
        super().__init__(object_list, per_page, **kwargs)
        if count is not None:
            self.count = count  # in place of the cached property, which would count the rows


class CountedByFigureMixin:
    """For a ListView behind a figure: `figure` names the figure that counts its rows, or None."""

    def figure(self):
        return None

    def figure_count(self):
        """The list's length from the dashboard's figures for its scope, or None if they are not current."""
        name = self.figure()
        if name is None:
            return None
        counted = cache.counted_now(dashboard_scope(self.request), self.today)
        return None if counted is None else _lookup(counted, name)

    def get_paginator(self, queryset, per_page, orphans=0, allow_empty_first_page=True, **kwargs):
        return CountedPaginator(
            queryset,
            per_page,
            orphans=orphans,
            allow_empty_first_page=allow_empty_first_page,
            count=self.figure_count(),
            **kwargs,
        )


def dashboard_scope(request):
    """The partnerships the dashboard counts for this request's scope (its directorate, type and
    significance), built as the dashboard builds them, so that they name the same figures."""
    return filtered(ScopeFilterSet(request.GET or None, queryset=Partnership.objects.all()))


def _lookup(counted, name):
    """`name` is "totals.<key>" or "risks.<key>": where the figure is in the counts as stored."""
    part, key = name.split(".", 1)
    return counted[part][key]


def compliance_figure(gap):
    """The figure counting the compliance list of `gap` (None: partnerships with any gap)."""
    return "totals.any_gap" if gap is None else f"totals.gap_{gap.key}"


def risk_figure(filterset):
    """The figure counting the risk list chosen by `filterset`'s filters, or None if no figure does.

    The dashboard links a heat-map cell (likelihood and impact, inherent or residual), a band, the
    open risks past their review date and all open risks; any other mix of filters is counted.
    """
    if not filterset.is_bound:
        return "risks.total"
    if not filterset.form.is_valid():  # the list ignores the invalid filters; no figure does the same
        return None
    chosen = {
        name: value
        for name, value in filterset.form.cleaned_data.items()
        if name not in ScopeFilterSet.SCOPE_FIELDS and value not in (None, "")
    }
    names = set(chosen)
    if not names:
        return "risks.total"
    if names == {"likelihood", "impact"}:
        return f"risks.inherent_{chosen['likelihood']}_{chosen['impact']}"
    if names == {"residual_likelihood", "residual_impact"}:
        return f"risks.residual_{chosen['residual_likelihood']}_{chosen['residual_impact']}"
    if names == {"inherent_band"}:
        return f"risks.inherent_band_{chosen['inherent_band']}"
    if names == {"residual_band"}:
        return f"risks.residual_band_{chosen['residual_band']}"
    if chosen == {"past_review": True}:
        return "risks.past_review"
    return None
