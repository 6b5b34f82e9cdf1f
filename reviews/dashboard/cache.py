"""The dashboard's figures: counted once per version of the register, and after a change counted
again on the worker while the page shows the figures as last counted, with the time they were counted.

Counting a register of 20,000 partnerships, 60,000 risks and their assessments, agreements and
objectives takes the database a few hundred milliseconds, seconds at 100,000; the committee reads the
same figures many times between changes. The figures are kept:

- in the database (`CountedFigures`, one row per scope), so every server and the worker share them;
- in Django's cache as well, so a view of figures already read costs no query for them.

Both are keyed on the register's version: the newest history entry of every model the figures count.
Every save and delete through the application (forms, imports, the admin) writes a history entry,
so any change gives a new version; the day the figures are judged at (reviews fall overdue at
midnight) is part of it too. When the version has moved on, the page shows the figures it has, says
when they were counted, and one task per version counts them again (`recount`).

Changes that bypass the history (a bulk load with `seed_demo --scale`, hand-written SQL) show
after the next change, or at midnight.
"""

import datetime
import hashlib
from decimal import Decimal
from urllib.parse import urlencode

from django.core.cache import cache
from django.core.exceptions import EmptyResultSet
from django.db import IntegrityError, connection, transaction
from django.http import QueryDict
from django.utils import timezone
from django_tasks import task

from agreements.models import PartnershipAgreement
from assessments.models import PartnershipAssessment
from partnerships.jobs.enqueue import enqueue
from register.models import ClosureEvaluation, Directorate, DueDiligenceCheck, Partnership, RiskEntry
from reviews.models import Objective

from .filtersets import ScopeFilterSet, filtered
from .models import CountedFigures
from .queries import MONEY, Figures

TIMEOUT = 600  # seconds in Django's cache; the database row lasts until the next count replaces it
# Every model with history that the figures read (the compliance gaps read closure evaluations and due
# diligence checks too). The due diligence items have no history: making an item active or not shows
# in the figures after the next change, as for a bulk load.
COUNTED = (
    Partnership,
    RiskEntry,
    PartnershipAssessment,
    PartnershipAgreement,
    Objective,
    Directorate,
    ClosureEvaluation,
    DueDiligenceCheck,
)


def register_version():
    """The newest history entry of each counted model, in one query (each is one index lookup)."""
    quote = connection.ops.quote_name
    columns = ", ".join(
        f"(SELECT MAX({quote('history_id')}) FROM {quote(model.history.model._meta.db_table)})" for model in COUNTED
    )
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT {columns}")  # table names come from the models, never from a request
        return cursor.fetchone()


def version_at(today):
    """The figures' version: the register's, and the day they are judged at."""
    return f"{register_version()}|{today.isoformat()}"


def scope_of(partnerships):
    """A digest of the partnerships' query: the key of their figures."""
    try:
        sql = str(partnerships.query)
    except EmptyResultSet:  # a filter that can match nothing
        sql = "nothing"
    return hashlib.sha256(sql.encode()).hexdigest()


def figures(partnerships, today, params=None, fresh=False):
    """`queries.Figures` for these partnerships at `today`.

    `params`: the dashboard's filters that chose them, for the worker to count them again.
    `fresh`: count now if the register changed since they were counted (the committee report).
    Figures counted for an earlier version carry `counted_at` and `recounting`.
    """
    scope, version = scope_of(partnerships), version_at(today)
    key = cache_key(scope, version)
    if (counted := cache.get(key)) is not None:
        return Figures(partnerships, today, counted)
    stored = CountedFigures.objects.filter(scope=scope).first()
    if stored is None or (stored.version != version and fresh):
        stored = count(partnerships, today, scope, params or {}, version)
    elif stored.version != version and ask_for_recount(stored, version, today):
        stored.refresh_from_db()  # a queue that runs tasks at once (tests, no worker) has counted already
    counted = decoded(stored.counted)
    if stored.version == version:
        cache.set(key, counted, TIMEOUT)
        return Figures(partnerships, today, counted)
    found = Figures(partnerships, today, counted)
    found.counted_at, found.recounting = stored.counted_at, True
    return found


def cache_key(scope, version):
    return f"dashboard-figures:{scope}:{hashlib.sha256(version.encode()).hexdigest()}"


def counted_now(partnerships, today):
    """The counts of these partnerships' figures if they were counted for the register as it is now, else None.

    For the lists behind the figures: a list's length is one of its figure's counts, so while the
    figures are current the list reads only the rows of its page. Never counts: after a change,
    until the worker has counted again, the list counts its own rows. One query (the register's
    version), and one more for the figures when this server has not read them since the change.
    """
    scope, version = scope_of(partnerships), version_at(today)
    key = cache_key(scope, version)
    if (counted := cache.get(key)) is not None:
        return counted
    stored = CountedFigures.objects.filter(scope=scope, version=version).only("counted").first()
    if stored is None:
        return None
    counted = decoded(stored.counted)
    cache.set(key, counted, TIMEOUT)
    return counted


def ask_for_recount(stored, version, today):
    """Put one recount on the queue per version of the register, however many people look meanwhile."""
    asked = CountedFigures.objects.filter(pk=stored.pk).exclude(recount_asked_for=version)
    if not asked.update(recount_asked_for=version):
        return False
    enqueue(recount, stored.params, today.isoformat())
    return True


def count(partnerships, today, scope, params, version):
    """Count the figures and keep them as the scope's (`version`: the register's, read before counting)."""
    counted = Figures.count(partnerships, today)
    values = {"params": params, "version": version, "counted": counted, "counted_at": timezone.now()}
    try:
        with transaction.atomic():
            stored, _created = CountedFigures.objects.update_or_create(scope=scope, defaults=values)
    except IntegrityError:  # another server stored this scope's first count at the same moment
        stored = CountedFigures.objects.get(scope=scope)
    return stored


def decoded(counted):
    """The counts as stored (JSON keeps sums of money as text) back as numbers."""
    totals = dict(counted["totals"])
    for name, _label in MONEY:
        totals[name] = Decimal(totals[name])
    return {**counted, "totals": totals}


@task()
def recount(params, today):
    """Count the dashboard's figures for a scope (its filters) again, after the register changed."""
    filterset = ScopeFilterSet(QueryDict(urlencode(params, doseq=True)) or None, queryset=Partnership.objects.all())
    partnerships = filtered(filterset)
    day = datetime.date.fromisoformat(today)
    count(partnerships, day, scope_of(partnerships), params, version_at(day))
