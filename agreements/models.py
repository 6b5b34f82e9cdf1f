from django.db import models
from django.urls import reverse
from simple_history.models import HistoricalRecords

from register.models.base import TimeStamped, Versioned, user_fk


class AgreementStatus(models.TextChoices):
    DRAFT = "draft", "Draft"
    SUBMITTED = "submitted", "Submitted to legal"
    APPROVED = "approved", "Approved"
    SIGNED = "signed", "Signed"
    SUPERSEDED = "superseded", "Superseded"


class Section(models.TextChoices):
    """The sections of a partnership agreement, in the order they appear in it."""

    PARTIES = "parties", "Who the partners are"
    AIMS = "aims_and_outcomes", "Aims, objectives and expected outcomes"
    MILESTONES = "milestones_and_exit", "Key milestones, timelines and exit strategy"
    LEGAL_STATUS = "legal_status", "Legal status"
    RISK = "risk_management", "Risk management"
    GOVERNANCE = "governance", "Governance and decision making"
    ROLES = "roles_and_duties", "Roles and duties"
    DUE_DILIGENCE = "due_diligence", "Due diligence: procurement, health and safety, GDPR, insurance and regulation"
    FINANCE = "financial_accountability", "Financial accountability and reporting"
    MONITORING = "monitoring_and_reporting", "Monitoring and reporting of progress"
    COMMUNITY = "community_engagement", "Community engagement and communications"
    OTHER = "other_terms", "Other terms"


class StandardClause(TimeStamped):
    """The council's standard wording for a section, which legal keep up to date in the app."""

    section = models.CharField(max_length=40, choices=Section.choices, unique=True)
    standard_text = models.TextField(help_text="Starting text for this section in every new agreement.")
    guidance = models.TextField(blank=True, help_text="Notes for officers drafting this section.")

    history = HistoricalRecords(excluded_fields=["updated_at"])

    class Meta:
        ordering = ["id"]

    def __str__(self):
        return self.get_section_display()


def _section_field(section):
    return models.TextField(section.label, blank=True)


class AgreementQuerySet(models.QuerySet):
    def current(self):
        return self.exclude(status=AgreementStatus.SUPERSEDED)

    def in_force(self):
        return self.filter(status__in=[AgreementStatus.APPROVED, AgreementStatus.SIGNED])


class PartnershipAgreement(TimeStamped, Versioned):
    """One version of a partnership's agreement. Approved versions never change."""

    partnership = models.ForeignKey("register.Partnership", on_delete=models.CASCADE, related_name="agreements")
    version_number = models.PositiveIntegerField(default=1)
    status = models.CharField(max_length=20, choices=AgreementStatus.choices, default=AgreementStatus.DRAFT)
    title = models.CharField(max_length=200, blank=True, help_text="Leave blank to use the partnership's name.")

    parties = _section_field(Section.PARTIES)
    aims_and_outcomes = _section_field(Section.AIMS)
    milestones_and_exit = _section_field(Section.MILESTONES)
    legal_status = _section_field(Section.LEGAL_STATUS)
    risk_management = _section_field(Section.RISK)
    governance = _section_field(Section.GOVERNANCE)
    roles_and_duties = _section_field(Section.ROLES)
    due_diligence = _section_field(Section.DUE_DILIGENCE)
    financial_accountability = _section_field(Section.FINANCE)
    monitoring_and_reporting = _section_field(Section.MONITORING)
    community_engagement = _section_field(Section.COMMUNITY)
    other_terms = _section_field(Section.OTHER)

    effective_from = models.DateField(null=True, blank=True)
    expires_on = models.DateField(null=True, blank=True, help_text="When the agreement ends or must be renewed.")

    created_by = user_fk("+")
    submitted_at = models.DateTimeField(null=True, blank=True)
    submitted_by = user_fk("+")
    approved_at = models.DateTimeField(null=True, blank=True)
    approved_by = user_fk("+")
    signed_on = models.DateField(null=True, blank=True)
    pdf = models.FileField(upload_to="agreements/", blank=True, help_text="The PDF issued when approved.")
    pdf_sha256 = models.CharField("PDF SHA-256", max_length=64, blank=True)

    objects = AgreementQuerySet.as_manager()
    history = HistoricalRecords(excluded_fields=["updated_at"])

    class Meta:
        ordering = ["partnership", "-version_number"]
        constraints = [
            models.UniqueConstraint(fields=["partnership", "version_number"], name="agreement_version_unique")
        ]
        indexes = [models.Index(fields=["status"]), models.Index(fields=["expires_on"])]
        permissions = [("approve_agreement", "Can approve partnership agreements")]

    def __str__(self):
        return f"{self.partnership.reference} agreement v{self.version_number} ({self.get_status_display()})"

    def get_absolute_url(self):
        return reverse("agreements:detail", args=[self.partnership.reference, self.version_number])

    @property
    def is_frozen(self):
        """Approved, signed and superseded versions are the record: nobody edits them."""
        return self.status != AgreementStatus.DRAFT

    def sections(self):
        """[(Section, text)] in agreement order."""
        return [(section, getattr(self, section.value)) for section in Section]


class Signatory(models.Model):
    """Who signs for each party, and when they signed."""

    agreement = models.ForeignKey(PartnershipAgreement, on_delete=models.CASCADE, related_name="signatories")
    organisation = models.ForeignKey(
        "register.Organisation",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        help_text="Leave blank for the council.",
    )
    name = models.CharField(max_length=120)
    job_title = models.CharField(max_length=120, blank=True)
    signed_on = models.DateField(null=True, blank=True)

    history = HistoricalRecords()

    class Meta:
        ordering = ["agreement", "id"]

    def __str__(self):
        return f"{self.name} for {self.organisation or 'the council'}"
