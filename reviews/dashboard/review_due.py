"""Reviews due: overdue, due within 30 days, due in 31 to 90 days; grouped by directorate and officer.

The windows are defined once, as conditions, and used for the dashboard's counts, the list, its
downloads and the committee report pack.
"""

import datetime
from collections.abc import Callable
from dataclasses import dataclass
from itertools import groupby

from django.db.models import Case, CharField, Count, F, Q, Value, When
from django.db.models.functions import Coalesce, Concat, NullIf, Trim

from register.models import Partnership

from .compliance import LIVE


# -- windows -------------------------------------------------------------------------------
@dataclass(frozen=True)
class ReviewWindow:
    key: str
    title: str
    rule: Callable[[datetime.date], Q]


def _days(today, n):
    return today + datetime.timedelta(days=n)


HORIZON = 90  # days: the last window ends this far ahead

REVIEW_WINDOWS = (
    ReviewWindow("overdue", "Overdue", lambda today: Q(next_review_due__lt=today)),
    ReviewWindow(
        "due_30",
        "Due within 30 days",
        lambda today: Q(next_review_due__gte=today, next_review_due__lte=_days(today, 30)),
    ),
    ReviewWindow(
        "due_90",
        "Due in 31 to 90 days",
        lambda today: Q(next_review_due__gt=_days(today, 30), next_review_due__lte=_days(today, HORIZON)),
    ),
)


def review_window(today, live=False):
    """The review window of each live partnership as a database expression (NULL when none applies).

    `live=True`: the rows are live partnerships already, so the test for it is left out.
    """
    return Case(
        *(
            When(window.rule(today) if live else LIVE & window.rule(today), then=Value(window.key))
            for window in REVIEW_WINDOWS
        ),
        default=Value(None),
        output_field=CharField(),
    )


# -- the list ------------------------------------------------------------------------------
@dataclass
class OfficerGroup:
    name: str
    partnerships: list


@dataclass
class DirectorateGroup:
    name: str
    officers: list

    @property
    def count(self):
        return sum(len(officer.partnerships) for officer in self.officers)


@dataclass
class WindowGroup:
    window: ReviewWindow
    directorates: list
    total: int | None = None  # the whole window's count when only its first rows are read (see `first_due`)

    @property
    def shown(self):
        return sum(directorate.count for directorate in self.directorates)

    @property
    def count(self):
        return self.shown if self.total is None else self.total

    @property
    def is_cut(self):
        return self.shown < self.count


def partnerships_due(partnerships, today):
    """Live partnerships overdue or due for review within 90 days, each with its `window`. One query."""
    return (
        partnerships.annotate(window=review_window(today))
        .filter(window__isnull=False)
        .select_related("directorate", "lead_officer")
        .order_by("next_review_due", "reference")
    )


NO_DIRECTORATE = "No directorate"
NO_LEAD_OFFICER = "No lead officer"


def officer_name():
    """`Partnership.lead_officer_display` (or "No lead officer") as a database expression, to sort by."""
    full_name = NullIf(Trim(Concat("lead_officer__first_name", Value(" "), "lead_officer__last_name")), Value(""))
    shown = Case(
        When(lead_officer__isnull=False, then=Coalesce(full_name, "lead_officer__username")),
        default=F("lead_officer_name"),
        output_field=CharField(),
    )
    return Coalesce(NullIf(shown, Value("")), Value(NO_LEAD_OFFICER), output_field=CharField())


# What the page shows of each partnership (and its directorate and lead officer).
SHOWN_FIELDS = (
    *("reference", "name", "status", "significance", "last_review", "next_review_due", "lead_officer_name"),
    *("directorate__name", "lead_officer__first_name", "lead_officer__last_name", "lead_officer__username"),
)


def first_due(partnerships, today, limit):
    """[WindowGroup] holding the first `limit` partnerships of each window in the page's order, with
    each window's whole count: five queries, and only the rows shown are read whatever the register's size.

    The windows are counted, and each window's first partnerships found, from the index on
    (status, next review due, directorate, lead officer) alone (`Partnership.Meta.indexes`): the
    database sorts the window's keys, not its rows, and then reads only the rows it will show.
    """
    due = partnerships.filter(LIVE, next_review_due__lte=_days(today, HORIZON)).order_by()
    counts = dict(due.annotate(window=review_window(today, live=True)).values_list("window").annotate(n=Count("pk")))
    order = (F("directorate__name").asc(nulls_last=True), "officer", "next_review_due", "reference")
    window_of = {}
    for window in REVIEW_WINDOWS:
        in_window = partnerships.filter(LIVE & window.rule(today)).annotate(officer=officer_name()).order_by(*order)
        window_of |= dict.fromkeys(in_window.values_list("pk", flat=True)[:limit], window.key)
    rows = Partnership.objects.filter(pk__in=list(window_of)).select_related("directorate", "lead_officer")
    rows = list(rows.only(*SHOWN_FIELDS))
    for partnership in rows:
        partnership.window = window_of[partnership.pk]
    groups = grouped(rows)
    for group in groups:
        group.total = counts.get(group.window.key, 0)
    return groups


def _directorate_name(partnership):
    return partnership.directorate.name if partnership.directorate else NO_DIRECTORATE


def _officer_name(partnership):
    return partnership.lead_officer_display or NO_LEAD_OFFICER


def grouped(rows):
    """[WindowGroup] in window order, each grouped by directorate then lead officer."""

    def sort_key(partnership):
        return (
            partnership.directorate is None,
            _directorate_name(partnership),
            _officer_name(partnership),
            partnership.next_review_due,
            partnership.reference,
        )

    groups = []
    for window in REVIEW_WINDOWS:
        in_window = sorted((p for p in rows if p.window == window.key), key=sort_key)
        directorates = [
            DirectorateGroup(
                name,
                [
                    OfficerGroup(officer, list(officer_rows))
                    for officer, officer_rows in groupby(directorate_rows, key=_officer_name)
                ],
            )
            for name, directorate_rows in groupby(in_window, key=_directorate_name)
        ]
        groups.append(WindowGroup(window, directorates))
    return groups


def download_table(groups, today):
    """Rows for the spreadsheet and CSV downloads: one row a partnership, in the page's order."""
    header = [
        "Window",
        "Directorate",
        "Lead officer",
        "Reference",
        "Partnership",
        "Status",
        "Significance",
        "Last review",
        "Next review due",
        "Days overdue (negative: days until due)",
    ]
    rows = [
        [
            group.window.title,
            directorate.name,
            officer.name,
            partnership.reference,
            partnership.name,
            partnership.get_status_display(),
            partnership.get_significance_display() or "Not recorded",
            partnership.last_review,
            partnership.next_review_due,
            (today - partnership.next_review_due).days,
        ]
        for group in groups
        for directorate in group.directorates
        for officer in directorate.officers
        for partnership in officer.partnerships
    ]
    return header, rows
