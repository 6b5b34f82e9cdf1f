"""Trigram indexes for the register search, on PostgreSQL only.

The search matches any part of a word (`icontains`, which Django writes as
`UPPER(column::text) LIKE UPPER('%word%')`). A B-tree index cannot help with a leading
wildcard; a GIN index of trigrams on the same `UPPER(...)` expression can. SQLite has no such
index and scans the table, which is quick enough for the register sizes people run it with.
"""

from django.db import migrations

INDEXES = (
    ("partnership_reference_trgm", "register_partnership", "reference"),
    ("partnership_name_trgm", "register_partnership", "name"),
    ("partnership_purpose_trgm", "register_partnership", "purpose"),
    ("organisation_name_trgm", "register_organisation", "name"),
)


def create(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    schema_editor.execute("CREATE EXTENSION IF NOT EXISTS pg_trgm")
    for index, table, column in INDEXES:
        schema_editor.execute(
            f'CREATE INDEX IF NOT EXISTS "{index}" ON "{table}" USING gin (UPPER("{column}"::text) gin_trgm_ops)'
        )


def drop(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    for index, _table, _column in INDEXES:
        schema_editor.execute(f'DROP INDEX IF EXISTS "{index}"')


class Migration(migrations.Migration):
    dependencies = [("register", "0003_remove_organisation_website")]

    operations = [migrations.RunPython(create, drop, elidable=False)]
