from django.conf import settings
from django.db import models, transaction
from django.urls import reverse
from django.utils import timezone

from partnerships.history import HistoricalRecords
from register.choices import RAG
from register.models.base import TimeStamped, Versioned, user_fk


class ObjectiveStatus(models.TextChoices):
    OPEN = "open", "In progress"
    ACHIEVED = "achieved", "Achieved"
    NOT_ACHIEVED = "not_achieved", "Not achieved"
    WITHDRAWN = "withdrawn", "Withdrawn"


class Objective(TimeStamped, Versioned):
    """A SMART objective: specific, measurable, achievable, relevant, time-bound."""

    partnership = models.ForeignKey("register.Partnership", on_delete=models.CASCADE, related_name="objectives")
    title = models.CharField("What will be achieved", max_length=250)
    measure = models.CharField("How it will be measured", max_length=250)
    target = models.CharField("Target", max_length=120, help_text="The level to reach, e.g. 500 households or 90%.")
    deadline = models.DateField(help_text="The date by which the target should be met.")
    owner = models.CharField(max_length=120, help_text="The person accountable for this objective.")
    status = models.CharField(max_length=20, choices=ObjectiveStatus.choices, default=ObjectiveStatus.OPEN)

    history = HistoricalRecords(excluded_fields=["updated_at"])

    class Meta:
        ordering = ["partnership", "deadline", "id"]
        # "Has objectives that are not withdrawn" (dashboard compliance gaps) from the index alone.
        indexes = [models.Index(fields=["partnership", "status"], name="objective_partnership_status")]

    def __str__(self):
        return self.title


class ObjectivesMet(models.TextChoices):
    FULLY = "fully", "Fully"
    PARTLY = "partly", "Partly"
    NOT_MET = "not_met", "Not met"


class ValueForMoney(models.TextChoices):
    GOOD = "good", "Good"
    ADEQUATE = "adequate", "Adequate"
    POOR = "poor", "Poor"


def _vfm(label, help_text):
    return models.CharField(label, max_length=10, choices=ValueForMoney.choices, blank=True, help_text=help_text)


class PerformanceReview(TimeStamped, Versioned):
    """A scheduled review of how the partnership is performing against its objectives."""

    partnership = models.ForeignKey("register.Partnership", on_delete=models.CASCADE, related_name="reviews")
    review_date = models.DateField()
    reviewer = user_fk("+", help_text="The officer who carried out the review.")
    reviewer_name = models.CharField(max_length=120, blank=True, help_text="Reviewer's name if they have no login.")
    period_start = models.DateField("Period from", null=True, blank=True)
    period_end = models.DateField("Period to", null=True, blank=True)
    objectives_met = models.CharField("Objectives met?", max_length=10, choices=ObjectivesMet.choices, blank=True)
    rag = models.CharField("RAG", max_length=10, choices=RAG.choices)
    value_for_money = _vfm("Value for money overall", "")
    vfm_economy = _vfm("Economy", "Are inputs bought at the right price?")
    vfm_efficiency = _vfm("Efficiency", "Are inputs turned into outputs without waste?")
    vfm_effectiveness = _vfm("Effectiveness", "Are the outcomes being achieved?")
    vfm_equity = _vfm("Equity", "Do the benefits reach the people who need them?")
    summary = models.TextField("Summary of performance")
    actions = models.TextField("Actions agreed", blank=True)
    completed_at = models.DateTimeField(null=True, blank=True)

    history = HistoricalRecords(excluded_fields=["updated_at"])

    class Meta:
        ordering = ["partnership", "-review_date", "-id"]
        indexes = [models.Index(fields=["review_date"])]

    def __str__(self):
        return f"{self.partnership.reference} review {self.review_date:%d %b %Y}"

    def get_absolute_url(self):
        return reverse("reviews:review_detail", args=[self.partnership.reference, self.pk])

    @property
    def reviewer_display(self):
        if self.reviewer:
            return self.reviewer.get_full_name() or self.reviewer.get_username()
        return self.reviewer_name

    def complete(self, by=None):
        """Complete the review: the partnership's review dates move on by its frequency."""
        with transaction.atomic():
            self.completed_at = timezone.now()
            if by is not None and self.reviewer_id is None:
                self.reviewer = by
            self.save()
            self.partnership.record_review(self.review_date, rag=self.rag)


class ProgressRating(models.TextChoices):
    ACHIEVED = "achieved", "Achieved"
    ON_TRACK = "on_track", "On track"
    AT_RISK = "at_risk", "At risk"
    OFF_TRACK = "off_track", "Off track"


class ObjectiveProgress(models.Model):
    review = models.ForeignKey(PerformanceReview, on_delete=models.CASCADE, related_name="progress")
    objective = models.ForeignKey(Objective, on_delete=models.CASCADE, related_name="progress")
    rating = models.CharField(max_length=10, choices=ProgressRating.choices)
    comment = models.TextField(blank=True)

    history = HistoricalRecords()

    class Meta:
        verbose_name_plural = "objective progress"
        constraints = [models.UniqueConstraint(fields=["review", "objective"], name="progress_once_per_review")]

    def __str__(self):
        return f"{self.objective}: {self.get_rating_display()}"


class LessonArea(models.TextChoices):
    GOVERNANCE = "governance", "Governance and decision making"
    FINANCE = "finance", "Finance and funding"
    RELATIONSHIPS = "relationships", "Relationships and trust"
    DATA = "data", "Data sharing and information"
    DELIVERY = "delivery", "Service delivery"
    PROCUREMENT = "procurement", "Procurement and legal"
    COMMUNITY = "community", "Community engagement"
    EXIT = "exit", "Exit and closure"
    OTHER = "other", "Other"


class LessonLearned(TimeStamped):
    """Something learnt that later partnerships can use."""

    partnership = models.ForeignKey("register.Partnership", on_delete=models.CASCADE, related_name="lessons")
    review = models.ForeignKey(
        PerformanceReview, null=True, blank=True, on_delete=models.SET_NULL, related_name="lessons"
    )
    title = models.CharField("Lesson", max_length=250, help_text="The lesson in one sentence.")
    detail = models.TextField(blank=True, help_text="What happened, and what others should do differently.")
    area = models.CharField(max_length=20, choices=LessonArea.choices, default=LessonArea.OTHER)
    shareable = models.BooleanField(
        default=True, help_text="Untick if this lesson is sensitive and should not appear in the lessons library."
    )
    recorded_by = user_fk("+")
    recorded_on = models.DateField(default=timezone.localdate)

    history = HistoricalRecords(excluded_fields=["updated_at"])

    class Meta:
        verbose_name = "lesson learnt"
        verbose_name_plural = "lessons learnt"
        ordering = ["-recorded_on", "-id"]
        indexes = [
            # The lessons library: the shareable lessons, newest first, counted and paged from the index.
            models.Index(fields=["-recorded_on", "-id"], condition=models.Q(shareable=True), name="lesson_library_idx"),
        ]

    def __str__(self):
        return self.title


class ReminderSent(models.Model):
    """A review-reminder digest emailed to a lead officer (send_review_reminders): at most one a day."""

    officer = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="review_reminders")
    sent_on = models.DateField()
    reviews = models.PositiveIntegerField(default=0, help_text="Reviews due or overdue in the digest.")
    risks = models.PositiveIntegerField(default=0, help_text="Open risks past their review date in the digest.")

    class Meta:
        ordering = ["-sent_on", "officer"]
        verbose_name = "review reminder sent"
        verbose_name_plural = "review reminders sent"
        constraints = [models.UniqueConstraint(fields=["officer", "sent_on"], name="one_reminder_per_officer_a_day")]

    def __str__(self):
        return f"Reminder to {self.officer} on {self.sent_on:%d %b %Y}"


# The annual assurance round and the dashboard live in their own packages; their models belong to this app.
from .assurance.models import *  # noqa: E402, F403
from .dashboard.models import CountedFigures  # noqa: E402, F401
