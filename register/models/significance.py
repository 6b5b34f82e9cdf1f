"""Significance by criteria: the screening questions, their weights and thresholds, and the levels
they add up to, as data a register administrator edits in the admin (seeded by a data migration)."""

from django.db import models

from ..choices import ReviewFrequency, Significance


class Measure(models.TextChoices):
    """What a criterion looks at in the register."""

    ANNUAL_VALUE = "annual_value", "Annual value in money and in kind, all partners (£), at least the threshold"
    STATUTORY = "statutory", "A statutory partnership"
    SERIOUS_IF_FAILED = "serious_if_failed", "Failure would seriously harm services or the council's reputation"
    CORPORATE_PRIORITY = "corporate_priority", "Delivers at least one corporate priority"
    PARTNER_COUNT = "partner_count", "Number of partner organisations, at least the threshold"
    ACCOUNTABLE_BODY = "accountable_body", "The council is the accountable body"


class SignificanceCriterion(models.Model):
    """One scored question: when it holds for a partnership, the partnership scores `points`."""

    name = models.CharField(max_length=120, help_text="How the reason reads on the partnership page.")
    measure = models.CharField(max_length=30, choices=Measure.choices)
    threshold = models.DecimalField(
        max_digits=14,
        decimal_places=2,
        null=True,
        blank=True,
        help_text="For annual value and number of partners: the criterion holds at this value or above.",
    )
    points = models.PositiveSmallIntegerField(default=1)
    order = models.PositiveSmallIntegerField(default=0)
    active = models.BooleanField(default=True)

    class Meta:
        ordering = ["order", "id"]
        verbose_name = "significance criterion"
        verbose_name_plural = "significance criteria"

    def __str__(self):
        return f"{self.name} ({self.points} points)"


class SignificanceLevel(models.Model):
    """A level and the points it starts at; the review frequency partnerships at that level get."""

    level = models.CharField(max_length=10, choices=Significance.choices, unique=True)
    min_points = models.PositiveSmallIntegerField(help_text="A partnership scoring this many points or more.")
    review_frequency = models.CharField(max_length=20, choices=ReviewFrequency.choices)

    class Meta:
        ordering = ["-min_points"]

    def __str__(self):
        frequency = self.get_review_frequency_display().lower()
        return f"{self.get_level_display()}: {self.min_points} points or more, reviewed {frequency}"


class CorporatePriority(models.Model):
    """One of the council's corporate priorities, kept by register administrators."""

    name = models.CharField(max_length=160, unique=True)
    description = models.TextField(blank=True)
    active = models.BooleanField(default=True, help_text="Untick when the council plan drops it; links are kept.")

    class Meta:
        ordering = ["name"]
        verbose_name_plural = "corporate priorities"

    def __str__(self):
        return self.name
