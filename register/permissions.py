"""Model permissions for the Django admin site, kept in step with the roles.

The app's own views ask register/rules.py; the admin site asks Django's model permissions, so the
Register administrator group holds every permission on the register's apps.
"""

from django.contrib.auth.models import Group, Permission

from . import roles

ADMIN_APPS = ("register", "assessments", "agreements", "reviews", "partnerships", "auth")


def grant_admin_model_permissions(sender=None, **kwargs):
    group = Group.objects.filter(name=roles.REGISTER_ADMIN).first()
    if group is None:
        return
    perms = Permission.objects.filter(content_type__app_label__in=ADMIN_APPS)
    group.permissions.add(*perms)
