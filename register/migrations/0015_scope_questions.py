"""The scope screening questions councils use. Administrators change them in the admin."""

from django.db import migrations

QUESTIONS = [
    ("Do the organisations share aims, decisions and risks?", True),
    ("Is it an ongoing relationship rather than a one-off transaction?", True),
    ("Is it a contract for goods, works or services let by tender or quotation?", False),
    ("Is it a grant the council gives, with conditions but no shared decision-making?", False),
    ("Is it a service the council commissions and pays for, with no shared aims or risk?", False),
]


def seed(apps, schema_editor):
    Question = apps.get_model("register", "ScopeQuestion")
    if not Question.objects.exists():
        for order, (text, answer) in enumerate(QUESTIONS, start=1):
            Question.objects.create(text=text, partnership_answer=answer, order=order)


class Migration(migrations.Migration):
    dependencies = [("register", "0014_scope_screening")]
    operations = [migrations.RunPython(seed, migrations.RunPython.noop)]
