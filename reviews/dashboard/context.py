"""The dashboard's figures ready for a page: every figure linked to the list behind it."""

from urllib.parse import urlencode

from django.urls import reverse
from django.utils import timezone

from . import charts, queries
from .cache import figures as cached_figures


def link_url(link, scope):
    """The URL of the list behind a figure, within the dashboard's scope."""
    params = {**scope, **link.params}
    url = reverse(f"dashboard:{link.name}")
    if params:
        url += "?" + urlencode(params, doseq=True)
    return f"{url}#{link.fragment}" if link.fragment else url


def finish(rows, scope, fmt=charts.count):
    """Give each figure its URL and its value as text."""
    for row in rows:
        row.url = link_url(row.link, scope)
        row.display = fmt(row.value)
    return rows


def dashboard_context(partnerships, scope, today, fresh=False):
    """Figures, charts and heat maps, with every figure linked to its list. Also used by the report,
    which asks for `fresh` figures: counted now if the register has changed since they were counted."""
    figures = cached_figures(partnerships, today, scope, fresh=fresh)
    risks = figures.risks
    risk_bands = [
        queries.Breakdown("inherent_bands", "Open risks by inherent score", risks.bands("inherent"), "risks"),
        queries.Breakdown("residual_bands", "Open risks by residual score", risks.bands("residual"), "risks"),
    ]
    finish(figures.money.rows, scope, charts.pounds)
    finish([figures.contribution], scope, charts.short_pounds)
    for breakdown in [figures.reviews, figures.gaps, *figures.breakdowns, *risk_bands]:
        finish(breakdown.rows, scope)
    finish([figures.all_count, figures.live_count, figures.reviews_overdue, figures.any_gap], scope)
    finish([risks.total, risks.past_review, risks.high_residual], scope)
    for heat_map in risks.heat_maps:
        for _likelihood, cells in heat_map.rows:
            for cell in cells:
                cell.url = link_url(cell.link, scope)
    return {
        "today": today,
        "as_at": timezone.localdate(figures.counted_at) if figures.recounting else today,
        "figures": figures,
        "headline": [
            figures.live_count,
            figures.contribution,
            figures.reviews_overdue,
            figures.any_gap,
            risks.high_residual,
        ],
        "money": figures.money,
        "reviews": figures.reviews,
        "gaps": figures.gaps,
        "charts": [(breakdown, charts.bar_chart(breakdown)) for breakdown in figures.breakdowns],
        "heat_maps": risks.heat_maps,
        "risks": risks,
        "risk_bands": [(breakdown, charts.bar_chart(breakdown)) for breakdown in risk_bands],
    }
