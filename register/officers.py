"""A lead officer's name, kept on the partnerships they lead (`Partnership.lead_officer_shown_as`).

The register is sorted by the name shown; it is stored on the partnership so that sorting is read
from an index. A partnership's own save works it out; these receivers follow the officer: renamed,
their partnerships show the new name (one statement), and deleted, the partnerships they led show the
name typed for someone without a login, as `lead_officer_display` does once the link is cleared.
"""

from django.contrib.auth import get_user_model
from django.db.models import F
from django.db.models.signals import post_save, pre_delete

from .models import Partnership

NAME_FIELDS = frozenset({"first_name", "last_name", "username"})


def officer_saved(sender, instance, created=False, raw=False, update_fields=None, **kwargs):
    if created or raw or (update_fields is not None and NAME_FIELDS.isdisjoint(update_fields)):
        return  # a new user leads nothing yet; a fixture is loaded as it is; a login changes no name
    Partnership.objects.follow_officer_name(instance)


def officer_deleted(sender, instance, **kwargs):
    Partnership.objects.led_by(instance).update(lead_officer_shown_as=F("lead_officer_name"))


def connect_signals():
    user = get_user_model()
    post_save.connect(officer_saved, sender=user, dispatch_uid="register.officers.saved")
    pre_delete.connect(officer_deleted, sender=user, dispatch_uid="register.officers.deleted")
