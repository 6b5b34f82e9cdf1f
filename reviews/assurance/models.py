"""The annual assurance round: returns from lead officers, partners' voice, ratings and actions.

A round ("2026/27") holds one return per partnership in it. The lead officer fills the return in
(questions are data, `ReturnQuestion`), partners answer the health check through invitations, the
rating rule (`RatingCondition`, `RatingThreshold`, both data) proposes a rating and the
administrator confirms it. Improvements become remedial actions carried into later rounds.
"""

import hashlib
import secrets

from django.conf import settings
from django.core.validators import validate_comma_separated_integer_list
from django.db import models, transaction
from django.urls import reverse
from django.utils import timezone

from register.choices import AssuranceRating
from register.dates import add_months
from register.models.base import TimeStamped, Versioned, user_fk

from .actions import improvements


class ReturnStateError(Exception):
    """A return cannot make that move in the state it is in."""


class AssuranceRoundQuerySet(models.QuerySet):
    def open(self):
        return self.filter(closed_at__isnull=True)


class AssuranceRound(TimeStamped):
    """One year's assurance cycle, from opening to the committee's annual report."""

    name = models.CharField(max_length=40, unique=True, help_text="The year it covers, for example 2026/27.")
    deadline = models.DateField(help_text="The date lead officers must send their returns by.")
    reminder_days = models.CharField(
        max_length=60,
        default="14,7,1",
        validators=[validate_comma_separated_integer_list],
        help_text="Days before the deadline on which lead officers with returns outstanding are reminded, "
        "for example 14,7,1.",
    )
    action_due_months = models.PositiveSmallIntegerField(
        "Months to do a remedial action",
        default=6,
        help_text="An improvement proposed on a return becomes a remedial action due this many months after "
        "the return is sent (the owner can change the date).",
    )
    opened_by = user_fk("+")
    closed_at = models.DateTimeField(null=True, blank=True)

    objects = AssuranceRoundQuerySet.as_manager()

    class Meta:
        ordering = ["-deadline", "-id"]

    def __str__(self):
        return f"Assurance round {self.name}"

    def get_absolute_url(self):
        return reverse("reviews:round_progress", args=[self.pk])

    @property
    def is_open(self):
        return self.closed_at is None

    @property
    def reminder_day_list(self):
        return sorted({int(day) for day in self.reminder_days.split(",") if day.strip()}, reverse=True)

    def previous(self):
        """The round before this one (by deadline), or None."""
        return AssuranceRound.objects.filter(deadline__lt=self.deadline).order_by("-deadline").first()

    def close(self, by=None):
        self.closed_at = timezone.now()
        self.save(update_fields=["closed_at", "updated_at"])


class ReturnStatus(models.TextChoices):
    NOT_STARTED = "not_started", "Not started"
    IN_PROGRESS = "in_progress", "In progress"
    SENT_BACK = "sent_back", "Sent back"
    RETURNED = "returned", "Returned"


class AssuranceReturn(TimeStamped, Versioned):
    """A lead officer's self-assessment of one partnership in one round."""

    round = models.ForeignKey(AssuranceRound, on_delete=models.CASCADE, related_name="returns")
    partnership = models.ForeignKey("register.Partnership", on_delete=models.CASCADE, related_name="assurance_returns")
    status = models.CharField(max_length=20, choices=ReturnStatus.choices, default=ReturnStatus.NOT_STARTED)
    submitted_at = models.DateTimeField(null=True, blank=True)
    submitted_by = user_fk("+")
    sent_back_reason = models.TextField(blank=True)
    summary = models.TextField(
        "Summary for the committee",
        blank=True,
        help_text="One paragraph on how the partnership did this year, for the committee's annual report.",
    )
    proposed_rating = models.CharField(max_length=20, choices=AssuranceRating.choices, blank=True)
    proposed_reasons = models.JSONField(default=list, blank=True)
    rating = models.CharField("Confirmed rating", max_length=20, choices=AssuranceRating.choices, blank=True)
    rating_reason = models.TextField(blank=True)
    recommend_removal = models.BooleanField(
        "Recommend removal from the register", default=False, help_text="The partnership no longer needs to be here."
    )

    class Meta:
        verbose_name = "assurance return"
        ordering = ["round", "partnership__reference"]
        constraints = [models.UniqueConstraint(fields=["round", "partnership"], name="one_return_per_round")]

    def __str__(self):
        return f"{self.partnership.reference} return for {self.round.name}"

    def get_absolute_url(self):
        return reverse("reviews:return", args=[self.pk])

    @property
    def is_editable(self):
        return self.round.is_open and self.status != ReturnStatus.RETURNED

    def mark_in_progress(self):
        if self.status == ReturnStatus.NOT_STARTED:
            self.status = ReturnStatus.IN_PROGRESS
            self.save(update_fields=["status", "updated_at"])

    def missing(self):
        """What must be answered before the return can be sent, in words."""
        answered = set(self.answers.exclude(answer="").values_list("question_id", flat=True))
        missing = [
            f"Answer “{question.text}”" for question in ReturnQuestion.objects.active() if question.pk not in answered
        ]
        if not self.summary.strip():
            missing.append("Write the summary for the committee")
        return missing

    def submit(self, by=None):
        if not self.is_editable:
            raise ReturnStateError("This return has already been sent.")
        missing = self.missing()
        if missing:
            raise ReturnStateError("; ".join(missing))
        with transaction.atomic():
            self.status = ReturnStatus.RETURNED
            self.submitted_at = timezone.now()
            self.submitted_by = by
            self.save()
            RemedialAction.objects.raise_from(self)

    def send_back(self, reason, by=None):
        if self.status != ReturnStatus.RETURNED:
            raise ReturnStateError("Only a sent return can be sent back.")
        self.status = ReturnStatus.SENT_BACK
        self.sent_back_reason = reason
        self.save()

    def confirm_rating(self, rating, reason="", by=None):
        """The administrator's rating. A rating other than the one proposed needs a reason."""
        if rating != self.proposed_rating and not reason.strip():
            raise ReturnStateError("Give a reason for changing the proposed rating.")
        with transaction.atomic():
            self.rating = rating
            self.rating_reason = reason
            self.save()
            RatingDecision.objects.create(
                assurance_return=self, proposed=self.proposed_rating, rating=rating, reason=reason, by=by
            )
            type(self.partnership).objects.filter(pk=self.partnership_id).update(assurance=rating)


class QuestionSection(models.TextChoices):
    GOVERNANCE = "governance", "Governance arrangements in place"
    RESOURCES = "resources", "Council resources used"
    RISKS = "risks", "Top risks"
    IMPROVEMENTS = "improvements", "Improvements proposed"


class AnswerKind(models.TextChoices):
    YES_NO = "yes_no", "Yes or no"
    TEXT = "text", "Text"


class ReturnQuestionQuerySet(models.QuerySet):
    def active(self):
        return self.filter(active=True)


class ReturnQuestion(models.Model):
    """A question on the self-assessment return. Loaded from fixtures/assurance_questions.json."""

    key = models.SlugField(unique=True, help_text="A short name the rating rule can refer to.")
    section = models.CharField(max_length=20, choices=QuestionSection.choices)
    order = models.PositiveSmallIntegerField(default=0)
    text = models.CharField(max_length=250)
    hint = models.CharField(max_length=250, blank=True)
    kind = models.CharField(max_length=10, choices=AnswerKind.choices, default=AnswerKind.TEXT)
    active = models.BooleanField(default=True, help_text="Untick to leave it out of rounds opened from now on.")

    objects = ReturnQuestionQuerySet.as_manager()

    class Meta:
        ordering = ["order", "id"]

    def __str__(self):
        return self.text


class ReturnAnswer(models.Model):
    assurance_return = models.ForeignKey(AssuranceReturn, on_delete=models.CASCADE, related_name="answers")
    question = models.ForeignKey(ReturnQuestion, on_delete=models.PROTECT, related_name="answers")
    answer = models.TextField(blank=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["assurance_return", "question"], name="one_answer_per_return_question")
        ]

    def __str__(self):
        return f"{self.question}: {self.answer}"


class ObjectiveAchievement(models.Model):
    """What a partnership achieved against one SMART objective in the round's year."""

    assurance_return = models.ForeignKey(AssuranceReturn, on_delete=models.CASCADE, related_name="achievements")
    objective = models.ForeignKey("reviews.Objective", on_delete=models.CASCADE, related_name="achievements")
    achievement = models.TextField(blank=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["assurance_return", "objective"], name="one_achievement_per_objective")
        ]

    def __str__(self):
        return f"{self.objective}: {self.achievement[:60]}"


class RoundReminder(models.Model):
    """A reminder sent to a lead officer for a round, so the command never sends it twice."""

    round = models.ForeignKey(AssuranceRound, on_delete=models.CASCADE, related_name="reminders")
    officer = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    days_before = models.PositiveSmallIntegerField()
    sent_at = models.DateTimeField(default=timezone.now)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["round", "officer", "days_before"], name="one_round_reminder_per_day")
        ]

    def __str__(self):
        return f"{self.round.name}: {self.days_before}-day reminder to {self.officer}"


class RoundEmail(models.Model):
    """An "opened" or "chase" email sent to a lead officer for a round, recorded so that a task run twice
    (a retry, a worker that died after sending) never sends it twice. `key` names the occasion: "opened",
    or "chase" and the chase's own id, since an administrator may chase again another day."""

    round = models.ForeignKey(AssuranceRound, on_delete=models.CASCADE, related_name="emails")
    officer = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    key = models.CharField(max_length=60)
    sent_at = models.DateTimeField(default=timezone.now)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["round", "officer", "key"], name="one_round_email_per_occasion")]

    def __str__(self):
        return f"{self.round.name}: {self.key} email to {self.officer}"


def hash_token(token):
    return hashlib.sha256(token.encode()).hexdigest()


class InvitationQuerySet(models.QuerySet):
    def usable(self, now=None):
        now = now or timezone.now()
        return self.filter(used_at__isnull=True, revoked_at__isnull=True, expires_at__gt=now)


class PartnerInvitation(TimeStamped):
    """A single-use link for a named partner contact to answer the health check without an account.

    Only a hash of the token is stored: the link itself exists only in the email.
    """

    assurance_return = models.ForeignKey(AssuranceReturn, on_delete=models.CASCADE, related_name="invitations")
    organisation = models.ForeignKey("register.Organisation", on_delete=models.CASCADE, related_name="+")
    contact_name = models.CharField(max_length=120)
    contact_email = models.EmailField()
    token_hash = models.CharField(max_length=64, unique=True, editable=False)
    expires_at = models.DateTimeField()
    used_at = models.DateTimeField(null=True, blank=True)
    revoked_at = models.DateTimeField(null=True, blank=True)
    invited_by = user_fk("+")
    response = models.OneToOneField(
        "assessments.HealthCheckResponse", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    objects = InvitationQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at"]

    def __str__(self):
        return f"Invitation to {self.contact_name} ({self.organisation})"

    @classmethod
    def issue(cls, assurance_return, organisation, contact_name, contact_email, by=None, days=None):
        """A new invitation and its token (the token is not stored; send it now or never)."""
        token = secrets.token_urlsafe(32)
        days = days or getattr(settings, "PARTNER_INVITATION_DAYS", 21)  # see notify.invitation_days
        invitation = cls.objects.create(
            assurance_return=assurance_return,
            organisation=organisation,
            contact_name=contact_name,
            contact_email=contact_email,
            token_hash=hash_token(token),
            expires_at=timezone.now() + timezone.timedelta(days=days),
            invited_by=by,
        )
        return invitation, token

    @classmethod
    def find(cls, token):
        """The usable invitation for this token, or None (unknown, used, expired or revoked)."""
        return (
            cls.objects.usable()
            .select_related("assurance_return__partnership", "organisation")
            .filter(token_hash=hash_token(token))
            .first()
        )

    @property
    def state(self):
        if self.used_at:
            return "Answered"
        if self.revoked_at:
            return "Revoked"
        if self.expires_at <= timezone.now():
            return "Expired"
        return "Waiting"

    def revoke(self):
        self.revoked_at = timezone.now()
        self.save(update_fields=["revoked_at", "updated_at"])

    def use(self, response):
        """Spend the invitation. False if someone else spent it first (a double click)."""
        spent = type(self).objects.usable().filter(pk=self.pk).update(used_at=timezone.now(), response=response)
        return bool(spent)


class RatingCheck(models.TextChoices):
    """What the rating rule can look at. Which ones count, and how much, is data."""

    NO_ASSESSMENT = "no_assessment", "No partnership assessment"
    NO_AGREEMENT = "no_agreement", "No approved or signed agreement"
    NO_RISK_ENTRY = "no_risk_entry", "No risk register"
    REVIEW_NOT_IN_DATE = "review_not_in_date", "No review in date"
    NO_OBJECTIVES = "no_objectives", "No SMART objectives"
    PAST_END_DATE = "past_end_date", "End date passed but still live"
    RETURN_ANSWERED_NO = "return_answered_no", "Each governance question answered no on the return"
    HEALTH_LOW = "health_low", "Health check average below 2.5 out of 4"
    HEALTH_SPREAD = "health_spread", "Partners disagree (spread of 2 or more on a principle)"
    NO_PARTNER_VOICE = "no_partner_voice", "No partner answered the health check"
    ACTIONS_OVERDUE = "actions_overdue", "Remedial actions overdue"


class RatingCondition(models.Model):
    """One condition of the rating rule: when it holds, it adds `points` and says `reason`."""

    check_name = models.CharField("Check", max_length=30, choices=RatingCheck.choices, unique=True)
    points = models.PositiveSmallIntegerField(default=1)
    reason = models.CharField(
        max_length=200, help_text="How the reason reads in the proposal, e.g. “no current agreement”."
    )
    active = models.BooleanField(default=True)

    class Meta:
        ordering = ["-points", "check_name"]

    def __str__(self):
        return f"{self.get_check_name_display()} ({self.points} points)"


class RatingThreshold(models.Model):
    """A rating is proposed when the points are at most `max_points` (the lowest band that fits)."""

    rating = models.CharField(max_length=20, choices=AssuranceRating.choices, unique=True)
    max_points = models.PositiveSmallIntegerField(
        null=True, blank=True, help_text="Leave blank for the band that takes everything above the others."
    )

    class Meta:
        ordering = [models.F("max_points").asc(nulls_last=True)]

    def __str__(self):
        return f"{self.get_rating_display()}: up to {self.max_points if self.max_points is not None else 'any'}"


class RatingDecision(models.Model):
    """The administrator's confirmation (or change) of a rating: the history per round."""

    assurance_return = models.ForeignKey(AssuranceReturn, on_delete=models.CASCADE, related_name="rating_decisions")
    proposed = models.CharField(max_length=20, choices=AssuranceRating.choices, blank=True)
    rating = models.CharField(max_length=20, choices=AssuranceRating.choices)
    reason = models.TextField(blank=True)
    by = user_fk("+")
    at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["-at", "-id"]

    def __str__(self):
        return f"{self.get_rating_display()} on {self.at:%d %b %Y}"


class ActionStatus(models.TextChoices):
    OPEN = "open", "Not started"
    IN_PROGRESS = "in_progress", "In progress"
    DONE = "done", "Done"


class RemedialActionQuerySet(models.QuerySet):
    def outstanding(self):
        return self.exclude(status=ActionStatus.DONE)

    def overdue(self, today):
        return self.outstanding().filter(due_date__lt=today)

    def raise_from(self, assurance_return, today=None):
        """Make the return's improvements remedial actions (see reviews/assurance/actions.py). Returns the new ones."""
        today = today or timezone.localdate()
        answers = assurance_return.answers.filter(question__section=QuestionSection.IMPROVEMENTS)
        proposed = improvements(answers.order_by("question__order", "question_id").values_list("answer", flat=True))
        raised = self.filter(from_return=assurance_return)
        raised.exclude(description__in=proposed).filter(status=ActionStatus.OPEN, progress="", lock_version=1).delete()
        existing = set(raised.values_list("description", flat=True))
        partnership, assurance_round = assurance_return.partnership, assurance_return.round
        new = [
            self.model(
                partnership=partnership,
                raised_in=assurance_round,
                from_return=assurance_return,
                description=text,
                owner=partnership.lead_officer_display or "Lead officer",
                due_date=add_months(today, assurance_round.action_due_months),
            )
            for text in proposed
            if text not in existing
        ]
        # A second request sending the same return at the same moment meets the unique constraint: skipped.
        self.bulk_create(new, ignore_conflicts=True)
        return new


class RemedialAction(TimeStamped, Versioned):
    """An improvement a partnership must make; carried into later rounds until done.

    Each improvement proposed on a return becomes one when the return is sent (`objects.raise_from`);
    `from_return` remembers which, so sending the return again never raises it twice.
    """

    partnership = models.ForeignKey("register.Partnership", on_delete=models.CASCADE, related_name="remedial_actions")
    raised_in = models.ForeignKey(AssuranceRound, on_delete=models.PROTECT, related_name="actions_raised")
    from_return = models.ForeignKey(
        AssuranceReturn,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="actions",
        help_text="The return whose proposed improvements it came from (blank for an action added by hand).",
    )
    description = models.TextField()
    owner = models.CharField(max_length=120)
    due_date = models.DateField()
    status = models.CharField(max_length=20, choices=ActionStatus.choices, default=ActionStatus.OPEN)
    progress = models.TextField(blank=True)

    objects = RemedialActionQuerySet.as_manager()

    class Meta:
        ordering = ["due_date", "id"]
        constraints = [
            models.UniqueConstraint(
                fields=["from_return", "description"],
                condition=models.Q(from_return__isnull=False),
                name="one_action_per_improvement",
            )
        ]

    def __str__(self):
        return self.description[:60]

    def get_absolute_url(self):
        return reverse("reviews:action_update", args=[self.pk])

    @property
    def is_done(self):
        return self.status == ActionStatus.DONE

    def is_overdue(self, today):
        return not self.is_done and self.due_date < today
