"""The dashboard's figures, kept in Django's cache until the register changes.

Counting a register of 20,000 partnerships, 60,000 risks and their assessments, agreements and
objectives takes the database a tenth of a second or so; the committee reads the same figures
many times between changes. So the counts are cached under a key made of:

- the register's version: the newest history entry of every model the figures count. Every
  save and delete through the application (forms, imports, the admin) writes a history entry,
  so any change gives a new key and the next view counts afresh. Nothing has to be invalidated,
  and each server process can keep its own cache (Django's default, in memory) safely;
- the day the figures are judged at (reviews fall overdue at midnight);
- the SQL of the dashboard's filters (directorate, type, significance).

Changes that bypass the history (a bulk load with `seed_demo --scale`, hand-written SQL) show
within `TIMEOUT` at most.
"""

import hashlib

from django.core.cache import cache
from django.core.exceptions import EmptyResultSet
from django.db import connection

from agreements.models import PartnershipAgreement
from assessments.models import PartnershipAssessment
from register.models import Directorate, Partnership, RiskEntry
from reviews.models import Objective

from .queries import Figures

TIMEOUT = 600  # seconds
COUNTED = (Partnership, RiskEntry, PartnershipAssessment, PartnershipAgreement, Objective, Directorate)


def register_version():
    """The newest history entry of each counted model, in one query (each is one index lookup)."""
    quote = connection.ops.quote_name
    columns = ", ".join(
        f"(SELECT MAX({quote('history_id')}) FROM {quote(model.history.model._meta.db_table)})" for model in COUNTED
    )
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT {columns}")  # table names come from the models, never from a request
        return cursor.fetchone()


def figures(partnerships, today):
    """`queries.Figures` for these partnerships at `today`, counted once per version of the register."""
    try:
        scope = str(partnerships.query)
    except EmptyResultSet:  # a filter that can match nothing
        scope = "nothing"
    material = f"{register_version()}|{today.isoformat()}|{scope}"
    key = "dashboard-figures:" + hashlib.sha256(material.encode()).hexdigest()
    counted = cache.get(key)
    if counted is None:
        found = Figures(partnerships, today)
        cache.set(key, found.counted, TIMEOUT)
        return found
    return Figures(partnerships, today, counted)
