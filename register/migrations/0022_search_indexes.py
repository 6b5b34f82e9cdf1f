"""Full-text indexes for the register search (register/text_search.py says how each database keeps them).

PostgreSQL: GIN indexes on the words of a partnership's reference, name and purpose, and of a
partner's name. SQLite: FTS5 tables for the same, kept in step by triggers. The trigram indexes of
migration 0004 stay: the partner directory and the admin still search any part of a name.
"""

from django.db import migrations


def create(apps, schema_editor):
    from register import text_search

    text_search.create(schema_editor)


def drop(apps, schema_editor):
    from register import text_search

    text_search.drop(schema_editor)


class Migration(migrations.Migration):
    dependencies = [("register", "0021_riskentry_risk_worst_first_idx")]

    operations = [migrations.RunPython(create, drop, elidable=False)]
