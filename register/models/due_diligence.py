"""Due diligence: the checks every partnership goes through, as data, and each partnership's answers."""

from django.db import models

from partnerships.history import HistoricalRecords

from .base import TimeStamped, user_fk


class DueDiligenceItem(models.Model):
    """One check on the council's list (procurement rules, subsidy control, DPIA...), kept by administrators."""

    name = models.CharField(max_length=120, unique=True)
    guidance = models.TextField(blank=True, help_text="What doing this check involves, for officers.")
    order = models.PositiveSmallIntegerField(default=0)
    active = models.BooleanField(default=True)

    class Meta:
        ordering = ["order", "name"]

    def __str__(self):
        return self.name


class CheckStatus(models.TextChoices):
    DONE = "done", "Done"
    NOT_NEEDED = "not_needed", "Not needed"
    OUTSTANDING = "outstanding", "Outstanding"


# Answers that settle a check.
SETTLED = (CheckStatus.DONE, CheckStatus.NOT_NEEDED)


class DueDiligenceCheck(TimeStamped):
    """A partnership's answer to one due diligence item."""

    partnership = models.ForeignKey("register.Partnership", on_delete=models.CASCADE, related_name="due_diligence")
    item = models.ForeignKey(DueDiligenceItem, on_delete=models.PROTECT, related_name="checks")
    status = models.CharField(max_length=12, choices=CheckStatus.choices, default=CheckStatus.OUTSTANDING)
    checked_on = models.DateField("Date", null=True, blank=True)
    checked_by = user_fk("+")
    note = models.TextField(blank=True, help_text="What was done, or why it is not needed.")
    evidence = models.FileField(upload_to="due-diligence/", blank=True)

    history = HistoricalRecords(excluded_fields=["updated_at"])

    class Meta:
        ordering = ["partnership", "item__order", "item__name"]
        constraints = [models.UniqueConstraint(fields=["partnership", "item"], name="one_check_per_item")]

    def __str__(self):
        return f"{self.partnership.reference}: {self.item} ({self.get_status_display()})"
