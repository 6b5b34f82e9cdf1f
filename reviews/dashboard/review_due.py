"""Reviews due: overdue, due within 30 days, due in 31 to 90 days; grouped by directorate and officer.

The windows are defined once, as conditions, and used for the dashboard's counts, the list, its
downloads and the committee report pack.
"""

import datetime
from collections.abc import Callable
from dataclasses import dataclass
from itertools import groupby

from django.db.models import Case, CharField, Q, Value, When

from .compliance import LIVE


# -- windows -------------------------------------------------------------------------------
@dataclass(frozen=True)
class ReviewWindow:
    key: str
    title: str
    rule: Callable[[datetime.date], Q]


def _days(today, n):
    return today + datetime.timedelta(days=n)


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
        lambda today: Q(next_review_due__gt=_days(today, 30), next_review_due__lte=_days(today, 90)),
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
    total: int | None = None  # set when only the first rows are kept (see `first_rows`)

    @property
    def shown(self):
        return sum(directorate.count for directorate in self.directorates)

    @property
    def count(self):
        return self.shown if self.total is None else self.total

    @property
    def is_cut(self):
        return self.shown < self.count


def first_rows(groups, limit):
    """The groups with at most `limit` partnerships each, in the same order; counts stay whole."""
    cut = []
    for group in groups:
        room, directorates = limit, []
        for directorate in group.directorates:
            officers = []
            for officer in directorate.officers:
                if room <= 0:
                    break
                officers.append(OfficerGroup(officer.name, officer.partnerships[:room]))
                room -= len(officers[-1].partnerships)
            if officers:
                directorates.append(DirectorateGroup(directorate.name, officers))
        cut.append(WindowGroup(group.window, directorates, total=group.count))
    return cut


def partnerships_due(partnerships, today):
    """Live partnerships overdue or due for review within 90 days, each with its `window`. One query."""
    return (
        partnerships.annotate(window=review_window(today))
        .filter(window__isnull=False)
        .select_related("directorate", "lead_officer")
        .order_by("next_review_due", "reference")
    )


def _directorate_name(partnership):
    return partnership.directorate.name if partnership.directorate else "No directorate"


def _officer_name(partnership):
    return partnership.lead_officer_display or "No lead officer"


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
