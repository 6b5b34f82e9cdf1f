"""Load the council's standard wording for each section from fixtures/agreement_clauses.json.

Legal keep the wording up to date in the app afterwards; this only fills sections that have none.
"""

import json
from pathlib import Path

from django.db import migrations

FIXTURE = Path(__file__).resolve().parents[2] / "fixtures" / "agreement_clauses.json"


def load(apps, schema_editor):
    StandardClause = apps.get_model("agreements", "StandardClause")
    for row in json.loads(FIXTURE.read_text(encoding="utf-8")):
        if row["model"] == "agreements.standardclause":
            fields = dict(row["fields"])
            StandardClause.objects.get_or_create(section=fields.pop("section"), defaults=fields)


class Migration(migrations.Migration):
    dependencies = [("agreements", "0002_clause_locking_and_facts_snapshot")]
    operations = [migrations.RunPython(load, migrations.RunPython.noop)]
