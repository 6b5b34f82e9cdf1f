"""Open data: what the council publishes about its partnerships, and nothing more.

`COLUMNS` is the published schema. Only partnerships a register administrator has marked
publishable appear, and only these columns: never risks, notes, reviews, people or agreements.
The files are built once and kept in the cache until a partnership, partner, organisation or
directorate changes.
"""

import csv
import hashlib
import io
import json
from dataclasses import dataclass

from django.core.cache import cache
from django.db.models.signals import post_delete, post_save
from django.utils import timezone

from .models import Directorate, Organisation, Partnership, PartnershipMember

CACHE_KEY = "register:opendata:v1"
STAMP_KEY = "register:opendata:v1:stamp"
CACHE_SECONDS = 10 * 60  # a backstop: saves through the ORM clear it at once (see `forget`)


@dataclass(frozen=True)
class Column:
    name: str
    title: str
    type: str
    description: str
    format: str = "default"

    def schema(self):
        field = {"name": self.name, "title": self.title, "type": self.type, "description": self.description}
        if self.format != "default":
            field["format"] = self.format
        return field


COLUMNS = (
    Column("name", "Partnership name", "string", "The partnership's name."),
    Column("purpose", "Purpose", "string", "What the partnership is for."),
    Column("partners", "Partners", "string", "The partner organisations (in the CSV, separated by semicolons)."),
    Column("partnership_type", "Type", "string", "Statutory, strategic alliance, shared service..."),
    Column("legal_form", "Legal form", "string", "How the partnership is constituted, if recorded."),
    Column("lead_directorate", "Lead directorate", "string", "The council directorate that leads it."),
    Column(
        "annual_council_contribution",
        "Annual council contribution (GBP)",
        "number",
        "What the council contributes each year, in pounds; empty if none is recorded.",
    ),
    Column("start_date", "Start date", "date", "When the partnership started (YYYY-MM-DD).", "%Y-%m-%d"),
    Column("end_date", "End date", "date", "When it ends (YYYY-MM-DD); empty if it has no fixed end.", "%Y-%m-%d"),
    Column("status", "Status", "string", "Where it is in its lifecycle: proposed, active, closed..."),
)
NAMES = [column.name for column in COLUMNS]


def published():
    return (
        Partnership.objects.filter(publishable=True)
        .select_related("directorate")
        .prefetch_related("memberships__organisation")
        .order_by("name", "reference")
    )


def row(partnership):
    """One partnership as published: plain values, in the order of COLUMNS."""
    contribution = partnership.annual_contribution
    return {
        "name": partnership.name,
        "purpose": partnership.purpose,
        "partners": sorted(member.organisation.name for member in partnership.memberships.all()),
        "partnership_type": partnership.get_partnership_type_display(),
        "legal_form": partnership.get_legal_form_display(),
        "lead_directorate": partnership.directorate.name,
        "annual_council_contribution": str(contribution) if contribution is not None else None,
        "start_date": partnership.start_date.isoformat() if partnership.start_date else None,
        "end_date": partnership.end_date.isoformat() if partnership.end_date else None,
        "status": partnership.get_status_display(),
    }


def table_schema():
    """The published schema, as a Frictionless Data Table Schema."""
    return {
        "title": "Partnerships the council publishes",
        "fields": [column.schema() for column in COLUMNS],
        "missingValues": [""],
    }


def _csv(rows):
    out = io.StringIO()
    writer = csv.DictWriter(out, fieldnames=NAMES, lineterminator="\r\n")
    writer.writeheader()
    for item in rows:
        writer.writerow({**item, "partners": "; ".join(item["partners"])})
    return out.getvalue()


def build():
    rows = [row(p) for p in published()]
    files = {
        "csv": _csv(rows),
        "json": json.dumps({"partnerships": rows}, indent=2, ensure_ascii=False) + "\n",
        "schema": json.dumps(table_schema(), indent=2) + "\n",
    }
    return {
        "rows": rows,
        "files": files,
        "etags": {kind: hashlib.sha256(body.encode()).hexdigest()[:32] for kind, body in files.items()},
    }


def current():
    """The published data, from the cache when nothing has changed since it was built.

    `last_modified` is when the published content last changed: a rebuild that produces the same
    files keeps the earlier time, so a client's If-Modified-Since stays valid, and a withdrawn
    partnership moves it on (which the newest `updated_at` of what is still published would not).
    """
    data = cache.get(CACHE_KEY)
    if data is None:
        data = build()
        digest = "".join(data["etags"].values())
        previous_digest, previous_time = cache.get(STAMP_KEY) or (None, None)
        if digest == previous_digest:
            data["last_modified"] = previous_time
        else:
            data["last_modified"] = timezone.now().replace(microsecond=0)
            cache.set(STAMP_KEY, (digest, data["last_modified"]), timeout=None)
        cache.set(CACHE_KEY, data, timeout=CACHE_SECONDS)
    return data


def forget(**kwargs):
    cache.delete(CACHE_KEY)


def set_publishable(queryset, value):
    """Publish or withdraw many partnerships at once (the admin's actions)."""
    count = queryset.exclude(publishable=value).update(publishable=value, updated_at=timezone.now())
    forget()
    return count


def connect_signals():
    """Called from RegisterConfig.ready(): any change that could alter the files clears them."""
    for model in (Partnership, PartnershipMember, Organisation, Directorate):
        post_save.connect(forget, sender=model, dispatch_uid=f"opendata-{model.__name__}-save")
        post_delete.connect(forget, sender=model, dispatch_uid=f"opendata-{model.__name__}-delete")
