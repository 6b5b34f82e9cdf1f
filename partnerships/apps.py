from django.apps import AppConfig


class PartnershipsConfig(AppConfig):
    """The project package, also an app: it composes the others (home page, demo data, toolkit import)."""

    name = "partnerships"
    verbose_name = "Imports and service"

    def ready(self):
        from . import checks  # noqa: F401 - registers the start-up checks
        from .toolkit import jobs  # noqa: F401 - registers what a worker does for the toolkit's jobs
