"""The register search's full-text index (register/text_search.py says how each database keeps it).

One search document per partnership (reference, name, purpose and partners' names) in a table
`partnership_search`, kept in step by triggers: a tsvector with a GIN index on PostgreSQL, an FTS5
table on SQLite. The trigram indexes of migration 0004 stay: the partner directory and the admin
still search any part of a name.
"""

from django.db import migrations


def create(apps, schema_editor):
    from register import text_search

    text_search.create(schema_editor)


def drop(apps, schema_editor):
    from register import text_search

    text_search.drop(schema_editor)


class Migration(migrations.Migration):
    dependencies = [("register", "0023_partnership_review_due_idx")]

    operations = [migrations.RunPython(create, drop, elidable=False)]
