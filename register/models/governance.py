"""Governance records the lifecycle gates ask for: an approver's agreement waiver, the closure evaluation."""

from django.db import models
from django.urls import reverse
from django.utils import timezone

from partnerships.history import HistoricalRecords

from ..choices import ClosureValue, ObjectivesAchieved
from .base import TimeStamped, Versioned, user_fk


class AgreementWaiver(TimeStamped):
    """An approver's decision that this partnership may go live without an approved or signed agreement."""

    partnership = models.OneToOneField(
        "register.Partnership", on_delete=models.CASCADE, related_name="agreement_waiver"
    )
    reason = models.TextField(help_text="Why the partnership may start without an agreement.")
    granted_by = user_fk("+")
    granted_on = models.DateField(default=timezone.localdate)

    history = HistoricalRecords(excluded_fields=["updated_at"])

    def __str__(self):
        return f"Agreement waiver for {self.partnership}"


class ClosureEvaluation(TimeStamped, Versioned):
    """The final evaluation of a partnership before it closes: what it achieved and what happens now."""

    partnership = models.OneToOneField(
        "register.Partnership", on_delete=models.CASCADE, related_name="closure_evaluation"
    )
    objectives_achieved = models.CharField(
        "Were the objectives achieved?", max_length=20, choices=ObjectivesAchieved.choices, blank=True
    )
    objectives_summary = models.TextField(
        "What was achieved", blank=True, help_text="Against each objective, what the partnership delivered."
    )
    value_for_money = models.CharField("Value for money", max_length=20, choices=ClosureValue.choices, blank=True)
    assets = models.TextField(
        "What happens to assets", blank=True, help_text="Buildings, equipment and anything the partnership owns."
    )
    staff = models.TextField("What happens to staff", blank=True, help_text="Secondments, TUPE, roles that end.")
    data = models.TextField(
        "What happens to data", blank=True, help_text="Records kept, returned, transferred or destroyed, and by whom."
    )
    money = models.TextField(
        "What happens to money", blank=True, help_text="Balances, final accounts and any money returned to partners."
    )
    partners_told = models.TextField(
        "What partners and the public were told", blank=True, help_text="Who was told of the closure, how and when."
    )
    completed_by = user_fk("+")
    completed_on = models.DateField(null=True, blank=True)

    history = HistoricalRecords(excluded_fields=["updated_at"])

    REQUIRED = (
        "objectives_achieved",
        "objectives_summary",
        "value_for_money",
        "assets",
        "staff",
        "data",
        "money",
        "partners_told",
    )

    def __str__(self):
        return f"Closure evaluation of {self.partnership}"

    def get_absolute_url(self):
        return reverse("register:closure_evaluation", args=[self.partnership.reference])

    def missing(self):
        """Labels of the questions not yet answered."""
        return [
            str(self._meta.get_field(name).verbose_name)
            for name in self.REQUIRED
            if not str(getattr(self, name) or "").strip()
        ]
