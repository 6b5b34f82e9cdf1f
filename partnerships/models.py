from django.conf import settings
from django.db import models
from django.urls import reverse
from simple_history.models import HistoricalRecords


class ImportMode(models.TextChoices):
    DRY_RUN = "dry_run", "Checked, not imported"
    APPLIED = "applied", "Imported"
    VALID_ONLY = "valid_only", "Valid rows imported"


class ToolkitImport(models.Model):
    """One upload of the Excel toolkit: who, when, which file, and what it did."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="toolkit_imports"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    applied_at = models.DateTimeField(null=True, blank=True)
    file_name = models.CharField(max_length=255)
    sha256 = models.CharField("SHA-256 checksum", max_length=64)
    size = models.PositiveIntegerField("Size (bytes)", default=0)
    upload = models.FileField(upload_to="toolkit/uploads/%Y/%m/")
    rejects = models.FileField("Rejected rows", upload_to="toolkit/rejects/%Y/%m/", blank=True)
    mode = models.CharField(max_length=20, choices=ImportMode.choices, default=ImportMode.DRY_RUN)
    from_command_line = models.BooleanField(default=False)
    counts = models.JSONField(default=dict, blank=True, help_text="Per sheet: created, updated, unchanged, errors.")
    error_count = models.PositiveIntegerField(default=0)
    warning_count = models.PositiveIntegerField(default=0)
    calculated_columns = models.JSONField(
        default=list,
        blank=True,
        help_text="Columns calculated in the workbook: sheet, column, formula and how many results were imported.",
    )
    column_mapping = models.JSONField(
        default=dict, blank=True, help_text="Per sheet: unrecognised header -> field, or empty to ignore it."
    )

    history = HistoricalRecords()

    class Meta:
        ordering = ["-created_at", "-id"]
        verbose_name = "toolkit import"

    def __str__(self):
        return f"{self.file_name} ({self.get_mode_display()}, {self.created_at:%d %b %Y %H:%M})"

    def get_absolute_url(self):
        return reverse("toolkit:preview", args=[self.pk])

    @property
    def is_applied(self):
        return self.mode != ImportMode.DRY_RUN

    def total(self, name):
        return sum(sheet.get(name, 0) for sheet in self.counts.values())

    @property
    def created_count(self):
        return self.total("created")

    @property
    def updated_count(self):
        return self.total("updated")

    @property
    def unchanged_count(self):
        return self.total("unchanged")


from .jobs.models import Job  # noqa: E402, F401  (background jobs: see partnerships/jobs/)
