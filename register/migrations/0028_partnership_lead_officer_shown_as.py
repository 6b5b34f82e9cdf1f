"""The lead officer's name as shown, stored on the partnership and indexed, so the register sorted by
lead officer is read from an index; filled in for every partnership by one UPDATE. The reviews-due
list's own index holds it, with the reference (and the id on PostgreSQL), so a window's page is
found from the index alone.

SQLite adds the column by rebuilding the table, which it refuses while the search index's triggers
(migration 0024) name it: they are taken off around the rebuild when this runs in the same migrate as
0024 (a new database), as `migrate` itself does otherwise (register/text_search.py).
"""

from django.conf import settings
from django.db import migrations, models


def fill_in(apps, schema_editor):
    """`Partnership.lead_officer_display` in SQL: the user's full name (Django's `get_full_name`, first
    and last name with a space, stripped), else their username; without a user, the name typed."""
    partnership = apps.get_model("register", "Partnership")
    user = apps.get_model(*settings.AUTH_USER_MODEL.split("."))
    quote = schema_editor.quote_name
    table, users, user_key = quote(partnership._meta.db_table), quote(user._meta.db_table), quote(user._meta.pk.column)
    schema_editor.execute(
        f"UPDATE {table} SET lead_officer_shown_as = COALESCE("
        f"(SELECT COALESCE(NULLIF(TRIM(u.first_name || ' ' || u.last_name), ''), u.username) FROM {users} u "
        f"WHERE u.{user_key} = {table}.lead_officer_id), lead_officer_name)"
    )


def search_triggers_off(apps, schema_editor):
    from register import text_search

    text_search.drop_triggers(schema_editor.connection.alias, plan=True)


def search_triggers_on(apps, schema_editor):
    from register import text_search

    text_search.restore_triggers(schema_editor.connection.alias)


def analyse_on_sqlite(apps, schema_editor):
    """Planner statistics for the new indexes, if the database keeps statistics (as migration 0027)."""
    connection = schema_editor.connection
    if connection.vendor != "sqlite":
        return
    with connection.cursor() as cursor:
        cursor.execute("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'sqlite_stat1'")
        if cursor.fetchone():
            cursor.execute("ANALYZE register_partnership")


class Migration(migrations.Migration):
    dependencies = [
        ("register", "0027_review_due_index_holds_quality_columns"),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.RunPython(search_triggers_off, search_triggers_on),
        migrations.AddField(
            model_name="partnership",
            name="lead_officer_shown_as",
            field=models.CharField(
                blank=True,
                editable=False,
                help_text="The lead officer's name as the register shows it, kept in step with the lead officer, "
                "so the register can be sorted by it.",
                max_length=301,
                verbose_name="Lead officer, as shown",
            ),
        ),
        migrations.RunPython(fill_in, migrations.RunPython.noop),
        migrations.AddIndex(
            model_name="partnership",
            index=models.Index(fields=["lead_officer_shown_as", "reference"], name="partnership_lead_officer_idx"),
        ),
        # Reviews due: the keys each window is listed by, with the name shown.
        migrations.AddIndex(
            model_name="partnership",
            index=models.Index(
                fields=["status", "next_review_due", "directorate", "lead_officer_shown_as", "reference"],
                include=["id"],  # PostgreSQL: for an index-only scan (SQLite's indexes hold the key anyway)
                name="partnership_review_due_idx",
            ),
        ),
        migrations.RunPython(search_triggers_on, search_triggers_off),
        migrations.RunPython(analyse_on_sqlite, migrations.RunPython.noop),
    ]
