"""The due diligence checklist the issue names. Administrators change it in the admin."""

from django.db import migrations

ITEMS = [
    ("Procurement rules", "Does anything bought for the partnership follow the Procurement Act 2023 and contract rules?"),
    ("Subsidy control", "Does any money or help given to a partner meet the Subsidy Control Act 2022?"),
    ("Health and safety", "Hazards at shared premises or events, and who is responsible for them."),
    ("Data protection: data-sharing agreement and DPIA", "A signed data-sharing agreement and, where needed, a DPIA."),
    ("Insurance", "Evidence of each partner's employer's and public liability cover."),
    ("Safeguarding", "Safeguarding policies and checks for work with children or adults at risk."),
    ("Equality impact", "An equality impact assessment of the partnership's work."),
    ("Conflicts of interest", "Declarations from the council's representatives and the partners."),
]


def seed(apps, schema_editor):
    Item = apps.get_model("register", "DueDiligenceItem")
    for order, (name, guidance) in enumerate(ITEMS, start=1):
        Item.objects.get_or_create(name=name, defaults={"guidance": guidance, "order": order})


class Migration(migrations.Migration):
    dependencies = [("register", "0012_due_diligence")]
    operations = [migrations.RunPython(seed, migrations.RunPython.noop)]
