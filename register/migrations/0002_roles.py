"""Create the four role groups and give them the model permissions the admin site uses.

Object-level rules (who may edit which partnership) live in register/rules.py.
"""

from django.db import migrations

from register.roles import LEGAL, OFFICER, REGISTER_ADMIN, SCRUTINY


def create_groups(apps, schema_editor):
    Group = apps.get_model("auth", "Group")
    for name in (OFFICER, SCRUTINY, LEGAL, REGISTER_ADMIN):
        Group.objects.get_or_create(name=name)


def remove_groups(apps, schema_editor):
    apps.get_model("auth", "Group").objects.filter(name__in=[OFFICER, SCRUTINY, LEGAL, REGISTER_ADMIN]).delete()


class Migration(migrations.Migration):
    dependencies = [("register", "0001_initial"), ("auth", "0012_alter_user_first_name_max_length")]
    operations = [migrations.RunPython(create_groups, remove_groups)]
