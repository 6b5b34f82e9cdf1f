"""The dashboard's figures as last counted, kept in the database so that every server shares them."""

from django.core.serializers.json import DjangoJSONEncoder
from django.db import models


class CountedFigures(models.Model):
    """The dashboard's figures for one scope (its filters), as last counted.

    Counting the whole register takes the database a few hundred milliseconds at 20,000 partnerships
    and seconds at 100,000, so the figures are not counted in the request that shows them: after a
    change, the dashboard shows these figures with the time they were counted, and a task on the
    worker counts them again (reviews/dashboard/cache.py).
    """

    scope = models.CharField(max_length=64, unique=True, help_text="A digest of the scope's query.")
    params = models.JSONField(default=dict, blank=True, help_text="The dashboard's filters for this scope.")
    version = models.CharField(max_length=255, help_text="The register's version and the day they were counted for.")
    counted = models.JSONField(encoder=DjangoJSONEncoder)
    counted_at = models.DateTimeField()
    recount_asked_for = models.CharField(
        max_length=255, blank=True, help_text="The version a recount was last put on the queue for (asked once)."
    )

    class Meta:
        verbose_name_plural = "counted figures"

    def __str__(self):
        return f"Dashboard figures counted {self.counted_at:%d %b %Y %H:%M}"
