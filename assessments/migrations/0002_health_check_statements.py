"""Load the six partnership principles and their statements from fixtures/health_check.json.

The statements are data: edit the fixture (or the admin site), not code.
"""

import json
from pathlib import Path

from django.db import migrations

FIXTURE = Path(__file__).resolve().parents[2] / "fixtures" / "health_check.json"


def load(apps, schema_editor):
    Principle = apps.get_model("assessments", "HealthPrinciple")
    Statement = apps.get_model("assessments", "HealthStatement")
    rows = json.loads(FIXTURE.read_text(encoding="utf-8"))
    for row in rows:
        if row["model"] == "assessments.healthprinciple":
            Principle.objects.update_or_create(number=row["fields"]["number"], defaults=row["fields"])
    principles = {p.number: p for p in Principle.objects.all()}
    for row in rows:
        if row["model"] == "assessments.healthstatement":
            fields = dict(row["fields"])
            principle = principles[fields.pop("principle")]
            Statement.objects.update_or_create(principle=principle, number=fields["number"], defaults=fields)


class Migration(migrations.Migration):
    dependencies = [("assessments", "0001_initial")]
    operations = [migrations.RunPython(load, migrations.RunPython.noop)]
