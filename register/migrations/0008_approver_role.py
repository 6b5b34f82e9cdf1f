"""The Approver role: directors and others with delegated authority who approve partnerships."""

from django.db import migrations

APPROVER = "Approver"  # register.roles.APPROVER, as it was when this migration was written


def create_group(apps, schema_editor):
    apps.get_model("auth", "Group").objects.get_or_create(name=APPROVER)


def remove_group(apps, schema_editor):
    apps.get_model("auth", "Group").objects.filter(name=APPROVER).delete()


class Migration(migrations.Migration):
    dependencies = [("register", "0007_governance_records"), ("auth", "0012_alter_user_first_name_max_length")]
    operations = [migrations.RunPython(create_group, remove_group)]
