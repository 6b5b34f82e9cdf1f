"""Load the self-assessment questions and the rating rule from fixtures.

Both are data an administrator edits for next year (admin site), not code.
"""

import json
from pathlib import Path

from django.db import migrations

FIXTURES = Path(__file__).resolve().parents[2] / "fixtures"


def load(apps, schema_editor):
    for fixture in ("assurance_questions.json", "assurance_rating.json"):
        for row in json.loads((FIXTURES / fixture).read_text(encoding="utf-8")):
            model = apps.get_model(*row["model"].split("."))
            fields = dict(row["fields"])
            key = {"reviews.returnquestion": "key", "reviews.ratingcondition": "check_name"}.get(row["model"], "rating")
            model.objects.update_or_create(**{key: fields.pop(key)}, defaults=fields)


class Migration(migrations.Migration):
    dependencies = [("reviews", "0004_assurance_round")]
    operations = [migrations.RunPython(load, migrations.RunPython.noop)]
