import datetime
import re
from decimal import Decimal

from django.conf import settings
from django.db import models, transaction
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone

from partnerships.history import HistoricalRecords

from .. import lifecycle
from ..choices import (
    RAG,
    AssuranceRating,
    CouncilRole,
    LegalForm,
    PartnerRole,
    PartnershipType,
    ReviewFrequency,
    Significance,
    Status,
)
from ..dates import add_months
from .base import TimeStamped, Versioned, user_fk

MONEY = {"max_digits": 14, "decimal_places": 2, "null": True, "blank": True}


class PartnershipQuerySet(models.QuerySet):
    def in_scope(self):
        return self.exclude(partnership_type=PartnershipType.CONTRACTUAL)

    def out_of_scope(self):
        return self.filter(partnership_type=PartnershipType.CONTRACTUAL)

    def live(self):
        """Partnerships the council is committed to now: active, under review or exiting."""
        return self.filter(status__in=lifecycle.LIVE)

    def review_overdue(self, today=None):
        return self.live().filter(next_review_due__lt=today or datetime.date.today())

    def review_due_between(self, start, end):
        return self.live().filter(next_review_due__gte=start, next_review_due__lte=end)

    def led_by(self, user):
        return self.filter(lead_officer=user)

    def follow_officer_name(self, user):
        """Show `user`'s name as it now reads on the partnerships they lead: one statement."""
        name = shown_as(user)
        return self.led_by(user).exclude(lead_officer_shown_as=name).update(lead_officer_shown_as=name)

    def editable_by(self, user):
        """The rows `register.change_partnership` allows this user; mirrors register/rules.py."""
        from ..rules import is_officer, is_register_admin

        if is_register_admin(user):
            return self
        if not is_officer(user):
            return self.none()
        directorate_id = getattr(getattr(user, "staff_profile", None), "directorate_id", None)
        condition = Q(lead_officer=user)
        if directorate_id:
            condition |= Q(directorate_id=directorate_id)
        return self.filter(condition).exclude(status__in=lifecycle.ENDED)


class Partnership(TimeStamped, Versioned):
    """A register entry: one partnership the council is part of, from proposal to closure."""

    reference = models.CharField(
        max_length=20,
        unique=True,
        blank=True,
        help_text="The register reference, such as NCC-0042. Leave blank to be given the next one.",
    )
    name = models.CharField("Partnership name", max_length=200)
    purpose = models.TextField("Purpose", blank=True, help_text="What the partnership is for, in a sentence or two.")
    partnership_type = models.CharField(
        "Type",
        max_length=20,
        choices=PartnershipType.choices,
        help_text="Contractual arrangements are recorded but are out of scope of the partnership framework.",
    )
    out_of_scope_reason = models.TextField(
        blank=True, help_text="Why this arrangement is outside the partnership framework (for contractual ones)."
    )
    statutory_basis = models.CharField(
        max_length=200, blank=True, help_text="The Act and section that requires it, if statutory."
    )
    legal_form = models.CharField(max_length=30, choices=LegalForm.choices, blank=True)
    council_role = models.CharField(max_length=20, choices=CouncilRole.choices, blank=True)
    directorate = models.ForeignKey(
        "register.Directorate",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="partnerships",
        verbose_name="lead directorate",
    )
    lead_officer = user_fk("led_partnerships", help_text="The council officer responsible for this partnership.")
    lead_officer_name = models.CharField(
        max_length=120, blank=True, help_text="Name of the lead officer if they do not have a login here."
    )
    lead_officer_email = models.EmailField(blank=True)
    lead_officer_shown_as = models.CharField(
        "Lead officer, as shown",
        max_length=301,  # a user's first and last names, 150 characters each, and a space
        blank=True,
        editable=False,
        help_text="The lead officer's name as the register shows it, kept in step with the lead officer, "
        "so the register can be sorted by it.",
    )
    lead_member = models.CharField(max_length=120, blank=True, help_text="The councillor who leads, e.g. Cllr A Smith.")

    annual_contribution = models.DecimalField("Annual council contribution (£)", **MONEY)
    in_kind_description = models.CharField("In-kind contribution", max_length=200, blank=True)
    in_kind_value = models.DecimalField("In-kind contribution value (£)", **MONEY)
    external_funding = models.DecimalField("External funding levered (£)", **MONEY)
    income_to_council = models.DecimalField("Income to council (£)", **MONEY)

    start_date = models.DateField(null=True, blank=True)
    end_date = models.DateField(null=True, blank=True)
    status = models.CharField(max_length=20, choices=Status.choices, default=Status.PROPOSED)
    significance = models.CharField(
        max_length=10,
        choices=Significance.choices,
        blank=True,
        help_text="The effective level: the one scored from the criteria, or the override when there is one.",
    )
    significance_scored = models.CharField(
        "Scored significance", max_length=10, choices=Significance.choices, blank=True, editable=False
    )
    significance_override_reason = models.TextField(
        blank=True, help_text="Why the level differs from the one the criteria give. Shown on the dashboard."
    )
    priorities = models.ManyToManyField(
        "register.CorporatePriority",
        blank=True,
        related_name="partnerships",
        verbose_name="corporate priorities",
        help_text="The council's corporate priorities this partnership delivers.",
    )
    serious_if_failed = models.BooleanField(
        "Would failure seriously harm services or the council's reputation?", null=True, blank=True
    )
    review_frequency = models.CharField(
        max_length=20,
        choices=ReviewFrequency.choices,
        default=ReviewFrequency.ANNUAL,
        help_text="How often performance is reviewed. High-significance partnerships are usually quarterly.",
    )
    last_review = models.DateField(null=True, blank=True)
    next_review_due = models.DateField(null=True, blank=True)
    rag = models.CharField(
        "Overall RAG",
        max_length=10,
        choices=RAG.choices,
        blank=True,
        help_text="Follows the latest performance review. Choose one to override it; clear it to follow reviews.",
    )
    rag_overridden = models.BooleanField(
        "Overall RAG set by hand", default=False, help_text="Set when an officer overrides the latest review's RAG."
    )
    assurance = models.CharField("Assurance rating", max_length=20, choices=AssuranceRating.choices, blank=True)
    exit_strategy = models.TextField(blank=True)
    notes = models.TextField(blank=True)
    publishable = models.BooleanField(
        "Publish as open data",
        default=False,
        help_text="Show this partnership on the public transparency page and in the open data files "
        "(name, purpose, partners, type, legal form, directorate, council contribution, dates, status only).",
    )

    # As recorded in the Excel toolkit; the register works these facts out from its own records too.
    assessment_completed = models.BooleanField("Assessment completed (toolkit)", null=True, blank=True)
    agreement_in_place = models.BooleanField("Agreement in place (toolkit)", null=True, blank=True)
    on_risk_register = models.BooleanField("On risk register (toolkit)", null=True, blank=True)

    created_by = user_fk("+")

    objects = PartnershipQuerySet.as_manager()
    # The name shown is worked out from the lead officer, whose history is recorded; it is no change of its own.
    history = HistoricalRecords(excluded_fields=["updated_at", "lead_officer_shown_as"])

    class Meta:
        ordering = ["reference"]
        indexes = [
            # Status alone, or with significance: a new assurance round counts the live partnerships of
            # high or medium significance from the index alone.
            models.Index(fields=["status", "significance"], name="partnership_status_sig_idx"),
            models.Index(fields=["partnership_type"]),
            models.Index(fields=["significance"]),
            models.Index(fields=["rag"]),
            models.Index(fields=["next_review_due"]),
            models.Index(fields=["name"]),
            # The register sorted by lead officer, ties by reference: read from the index in either direction.
            models.Index(fields=["lead_officer_shown_as", "reference"], name="partnership_lead_officer_idx"),
            # Register health: every column the data-quality checks read, so they count from the index,
            # not from the wide rows.
            models.Index(
                fields=[
                    *("status", "next_review_due", "directorate", "lead_officer", "lead_officer_name"),
                    "significance_scored",
                ],
                name="partnership_review_quality_idx",
            ),
            # Reviews due (dashboard): each window's live partnerships, and the keys they are listed by,
            # read from the index alone.
            models.Index(
                fields=["status", "next_review_due", "directorate", "lead_officer_shown_as", "reference"],
                include=["id"],  # PostgreSQL: for an index-only scan (SQLite's indexes hold the key anyway)
                name="partnership_review_due_idx",
            ),
            # An officer's own partnerships (their home page), each list read in its order from an index
            # and stopped after the rows shown: by reference, and by review date (with the status, so
            # partnerships that are not live are passed over in the index).
            models.Index(fields=["lead_officer", "reference"], name="partnership_led_by_idx"),
            models.Index(
                fields=["lead_officer", "next_review_due", "reference", "status"], name="partnership_led_by_review_idx"
            ),
        ]
        constraints = [
            models.CheckConstraint(
                condition=Q(end_date__isnull=True)
                | Q(start_date__isnull=True)
                | Q(end_date__gte=models.F("start_date")),
                name="partnership_ends_after_start",
            ),
        ]
        permissions = [("import_toolkit", "Can import the Excel toolkit")]

    def __str__(self):
        return f"{self.reference} {self.name}"

    def get_absolute_url(self):
        return reverse("register:partnership_detail", args=[self.reference])

    # -- facts -------------------------------------------------------------------------------
    @property
    def in_scope(self):
        return self.partnership_type != PartnershipType.CONTRACTUAL

    @property
    def lead_officer_display(self):
        return shown_as(self.lead_officer, self.lead_officer_name)

    @property
    def significance_overridden(self):
        return bool(self.significance_scored) and self.significance != self.significance_scored

    @property
    def has_ended(self):
        return self.status in lifecycle.ENDED

    def is_review_overdue(self, today=None):
        today = today or datetime.date.today()
        return self.status in lifecycle.LIVE and self.next_review_due is not None and self.next_review_due < today

    def next_review_after(self, day):
        return add_months(day, ReviewFrequency(self.review_frequency).months)

    def outstanding_due_diligence(self):
        """The active due diligence items not yet done or found not needed, in order."""
        from .due_diligence import SETTLED, DueDiligenceItem

        settled = self.due_diligence.filter(status__in=SETTLED).values("item_id")
        return list(DueDiligenceItem.objects.filter(active=True).exclude(pk__in=settled))

    def contribution_totals(self, members=None):
        """{"annual", "one_off", "in_kind"}: the council's and every partner's contributions added up (£)."""
        members = list(self.memberships.all()) if members is None else members
        zero = Decimal(0)

        def total(council, field):
            return (council or zero) + sum((getattr(member, field) or zero for member in members), zero)

        return {
            "annual": total(self.annual_contribution, "annual_contribution"),
            "one_off": total(None, "one_off_contribution"),
            "in_kind": total(self.in_kind_value, "in_kind_value"),
        }

    def allowed_transitions(self):
        return lifecycle.allowed_next(self.status)

    # -- state changes -----------------------------------------------------------------------
    def record_review(self, review_date, rag=""):
        """A completed performance review moves the review dates on by the review frequency, and its
        RAG becomes the overall RAG unless an officer has overridden it."""
        if self.last_review is None or review_date >= self.last_review:
            self.last_review = review_date
            self.next_review_due = self.next_review_after(review_date)
            fields = ["last_review", "next_review_due", "updated_at"]
            if rag and not self.rag_overridden:
                self.rag = rag
                fields.append("rag")
            self.save(update_fields=fields)

    def transition(self, to_status, by=None, note=""):
        """Move the partnership along its lifecycle, recording who did it and why.

        Raises TransitionNotAllowed for a move the lifecycle does not have, and its subclass
        TransitionBlocked, with `.reasons`, when a gate (register/gates.py) is not passed.
        """
        from .. import gates

        lifecycle.check(self.status, to_status)
        if reasons := gates.blockers(self, to_status, by, note=note or ""):
            raise lifecycle.TransitionBlocked(self.status, to_status, reasons)
        return self._record_move(to_status, by, note)

    def record_past_transition(self, to_status, by=None, note=""):
        """Record a move made before the register ran its gates (the toolkit's history, demo data).

        The lifecycle's order is still checked; the evidence the gates ask for predates the register,
        so its gaps show on the compliance dashboard instead of blocking the record.
        """
        lifecycle.check(self.status, to_status)
        return self._record_move(to_status, by, note)

    def _record_move(self, to_status, by, note):
        with transaction.atomic():
            entry = PartnershipTransition.objects.create(
                partnership=self, from_status=self.status, to_status=to_status, by=by, note=note
            )
            self.status = to_status
            if to_status == Status.ACTIVE and self.start_date is None:
                self.start_date = timezone.localdate()
            if to_status == Status.ACTIVE and self.next_review_due is None:
                self.next_review_due = self.next_review_after(timezone.localdate())
            if to_status in lifecycle.ENDED:
                self.next_review_due = None  # an ended partnership has no more reviews
            self.lock_version += 1
            self.save()
        return entry

    def assess(self, by=None, note=""):
        return self.transition(Status.ASSESSED, by, note)

    def approve(self, by=None, note=""):
        return self.transition(Status.APPROVED, by, note)

    def activate(self, by=None, note=""):
        return self.transition(Status.ACTIVE, by, note)

    def start_review(self, by=None, note=""):
        return self.transition(Status.UNDER_REVIEW, by, note)

    def begin_exit(self, by=None, note=""):
        return self.transition(Status.EXITING, by, note)

    def close(self, by=None, note=""):
        return self.transition(Status.CLOSED, by, note)

    def reject(self, by=None, note=""):
        return self.transition(Status.REJECTED, by, note)

    # -- numbering ---------------------------------------------------------------------------
    @classmethod
    def next_reference(cls):
        prefix = f"{settings.COUNCIL_SHORT_CODE}-"
        numbers = [
            int(match.group(1))
            for ref in cls.objects.filter(reference__startswith=prefix).values_list("reference", flat=True)
            if (match := re.fullmatch(re.escape(prefix) + r"(\d+)", ref))
        ]
        return f"{prefix}{max(numbers, default=0) + 1:04d}"

    def next_risk_id(self):
        numbers = [
            int(match.group(1))
            for risk_id in self.risks.values_list("risk_id", flat=True)
            if (match := re.fullmatch(r"R(\d+)", risk_id))
        ]
        return f"R{max(numbers, default=0) + 1}"

    def save(self, *args, **kwargs):
        if not self.reference:
            self.reference = self.next_reference()
        update_fields = kwargs.get("update_fields")
        if update_fields is None or not LEAD_OFFICER_FIELDS.isdisjoint(update_fields):
            self.lead_officer_shown_as = self.lead_officer_display
            if update_fields is not None:
                kwargs["update_fields"] = {*update_fields, "lead_officer_shown_as"}
        super().save(*args, **kwargs)


# What `Partnership.lead_officer_shown_as` is worked out from.
LEAD_OFFICER_FIELDS = frozenset({"lead_officer", "lead_officer_id", "lead_officer_name"})


def shown_as(officer, name=""):
    """A lead officer as the register shows them: a user's full name, else their username; for someone
    without a login, the name typed for them ("" when there is neither)."""
    if officer is not None:
        return officer.get_full_name() or officer.get_username()
    return name


class PartnershipMember(models.Model):
    """A partner organisation's place in a partnership."""

    partnership = models.ForeignKey(Partnership, on_delete=models.CASCADE, related_name="memberships")
    organisation = models.ForeignKey(
        "register.Organisation",
        on_delete=models.PROTECT,
        related_name="memberships",
        db_index=False,  # the (organisation, partnership) index below serves it
    )
    role = models.CharField(max_length=20, choices=PartnerRole.choices, default=PartnerRole.MEMBER)
    contact_name = models.CharField(max_length=120, blank=True)
    contact_email = models.EmailField(blank=True)
    contact_phone = models.CharField(max_length=40, blank=True)

    # What this partner brings, and what it is responsible for (the agreement's finance and roles sections).
    annual_contribution = models.DecimalField("Annual contribution (£)", **MONEY)
    one_off_contribution = models.DecimalField("One-off contribution (£)", **MONEY)
    in_kind_description = models.CharField(
        "In-kind contribution", max_length=200, blank=True, help_text="Staff time, buildings, equipment, data..."
    )
    in_kind_value = models.DecimalField("In-kind contribution value (£)", **MONEY)
    responsibilities = models.TextField(blank=True, help_text="What this partner is responsible for delivering.")
    signatory_name = models.CharField(
        "Signatory", max_length=120, blank=True, help_text="Who signs the agreement for this partner."
    )
    signatory_title = models.CharField("Signatory's job title", max_length=120, blank=True)

    history = HistoricalRecords()

    CONTRIBUTION_FIELDS = (
        "annual_contribution",
        "one_off_contribution",
        "in_kind_description",
        "in_kind_value",
        "responsibilities",
        "signatory_name",
        "signatory_title",
    )

    class Meta:
        verbose_name = "partner"
        ordering = ["partnership", "id"]
        constraints = [
            models.UniqueConstraint(fields=["partnership", "organisation"], name="partner_once_per_partnership")
        ]
        indexes = [
            # A partner's partnerships straight from the index (the search by partner name).
            models.Index(fields=["organisation", "partnership"], name="member_organisation_idx"),
            # A partner's number of partnerships and annual total from the index alone (the partner directory).
            models.Index(fields=["organisation", "annual_contribution"], name="member_annual_by_org_idx"),
        ]

    def __str__(self):
        return f"{self.organisation} ({self.get_role_display()})"

    @property
    def has_contribution(self):
        return any((self.annual_contribution, self.one_off_contribution, self.in_kind_description, self.in_kind_value))


class PartnershipTransition(models.Model):
    """One step along the lifecycle: who moved the partnership, when, and why."""

    partnership = models.ForeignKey(Partnership, on_delete=models.CASCADE, related_name="transitions")
    from_status = models.CharField(max_length=20, choices=Status.choices)
    to_status = models.CharField(max_length=20, choices=Status.choices)
    by = user_fk("+")
    at = models.DateTimeField(default=timezone.now)
    note = models.TextField(blank=True)

    class Meta:
        ordering = ["-at", "-id"]

    def __str__(self):
        return f"{self.partnership.reference}: {self.get_from_status_display()} → {self.get_to_status_display()}"
