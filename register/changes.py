"""Every change to a partnership and its records, old → new, read from django-simple-history.

SOURCES says which historical records belong to a partnership's timeline: the partnership itself,
its partners and risks, and other apps' records named by model label (so the register imports
nothing from them). A fixed number of queries: one for where the changes lie in every source
(register/change_positions.py), one per source with changes shown, then who made them and one per
kind of record a changed reference points at (users, directorates...); differences are worked out
in Python.
"""

import datetime
from dataclasses import dataclass, field
from decimal import Decimal

from django.apps import apps
from django.contrib.auth import get_user_model
from django.db.models import prefetch_related_objects
from django.utils.formats import date_format, number_format
from django.utils.text import capfirst

from . import change_positions

ACTIONS = {"+": "Added", "~": "Changed", "-": "Deleted"}
IGNORED = {"id", "lock_version", "updated_at", "created_at", "created_by", "partnership"}


@dataclass(frozen=True)
class Source:
    """One kind of record on the timeline: `model` label, the `kind` users filter by, how to name a row."""

    model: str
    kind: str
    noun: str
    describe: object = field(default=lambda record: "")
    partnership_lookup: str = "partnership_id"
    related: tuple = ()
    created: str = ""  # what an added record says, if not "Added <noun> <description>"


SOURCES = [
    Source(
        "register.Partnership", "details", "the partnership", partnership_lookup="id", created="Created the partnership"
    ),
    Source(
        "register.PartnershipMember", "partners", "partner", lambda r: r.organisation.name, related=("organisation",)
    ),
    Source("register.RiskEntry", "risks", "risk", lambda r: r.risk_id),
    Source("assessments.PartnershipAssessment", "assessment", "the assessment"),
    Source("assessments.HealthCheckResponse", "health checks", "health check from", lambda r: r.respondent_name),
    Source("reviews.Objective", "objectives", "objective", lambda r: r.title),
    Source(
        "reviews.PerformanceReview", "reviews", "performance review of", lambda r: date_format(r.review_date, "j F Y")
    ),
    Source("reviews.LessonLearned", "lessons", "lesson", lambda r: r.title),
    Source("agreements.PartnershipAgreement", "agreement", "agreement version", lambda r: str(r.version_number)),
]
KINDS = [source.kind for source in SOURCES]

# A partner organisation's history: the organisation itself, and its place in each partnership.
ORGANISATION_SOURCES = [
    Source("register.Organisation", "details", "organisation", lambda r: r.name, partnership_lookup="id"),
    Source(
        "register.PartnershipMember",
        "partnerships",
        "its place in",
        lambda r: str(r.partnership),
        partnership_lookup="organisation_id",
        related=("partnership",),
    ),
]


@dataclass
class FieldChange:
    label: str
    old: str
    new: str


@dataclass
class Change:
    when: datetime.datetime
    who: str
    what: str
    kind: str
    fields: list = field(default_factory=list)
    partnership_id: int | None = None
    note: str = ""  # why, when the change said (a merge says which organisations)
    # where it stands in the timeline, (history date, source's index, history id): pages start there
    position: tuple = field(default=(), compare=False, repr=False)


def _who(record):
    user = record.history_user
    if user is None:
        return "System or import"
    return user.get_full_name() or user.get_username()


def tracked_fields(model):
    return [f for f in model._meta.concrete_fields if f.name not in IGNORED and not f.name.startswith("history_")]


def display(model_field, value, names):
    """A value as a person reads it: choices as labels, money in pounds, dates in words."""
    if value in (None, ""):
        return "not set"
    if model_field.choices:
        return str(dict(model_field.flatchoices).get(value, value))
    if model_field.is_relation:
        return names.get((model_field.related_model, value), f"#{value}")
    if isinstance(value, bool):
        return "Yes" if value else "No"
    if isinstance(value, Decimal):
        return f"£{number_format(value, decimal_pos=2, force_grouping=True)}"
    if isinstance(value, datetime.datetime):
        return date_format(value, "j F Y H:i")
    if isinstance(value, datetime.date):
        return date_format(value, "j F Y")
    text = str(value)
    return text if len(text) <= 200 else text[:199] + "…"


def _history(source):
    """(model, its historical model's manager): `model.history` would make a manager class afresh."""
    model = apps.get_model(source.model)
    return model, model.history.model._default_manager


def _entries(index, source, records, previous):
    """[(order, index, source, record, diffs)] for these history rows, given {history id: row} holding
    the rows they changed from, leaving out saves that changed nothing. Who made each change, and
    what it names, are read later for the page's rows only."""
    model = apps.get_model(source.model)
    entries = []
    for record in records:
        older = previous.get(record.previous_id)
        diffs = _diffs(model, older, record) if older is not None and record.history_type == "~" else []
        if record.history_type == "~" and not diffs and not record.history_change_reason:
            continue
        entries.append((_order(index, record), index, source, record, diffs))
    return entries


def _read(chosen, sources):
    """The entries for `chosen` [(order, index, previous history id)]: one query per source among
    them, reading the chosen rows and the rows they changed from together."""
    wanted = {}  # {source's index: {history id: previous history id}}
    for (_when, _source, history_id), index, previous_id in chosen:
        wanted.setdefault(index, {})[history_id] = previous_id
    entries = []
    for index, previous_ids in wanted.items():
        _model, history = _history(sources[index])
        rows = history.order_by().in_bulk([*previous_ids, *filter(None, previous_ids.values())])
        records = [rows[history_id] for history_id in previous_ids if history_id in rows]
        for record in records:
            record.previous_id = previous_ids[record.history_id]
        entries += _entries(index, sources[index], records, rows)
    return entries


def _diffs(model, older, newer):
    return [
        (f, getattr(older, f.attname, None), getattr(newer, f.attname, None))
        for f in tracked_fields(model)
        if getattr(older, f.attname, None) != getattr(newer, f.attname, None)
    ]


def _order(index, record):
    """Newest first; at the same moment (an import writes many rows at once), in SOURCES order, then
    the latest history row first: the order the history date index (with the row id) gives."""
    return (record.history_date, -index, record.history_id)


def changes_page(partnership_ids, kinds=None, sources=SOURCES, offset=0, limit=None, older_than=None, newer_than=None):
    """([Change], more): the changes newest first from `offset`, at most `limit` (None: all), for these
    partnerships (None: every one), optionally of some kinds; `more` says whether others lie beyond.

    `older_than` / `newer_than`: a change's `position`; only the changes older (or newer) than it,
    the `limit` nearest to it, still newest first (keyset paging: any page reads about `limit` rows
    per source, however deep). With `newer_than`, `more` says whether still newer ones exist.
    `sources` may name another set of records (ORGANISATION_SOURCES: ids are then organisations).
    Reads the positions of `offset + limit + 1` history rows of each source, then whole rows (and
    the rows they changed from) only for the nearest of them: see `_window`.
    """
    newer = newer_than is not None
    windows = [
        (index, _history(source)[1].model, source.partnership_lookup, partnership_ids)
        for index, source in enumerate(sources)
        if not kinds or source.kind in kinds
    ]
    end = None if limit is None else offset + limit
    pending = _window(windows, newer_than if newer else older_than, newer, sources, None if end is None else end + 1)
    shown = pending[offset:end]
    if newer:
        shown.reverse()
    _load_related(shown)
    return _changes(shown), end is not None and len(pending) > end


def _window(windows, position, newer, sources, needed):
    """The first `needed` changes in the timeline's order (None: all there are), sorted.

    First each source's next `window` positions only (date, id and the row each changed from; no
    rows built), all sources in one query, merged; then the whole rows of the nearest, `needed` of
    them at first, and more if saves that changed nothing (not shown) leave too few. If a source's
    positions ran out before enough changes were found, the window doubles and the positions are
    read again.
    """
    window = needed
    while True:
        candidates, frontier = [], None  # frontier: how far every source's positions have been read
        for index, found in change_positions.positions(windows, window, position, newer).items():
            keys = [((when, -index, history_id), index, previous_id) for when, history_id, previous_id in found]
            if window is not None and len(keys) == window:
                # this source's unread rows lie beyond its last: only changes before it are sure
                last = keys[-1][0]
                frontier = last if frontier is None else (min if newer else max)(frontier, last)
            candidates += keys
        candidates.sort(key=lambda candidate: candidate[0], reverse=not newer)
        if frontier is not None:
            candidates = [c for c in candidates if (c[0] <= frontier if newer else c[0] >= frontier)]
        pending, read, take = [], 0, needed or len(candidates)
        while (needed is None or len(pending) < needed) and read < len(candidates):
            pending += _read(candidates[read:take], sources)
            read, take = take, take * 2
        pending.sort(key=lambda entry: entry[0], reverse=not newer)
        if frontier is None or len(pending) >= needed:
            return pending
        window *= 2


def _load_related(pending):
    """Who made each change (one query) and the records the changes name (one query per source that
    names one), for the rows shown only."""
    users = get_user_model()._default_manager.in_bulk({record.history_user_id for _, _, _, record, _ in pending})
    by_source = {}
    for _key, index, source, record, _diffs in pending:
        record.history_user = users.get(record.history_user_id)
        by_source.setdefault(index, (source, []))[1].append(record)
    for source, records in by_source.values():
        prefetch_related_objects(records, *source.related)


def _changes(pending):
    names = _related_names(pending)
    changes = []
    for _key, index, source, record, diffs in pending:
        described = source.describe(record)
        what = f"{ACTIONS[record.history_type]} {source.noun}{' ' + described if described else ''}"
        if record.history_type == "+" and source.created:
            what = source.created
        fields = [
            FieldChange(capfirst(f.verbose_name), display(f, old, names), display(f, new, names))
            for f, old, new in diffs
        ]
        partnership_id = getattr(record, source.partnership_lookup)
        note = record.history_change_reason or ""
        position = (record.history_date, index, record.history_id)
        changes.append(
            Change(record.history_date, _who(record), what, source.kind, fields, partnership_id, note, position)
        )
    return changes


def changes_for(partnership_ids, kinds=None, sources=SOURCES):
    """Every change for these partnerships (None: every one), newest first: [Change]."""
    return changes_page(partnership_ids, kinds, sources)[0]


def _related_names(pending):
    """{(model, pk): name} for every reference a change points at: one query per kind of record."""
    wanted = {}
    for *_, diffs in pending:
        for f, old, new in diffs:
            if f.is_relation:
                wanted.setdefault(f.related_model, set()).update(v for v in (old, new) if v is not None)
    names = {}
    for model, ids in wanted.items():
        for obj in model._default_manager.filter(pk__in=ids):
            label = obj.get_full_name() if hasattr(obj, "get_full_name") else str(obj)
            names[(model, obj.pk)] = label or str(obj)
    return names


def change_history(partnership, limit=20):
    """The latest changes to one partnership and its records, newest first: [Change]."""
    return changes_page([partnership.pk], limit=limit)[0]


def organisation_history(organisation, limit=50):
    """The latest changes to a partner organisation, its places in partnerships and the duplicates
    merged into it, newest first: [Change]."""
    ids = [organisation.pk, *organisation.merged_away.values_list("pk", flat=True)]
    return changes_page(ids, sources=ORGANISATION_SOURCES, limit=limit)[0]


def kind_choices():
    return [(kind, kind.capitalize()) for kind in KINDS]
