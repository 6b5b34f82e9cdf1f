import hashlib

from django.core.files.base import ContentFile
from django.db import models, transaction
from django.db.models import Exists, OuterRef
from django.dispatch import Signal
from django.urls import reverse
from django.utils import timezone

from partnerships.history import HistoricalRecords
from register.models.base import TimeStamped, Versioned, user_fk

from .choices import AgreementStatus, Section


class StandardClause(TimeStamped, Versioned):
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


ISSUED = (AgreementStatus.APPROVED, AgreementStatus.SIGNED, AgreementStatus.SUPERSEDED, AgreementStatus.ENDED)
IN_FORCE = (AgreementStatus.APPROVED, AgreementStatus.SIGNED)
OPEN = (AgreementStatus.DRAFT, AgreementStatus.SUBMITTED)


def without_signed_agreement(partnerships, one_by_one=False):
    """The one rule for "live partnerships without a signed agreement", used by every page that
    lists them: live, in scope of the framework (contractual ones are not), and no version signed
    (an approved version binds no one until it is signed).

    `one_by_one`: for the first few of a list read in an index's order (an officer's home page),
    each partnership's versions are looked up in turn (`NOT EXISTS`) rather than every signed
    version in the register listed first (`NOT IN`, the quicker way to count or page the whole list).
    """
    signed = PartnershipAgreement.objects.filter(status=AgreementStatus.SIGNED)
    if one_by_one:
        return partnerships.live().in_scope().exclude(Exists(signed.filter(partnership=OuterRef("pk"))))
    return partnerships.live().in_scope().exclude(pk__in=signed.values("partnership_id"))


# Sent with `agreement` when a version is approved or signed: its PDF (or signed copy) is to be drawn.
# agreements.tasks puts that on the task queue; the models never draw PDFs themselves.
pdf_due = Signal()


class AgreementStateError(Exception):
    """A state change the agreement's workflow does not allow; the message is shown to the user."""


class AgreementQuerySet(models.QuerySet):
    def current(self):
        return self.exclude(status=AgreementStatus.SUPERSEDED)

    def in_force(self):
        return self.filter(status__in=IN_FORCE)

    def open(self):
        return self.filter(status__in=OPEN)

    def awaiting_approval(self):
        return self.filter(status=AgreementStatus.SUBMITTED)

    def approved_not_signed(self):
        return self.filter(status=AgreementStatus.APPROVED)

    def expiring_between(self, start, end):
        return self.in_force().filter(expires_on__gte=start, expires_on__lte=end)


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
    ended_on = models.DateField(
        null=True, blank=True, help_text="When the agreement was terminated or expired, as the partnership closed."
    )
    pdf = models.FileField(upload_to="agreements/", blank=True, help_text="The PDF issued when approved.")
    pdf_sha256 = models.CharField("PDF SHA-256", max_length=64, blank=True)
    signed_pdf = models.FileField(
        upload_to="agreements/",
        blank=True,
        help_text="The signed record: the issued PDF with every signature filled in.",
    )
    signed_pdf_sha256 = models.CharField("Signed PDF SHA-256", max_length=64, blank=True)
    register_facts = models.JSONField(
        default=dict,
        blank=True,
        editable=False,
        help_text="The register's facts (partners, money, risks...) as they stood when this version was approved.",
    )

    objects = AgreementQuerySet.as_manager()
    history = HistoricalRecords(excluded_fields=["updated_at"])

    class Meta:
        ordering = ["partnership", "-version_number"]
        constraints = [
            models.UniqueConstraint(fields=["partnership", "version_number"], name="agreement_version_unique")
        ]
        indexes = [
            # Versions in a status, and "no signed version" (the agreements list) from the index alone.
            models.Index(fields=["status", "partnership"], name="agreement_status_partnership"),
            models.Index(fields=["expires_on"]),
            # "Has an approved or signed agreement" (dashboard compliance gaps) from the index alone.
            models.Index(fields=["partnership", "status"], name="agreement_partnership_status"),
            # Legal's lists in their order: the first page read from the index, not sorted from every
            # version in the status (each row holds the agreement's whole text).
            models.Index(fields=["status", "submitted_at", "id"], name="agreement_status_submitted"),
            models.Index(fields=["status", "approved_at", "id"], name="agreement_status_approved"),
            # "Ends within 90 days": versions in force by end date (else SQLite reads every signed one).
            models.Index(fields=["status", "expires_on"], name="agreement_status_expires"),
        ]
        permissions = [("approve_agreement", "Can approve partnership agreements")]

    def __str__(self):
        return f"{self.partnership.reference} agreement v{self.version_number} ({self.get_status_display()})"

    def get_absolute_url(self):
        return reverse("agreements:detail", args=[self.partnership.reference, self.version_number])

    @classmethod
    def from_db(cls, db, field_names, values):
        instance = super().from_db(db, field_names, values)
        instance._saved_text = instance._text()
        return instance

    @property
    def is_frozen(self):
        """Submitted, approved, signed and superseded versions are the record: nobody edits them."""
        return self.status != AgreementStatus.DRAFT

    @property
    def is_draft(self):
        return self.status == AgreementStatus.DRAFT

    @property
    def is_issued(self):
        """Approved at some point: its PDF is stored and never changes."""
        return self.status in ISSUED

    @property
    def is_in_force(self):
        return self.status in IN_FORCE

    @property
    def is_signed(self):
        """Every party signed it (it may since have been superseded or ended)."""
        return self.is_issued and self.signed_on is not None

    @property
    def display_title(self):
        return self.title or self.partnership.name

    def sections(self):
        """[(Section, text)] in agreement order."""
        return [(section, getattr(self, section.value)) for section in Section]

    def _text(self):
        return {section.value: getattr(self, section.value) for section in Section} | {"title": self.title}

    def save(self, *args, **kwargs):
        saved_text = getattr(self, "_saved_text", None)
        if self.pk and saved_text is not None and self.is_frozen and saved_text != self._text():
            raise AgreementStateError("This version has been sent to legal. Start a new version to change the text.")
        super().save(*args, **kwargs)
        self._saved_text = self._text()

    # -- state changes -----------------------------------------------------------------------
    @classmethod
    def start(cls, partnership, by=None):
        """The first draft of a partnership's agreement, each section starting from the standard text."""
        if partnership.agreements.exists():
            raise AgreementStateError("This partnership already has an agreement. Start a new version instead.")
        standard = dict(StandardClause.objects.values_list("section", "standard_text"))
        return cls.objects.create(
            partnership=partnership,
            version_number=1,
            created_by=by,
            **{section.value: standard.get(section.value, "") for section in Section},
        )

    def _require(self, *statuses, action):
        if self.status not in statuses:
            raise AgreementStateError(f"A version that is {self.get_status_display().lower()} cannot be {action}.")

    def _move(self, **changes):
        """Apply a state change and save it, refusing if someone else changed the version meanwhile."""
        expected = self.lock_version
        for name, value in changes.items():
            setattr(self, name, value)
        if not self.save_checked(expected):
            raise AgreementStateError("Someone else changed this version while you were looking at it. Try again.")

    def submit(self, by=None):
        """Send a draft to legal for approval."""
        self._require(AgreementStatus.DRAFT, action="submitted to legal")
        self._move(status=AgreementStatus.SUBMITTED, submitted_at=timezone.now(), submitted_by=by)

    def return_to_draft(self, by=None):
        """Legal send a submitted version back to the officer for changes."""
        self._require(AgreementStatus.SUBMITTED, action="returned for changes")
        self._move(status=AgreementStatus.DRAFT, submitted_at=None, submitted_by=None)

    def approve(self, by=None):
        """Legal approve: the version is frozen, with the register's facts as they stand, and its PDF is
        to be issued. The PDF is drawn in the background (agreements.tasks); until it is stored the
        version's `pdf_pending` is true. Approving a later version supersedes the version that was in force.
        """
        from .facts import register_facts

        self._require(AgreementStatus.SUBMITTED, action="approved")
        if self.pdf:
            raise AgreementStateError("This version already has an issued PDF.")
        with transaction.atomic():
            self.approved_at = timezone.now().replace(microsecond=0)
            self.approved_by = by
            self.status = AgreementStatus.APPROVED
            self.register_facts = register_facts(self.partnership)
            if self.effective_from is None:
                self.effective_from = timezone.localdate(self.approved_at)
            if self.expires_on is None:
                self.expires_on = self.partnership.end_date
            self._move()
            earlier = self.partnership.agreements.in_force().filter(version_number__lt=self.version_number)
            for old in earlier:
                old.status = AgreementStatus.SUPERSEDED
                old.save(update_fields=["status", "updated_at"])
        pdf_due.send(sender=type(self), agreement=self)

    @property
    def pdf_pending(self):
        """Approved (or signed) and waiting for its PDF (or signed copy) to be drawn."""
        return (self.is_issued and not self.pdf) or (self.is_signed and not self.signed_pdf)

    def keep_register_facts(self):
        """The facts an issued PDF prints: those kept at approval, or (a version recorded without them,
        such as demo data) the register's facts as they stand now, kept from then on."""
        from .facts import register_facts

        if not self.register_facts:
            self.register_facts = register_facts(self.partnership)
            self.save(update_fields=["register_facts", "updated_at"])

    def store_pdf(self, content):
        """Keep the issued PDF (drawn by agreements.pdf) with its SHA-256. Issued once: if another worker
        stored it a moment ago, that one stays and this returns False."""
        return self._store_once("pdf", "pdf_sha256", self.pdf_filename(), content)

    def store_signed_copy(self, content):
        """Keep the signed record: the approved text and facts, with who signed for each party and when."""
        if not self.is_signed:
            raise AgreementStateError("Only a signed agreement has a signed copy.")
        name = self.pdf_filename().replace(".pdf", "-signed.pdf")
        return self._store_once("signed_pdf", "signed_pdf_sha256", name, content)

    def _store_once(self, field, checksum, name, content):
        with transaction.atomic():
            locked = type(self).objects.select_for_update().get(pk=self.pk)
            if getattr(locked, field):
                setattr(self, field, getattr(locked, field))
                setattr(self, checksum, getattr(locked, checksum))
                return False
            setattr(self, checksum, hashlib.sha256(content).hexdigest())
            getattr(self, field).save(name, ContentFile(content), save=False)
            self.save(update_fields=[field, checksum, "updated_at"])
            return True

    def signing_parties(self):
        """The council and each partner organisation, in the order they sign: [(organisation or None)]."""
        return [None, *(member.organisation for member in self.partnership.memberships.select_related("organisation"))]

    def record_signature(self, organisation, name, job_title="", signed_on=None, by=None):
        """Record who signs for a party (None for the council) and when; the version is signed once all have."""
        self._require(AgreementStatus.APPROVED, action="signed")
        Signatory.objects.update_or_create(
            agreement=self,
            organisation=organisation,
            defaults={"name": name, "job_title": job_title, "signed_on": signed_on},
        )

    def record_signatures(self, entries, by=None):
        """Record several parties' signatures at once [(organisation, name, job_title, signed_on)].

        Returns True when that completes the set and the version is now signed.
        """
        with transaction.atomic():
            for organisation, name, job_title, signed_on in entries:
                self.record_signature(organisation, name, job_title, signed_on, by=by)
            if self.unsigned_parties():
                return False
            self.mark_signed(by)
            return True

    def unsigned_parties(self):
        signed = {signatory.organisation_id for signatory in self.signatories.all() if signatory.signed_on is not None}
        return [party for party in self.signing_parties() if (party.pk if party else None) not in signed]

    def mark_signed(self, by=None):
        """Every party has signed: the agreement is signed on the date of the last signature."""
        self._require(AgreementStatus.APPROVED, action="marked as signed")
        if missing := self.unsigned_parties():
            names = ", ".join(str(party or "the council") for party in missing)
            raise AgreementStateError(f"Not everyone has signed yet: {names}.")
        last = max(signatory.signed_on for signatory in self.signatories.all() if signatory.signed_on)
        self._move(status=AgreementStatus.SIGNED, signed_on=last)
        pdf_due.send(sender=type(self), agreement=self)

    def end(self, by=None, on=None):
        """The agreement in force is terminated or has expired: it binds nobody from `on` (today)."""
        self._require(*IN_FORCE, action="marked as ended")
        self._move(status=AgreementStatus.ENDED, ended_on=on or timezone.localdate())

    def new_version(self, by=None):
        """A change to an issued agreement starts here: a draft copy of this version's text."""
        self._require(*ISSUED, action="copied into a new version")
        partnership = self.partnership
        if partnership.agreements.open().exists():
            raise AgreementStateError("There is already a version being drafted or with legal.")
        latest = partnership.agreements.aggregate(models.Max("version_number"))["version_number__max"]
        return type(self).objects.create(
            partnership=partnership,
            version_number=latest + 1,
            created_by=by,
            title=self.title,
            expires_on=self.expires_on,
            **{section.value: getattr(self, section.value) for section in Section},
        )

    def pdf_filename(self):
        return f"{self.partnership.reference}-agreement-v{self.version_number}.pdf"

    def stored_pdf_matches_checksum(self):
        if not self.pdf:
            return False
        with self.pdf.open("rb") as handle:
            return hashlib.sha256(handle.read()).hexdigest() == self.pdf_sha256


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
        verbose_name_plural = "signatories"

    def __str__(self):
        return f"{self.name} for {self.organisation or 'the council'}"
