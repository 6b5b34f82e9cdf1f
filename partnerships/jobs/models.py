import uuid

from django.conf import settings
from django.core.files.base import ContentFile, File
from django.db import models
from django.urls import reverse
from django.utils import timezone


class JobKind(models.TextChoices):
    REGISTER_EXPORT = "register_export", "Register export"
    TOOLKIT_CHECK = "toolkit_check", "Workbook check"
    TOOLKIT_IMPORT = "toolkit_import", "Toolkit import"
    REPORT_PACK = "report_pack", "Committee report pack"
    ANNUAL_REPORT = "annual_report", "Annual assurance report"
    REVIEWS_DUE = "reviews_due", "Reviews due download"


class JobFailed(Exception):
    """A failure the user can act on (a workbook with errors): the job page says `message` and lists the rows."""

    def __init__(self, message, failed_rows=()):
        super().__init__(message)
        self.failed_rows = failed_rows


class JobStatus(models.TextChoices):
    WAITING = "waiting", "Waiting to start"
    RUNNING = "running", "In progress"
    DONE = "done", "Ready"
    FAILED = "failed", "Failed"


class JobQuerySet(models.QuerySet):
    def unfinished(self):
        return self.filter(status__in=[JobStatus.WAITING, JobStatus.RUNNING])

    def expired(self, now=None):
        return self.filter(expires_at__lte=now or timezone.now())

    def stalled(self, now=None):
        """Running jobs whose worker has said nothing for JOB_STALLED_AFTER: the worker died."""
        cutoff = (now or timezone.now()) - settings.JOB_STALLED_AFTER
        return self.filter(status=JobStatus.RUNNING, heartbeat_at__lt=cutoff)


class Job(models.Model):
    """One piece of background work a user asked for, and what became of it."""

    # The id is in the progress page's address: unguessable, and only the owner may open it anyway.
    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    owner = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="jobs")
    kind = models.CharField(max_length=30, choices=JobKind.choices)
    status = models.CharField(max_length=20, choices=JobStatus.choices, default=JobStatus.WAITING)
    params = models.JSONField(default=dict, blank=True, help_text="What the job works on (filters, import id).")
    created_at = models.DateTimeField(auto_now_add=True)
    started_at = models.DateTimeField(null=True, blank=True)
    heartbeat_at = models.DateTimeField(null=True, blank=True)
    finished_at = models.DateTimeField(null=True, blank=True)
    rows_done = models.PositiveIntegerField(default=0)
    rows_total = models.PositiveIntegerField(null=True, blank=True)
    message = models.TextField(blank=True, help_text="What the user is told: progress, or why it failed.")
    failed_rows = models.JSONField(default=list, blank=True, help_text="[{sheet, row, message}] for rows in error.")
    outcome = models.JSONField(
        default=dict, blank=True, help_text="What the job found, for the page showing it (a workbook check's summary)."
    )
    result = models.FileField(upload_to="jobs/%Y/%m/", blank=True)
    result_name = models.CharField("download file name", max_length=255, blank=True)
    result_type = models.CharField("content type", max_length=100, blank=True)
    next_url = models.CharField(max_length=500, blank=True, help_text="Where the user goes when it is done.")
    expires_at = models.DateTimeField(null=True, blank=True, db_index=True)

    objects = JobQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at"]
        indexes = [models.Index(fields=["owner", "kind", "status"])]

    def __str__(self):
        return f"{self.get_kind_display()} ({self.get_status_display().lower()})"

    def get_absolute_url(self):
        return reverse("jobs:detail", kwargs={"job": self.pk})

    # -- what the page shows ----------------------------------------------------------------------
    @property
    def is_finished(self):
        return self.status in (JobStatus.DONE, JobStatus.FAILED)

    @property
    def has_download(self):
        """A file for the user (a workbook check keeps its findings in a file too, shown on the preview page)."""
        return self.status == JobStatus.DONE and bool(self.result) and self.kind != JobKind.TOOLKIT_CHECK

    @property
    def percent(self):
        if not self.rows_total:
            return 100 if self.status == JobStatus.DONE else 0
        return min(100, self.rows_done * 100 // self.rows_total)

    # -- what the worker records (each an UPDATE of its own fields, visible at once) ---------------
    def _update(self, **fields):
        fields["heartbeat_at"] = timezone.now()
        for name, value in fields.items():
            setattr(self, name, value)
        type(self).objects.filter(pk=self.pk).update(**fields)

    def mark_running(self, message=""):
        self._update(status=JobStatus.RUNNING, started_at=timezone.now(), message=message)

    def progress(self, done, total=None, message=None):
        fields = {"rows_done": done}
        if total is not None:
            fields["rows_total"] = total
        if message is not None:
            fields["message"] = message
        self._update(**fields)

    def succeed(self, message="", *, content=None, name="", content_type="", next_url=None):
        if content is not None:  # bytes, or a django File (streamed to storage)
            self.result.save(name, content if isinstance(content, File) else ContentFile(content), save=False)
            self.result_name, self.result_type = name, content_type
        if next_url is not None:
            self.next_url = next_url
        self.status, self.message, self.finished_at = JobStatus.DONE, message, timezone.now()
        if self.rows_total is not None:
            self.rows_done = self.rows_total
        self.save()

    def fail(self, message, failed_rows=()):
        self.status, self.message, self.finished_at = JobStatus.FAILED, message, timezone.now()
        self.failed_rows = list(failed_rows)[: settings.JOB_FAILED_ROWS_SHOWN]
        self.save()

    def delete_result(self):
        if self.result:
            self.result.delete(save=False)
