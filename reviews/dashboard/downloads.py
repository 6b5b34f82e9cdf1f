"""The reviews-due list as a file (.xlsx or CSV), made by a background job (partnerships/jobs/runners.py):
every partnership due, in the page's order, however many; the page only queues it."""

from django.utils import timezone

from register.models import Partnership

from . import exports, review_due
from .filtersets import ScopeFilterSet, filtered


def reviews_due(query):
    """(file name, content) of the reviews due in the dashboard scope of `query` (a QueryDict), in its `format`."""
    today = timezone.localdate()
    partnerships = filtered(ScopeFilterSet(query or None, queryset=Partnership.objects.all()))
    header, rows = review_due.download_table(
        review_due.grouped(review_due.partnerships_due(partnerships, today)), today
    )
    name = f"reviews-due-{today:%Y-%m-%d}"
    if query.get("format") == "csv":
        return f"{name}.csv", exports.as_csv(header, rows).encode()
    return f"{name}.xlsx", exports.as_xlsx("Reviews due", header, rows)
