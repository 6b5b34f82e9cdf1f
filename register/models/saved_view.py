from django.conf import settings
from django.db import models
from django.urls import reverse

from .base import TimeStamped


class SavedView(TimeStamped):
    """A filtered, sorted register list an officer saved under a name; shared ones everyone sees."""

    owner = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="saved_views")
    name = models.CharField(max_length=80)
    query = models.CharField(
        "filters", max_length=1000, blank=True, help_text="The register list's query string: filters and sort."
    )
    shared = models.BooleanField(default=False, help_text="Colleagues see it in their list of saved views.")

    class Meta:
        ordering = ["name", "id"]
        constraints = [models.UniqueConstraint(fields=["owner", "name"], name="saved_view_name_once_per_owner")]

    def __str__(self):
        return self.name

    def get_absolute_url(self):
        return reverse("register:partnership_list") + (f"?{self.query}" if self.query else "")
