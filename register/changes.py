"""The partnership page's change history, read from django-simple-history.

A fixed number of queries: the latest records of the partnership, its partners and its risks,
each fetched once with the user who made the change; field differences are worked out in Python.
"""

from dataclasses import dataclass, field
from itertools import pairwise

from .models import Partnership, PartnershipMember, RiskEntry

ACTIONS = {"+": "Added", "~": "Changed", "-": "Deleted"}
IGNORED = {"lock_version", "updated_at", "created_at", "created_by"}


@dataclass
class Change:
    when: object
    who: str
    what: str
    fields: list = field(default_factory=list)


def _who(record):
    user = record.history_user
    if user is None:
        return "System or import"
    return user.get_full_name() or user.get_username()


def _label(model, name):
    return str(model._meta.get_field(name).verbose_name).capitalize()


def _partnership_changes(partnership, limit):
    records = list(
        Partnership.history.filter(id=partnership.pk)
        .select_related("history_user")
        .order_by("-history_id")[: limit + 1]
    )
    changes = []
    for newer, older in pairwise([*records, None]):
        if older is None and newer.history_type != "+":
            break  # the record before this one is beyond the window
        if older is None:
            changes.append(Change(newer.history_date, _who(newer), "Created the partnership"))
            continue
        delta = newer.diff_against(older, excluded_fields=IGNORED)
        names = [_label(Partnership, name) for name in delta.changed_fields]
        if names:
            changes.append(Change(newer.history_date, _who(newer), "Changed the partnership", names))
    return changes


def _child_changes(model, noun, describe, partnership, limit, related=()):
    records = model.history.filter(partnership_id=partnership.pk).select_related("history_user", *related)
    return [
        Change(record.history_date, _who(record), f"{ACTIONS[record.history_type]} {noun} {describe(record)}")
        for record in records.order_by("-history_id")[:limit]
    ]


def change_history(partnership, limit=20):
    """The latest changes, newest first: [Change]."""
    changes = _partnership_changes(partnership, limit)
    changes += _child_changes(
        PartnershipMember, "partner", lambda r: r.organisation.name, partnership, limit, related=["organisation"]
    )
    changes += _child_changes(RiskEntry, "risk", lambda r: r.risk_id, partnership, limit)
    changes.sort(key=lambda change: change.when, reverse=True)
    return changes[:limit]
