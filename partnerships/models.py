import datetime
import hashlib
import secrets

from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils import timezone

from partnerships.history import HistoricalRecords


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


class ApiTokenScope(models.TextChoices):
    READ = "read", "Read only"
    WRITE = "write", "Read and write"


class ApiTokenQuerySet(models.QuerySet):
    def usable(self):
        now = timezone.now()
        return self.filter(revoked_at__isnull=True, user__is_active=True).exclude(expires_at__lte=now)


class ApiToken(models.Model):
    """A key another council system (Power BI, the risk system...) uses to call the API.

    Only a SHA-256 digest of the key is stored: the key itself is shown once, when an administrator
    creates the token. The token acts as `user`, so that user's role decides what it may read and
    change, exactly as in the browser; a read-only token can never change anything.
    """

    PREFIX = "prt_"

    name = models.CharField(max_length=100, help_text="The system that uses this token, e.g. Power BI.")
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="api_tokens",
        help_text="The token acts as this user: their role decides what the system may read and change.",
    )
    scope = models.CharField(max_length=10, choices=ApiTokenScope.choices, default=ApiTokenScope.READ)
    key_prefix = models.CharField(
        "Key starts with", max_length=16, editable=False, help_text="To tell tokens apart; not a secret."
    )
    digest = models.CharField(max_length=64, unique=True, editable=False)
    created_at = models.DateTimeField(auto_now_add=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+", editable=False
    )
    expires_at = models.DateTimeField("Expires", null=True, blank=True, help_text="Leave blank for no expiry.")
    last_used_at = models.DateTimeField("Last used", null=True, blank=True, editable=False)
    revoked_at = models.DateTimeField("Revoked", null=True, blank=True, editable=False)

    objects = ApiTokenQuerySet.as_manager()

    class Meta:
        ordering = ["name"]
        verbose_name = "API token"

    def __str__(self):
        return f"{self.name} ({self.key_prefix}…)"

    @staticmethod
    def hash(key):
        return hashlib.sha256(key.encode()).hexdigest()

    def generate_key(self):
        """Give the token a new random key and return it (the only time it can be read)."""
        key = self.PREFIX + secrets.token_urlsafe(32)
        self.key_prefix = key[: len(self.PREFIX) + 6]
        self.digest = self.hash(key)
        return key

    @property
    def is_read_only(self):
        return self.scope == ApiTokenScope.READ

    @property
    def is_revoked(self):
        return self.revoked_at is not None

    def revoke(self):
        self.revoked_at = timezone.now()
        self.save(update_fields=["revoked_at"])

    def touch(self, every=datetime.timedelta(minutes=1)):
        """Record use, writing at most once a minute per token."""
        now = timezone.now()
        if self.last_used_at is None or now - self.last_used_at >= every:
            ApiToken.objects.filter(pk=self.pk).update(last_used_at=now)
            self.last_used_at = now


class ClaimKind(models.TextChoices):
    GROUP = "group", "Group (the groups claim)"
    DEPARTMENT = "department", "Department (the department claim)"


class SignOnMapping(models.Model):
    """Single sign-on: what a value in the provider's claims gives a user in the register.

    A group value (for Entra ID, the group's object ID) gives a role; a department value gives a
    directorate. Someone whose groups map to no role is not let in: they see "ask your administrator".
    """

    kind = models.CharField(max_length=20, choices=ClaimKind.choices, default=ClaimKind.GROUP)
    value = models.CharField(
        "Claim value", max_length=200, help_text="Exactly as the provider sends it, e.g. an Entra ID group object ID."
    )
    role = models.ForeignKey(
        "auth.Group",
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="+",
        help_text="The role this group gives (group claims).",
    )
    directorate = models.ForeignKey(
        "register.Directorate",
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="+",
        help_text="The directorate this gives (department claims, or a group if your provider has no department).",
    )

    class Meta:
        ordering = ["kind", "value"]
        verbose_name = "single sign-on mapping"
        constraints = [models.UniqueConstraint(fields=["kind", "value"], name="sign_on_mapping_unique")]

    def __str__(self):
        gives = self.role or self.directorate or "nothing"
        return f"{self.get_kind_display().split(' (')[0]} {self.value} → {gives}"
