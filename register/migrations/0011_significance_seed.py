"""The starting significance criteria and levels. Administrators change them in the admin."""

from decimal import Decimal

from django.db import migrations

CRITERIA = [
    # name, measure, threshold, points
    ("Annual value of £100,000 or more (money and in kind, all partners)", "annual_value", Decimal(100000), 2),
    ("Annual value of £500,000 or more (money and in kind, all partners)", "annual_value", Decimal(500000), 2),
    ("A statutory partnership", "statutory", None, 2),
    ("Failure would seriously harm services or the council's reputation", "serious_if_failed", None, 3),
    ("Delivers at least one corporate priority", "corporate_priority", None, 1),
    ("Five or more partner organisations", "partner_count", Decimal(5), 1),
    ("The council is the accountable body", "accountable_body", None, 2),
]
LEVELS = [("high", 6, "quarterly"), ("medium", 3, "six_monthly"), ("low", 0, "annual")]


def seed(apps, schema_editor):
    Criterion = apps.get_model("register", "SignificanceCriterion")
    Level = apps.get_model("register", "SignificanceLevel")
    if not Criterion.objects.exists():
        for order, (name, measure, threshold, points) in enumerate(CRITERIA, start=1):
            Criterion.objects.create(name=name, measure=measure, threshold=threshold, points=points, order=order)
    for level, min_points, frequency in LEVELS:
        Level.objects.get_or_create(level=level, defaults={"min_points": min_points, "review_frequency": frequency})


class Migration(migrations.Migration):
    dependencies = [("register", "0010_significance_criteria")]
    operations = [migrations.RunPython(seed, migrations.RunPython.noop)]
