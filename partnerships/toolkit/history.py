"""History entries for rows the import has just inserted in bulk, copied by the database itself.

simple-history's `bulk_create_with_history` builds a historical object for every row and has
Django compile each of its values into the INSERT: for 5,000 new partnerships and their 10,000
partners that was half the time of the whole import. Here the database copies the rows it has
just stored into the history table (`INSERT ... SELECT`), with the values simple-history writes
for a creation: every tracked column, `history_date`, `history_type` "+", `history_user_id` and
`history_change_reason`. tests/toolkit/test_history.py holds it to simple-history's own records.
"""

from django.db import connection
from django.utils import timezone

BATCH = 500  # primary keys per statement: well under SQLite's oldest limit on query parameters


def record_changed(model, instances, *, user=None, reason=""):
    """Write a "changed" history entry for each of `instances`, as saved (after a bulk update)."""
    pks = [instance.pk for instance in instances]
    record_created_where(model, model._meta.pk.column, pks, user=user, reason=reason, history_type="~")


def record_created(model, instances, *, user=None, reason=""):
    """Write a "created" history entry for each of `instances` (saved rows of `model`)."""
    pks = [instance.pk for instance in instances]
    record_created_where(model, model._meta.pk.column, pks, user=user, reason=reason)


def record_created_where(model, column, values, *, user=None, reason="", history_type="+", newer_than=None):
    """Write a "created" history entry for each row of `model` whose `column` is one of `values`
    (the partners of new partnerships: `record_created_where(PartnershipMember, "partnership_id", pks)`).
    With `history_type="~"`, a "changed" entry, as simple-history writes after a save; with `newer_than`
    (a primary key), only for the rows inserted since it."""
    history = model.history.model
    quote = connection.ops.quote_name
    history_columns = {field.column for field in history._meta.concrete_fields}
    tracked = [field.column for field in model._meta.concrete_fields if field.column in history_columns]
    extra = {
        "history_date": history._meta.get_field("history_date").get_db_prep_value(timezone.now(), connection),
        "history_type": history_type,
        "history_user_id": user.pk if user is not None else None,
        "history_change_reason": reason or None,
    }
    columns = ", ".join(quote(column) for column in [*tracked, *extra])
    selected = ", ".join([*(quote(column) for column in tracked), *["%s"] * len(extra)])
    values = list(values)
    newer = ""
    if newer_than is not None:
        newer = f" AND {quote(model._meta.pk.column)} > %s"
    with connection.cursor() as cursor:
        for start in range(0, len(values), BATCH):
            chunk = values[start : start + BATCH]
            # Names come from the models' metadata, values are parameters: nothing from the workbook
            # is ever part of the SQL text.
            cursor.execute(
                f"INSERT INTO {quote(history._meta.db_table)} ({columns}) "
                f"SELECT {selected} FROM {quote(model._meta.db_table)} "
                f"WHERE {quote(column)} IN ({', '.join(['%s'] * len(chunk))}){newer}",
                [*extra.values(), *chunk, *([newer_than] if newer else [])],
            )
