"""Start-up checks: a server that cannot serve pages says so when it starts, not on every request."""

from django.conf import settings
from django.contrib.staticfiles.storage import ManifestFilesMixin
from django.core import checks
from django.core.exceptions import ImproperlyConfigured
from django.core.files.storage import storages

COLLECTSTATIC = (
    "The static files have not been collected, so every page would fail. "
    "Run `manage.py collectstatic --no-input` (README, 'Deploying') before starting the server."
)


def static_files_missing():
    """True when the static files storage needs the manifest that collectstatic writes, and it is not there."""
    storage = storages["staticfiles"]
    if settings.DEBUG or not isinstance(storage, ManifestFilesMixin):
        return False
    return not storage.exists(storage.manifest_name)


@checks.register(checks.Tags.staticfiles, deploy=True)
def check_static_files_collected(app_configs=None, **kwargs):
    return [checks.Error(COLLECTSTATIC, id="partnerships.E001")] if static_files_missing() else []


def refuse_to_start_without_static_files():
    if static_files_missing():
        raise ImproperlyConfigured(COLLECTSTATIC)
