"""What each kind of job does, run by a worker. Each takes the Job and records its outcome on it.

A runner raises `JobFailed` for a failure the user can act on (a workbook with errors); anything
else is a fault: the job says "something went wrong" and the error is logged for the service team.
"""

import datetime
import tempfile

from django.core.files import File
from django.http import QueryDict

from .models import JobFailed, JobKind

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
PROGRESS_EVERY = 250  # rows between progress updates (one small UPDATE each)


RUNNERS = {}  # JobKind -> function(job)


def runner(kind):
    """Register the decorated function as what a worker runs for jobs of `kind`.

    The runners of the register export and the committee reports are below; other parts register
    theirs from their own module (the toolkit import: partnerships/toolkit/jobs.py), so this module
    imports nothing that starts jobs.
    """

    def register(function):
        RUNNERS[kind] = function
        return function

    return register


class RowCounter:
    """Called with each row written; tells the job every PROGRESS_EVERY rows. Returns the row."""

    def __init__(self, job, total):
        self.job, self.total, self.done = job, total, 0

    def __call__(self, row):
        self.done += 1
        if self.done % PROGRESS_EVERY == 0:
            self.job.progress(self.done, self.total)
        return row


@runner(JobKind.REGISTER_EXPORT)
def export_register(job):
    """The toolkit workbook of the partnerships the user's filters chose (the register list's filters)."""
    from partnerships.toolkit import exporter
    from register.filtersets import PartnershipFilterSet
    from register.models import Partnership

    query = QueryDict(job.params.get("query", ""))
    partnerships = PartnershipFilterSet(query or None, queryset=Partnership.objects.all()).qs
    total = partnerships.count()
    job.progress(0, total, f"Writing {total:,} partnerships to the workbook.")
    name = f"partnership-register-{datetime.date.today():%Y-%m-%d}.xlsx"
    with tempfile.TemporaryFile() as workbook:  # on disk, not in memory, on its way to storage
        exporter.export_workbook(partnerships, progress=RowCounter(job, total), into=workbook)
        workbook.seek(0)
        job.succeed(f"{total:,} partnerships exported.", content=File(workbook), name=name, content_type=XLSX)


@runner(JobKind.REPORT_PACK)
def report_pack(job):
    """The committee report pack for the dashboard scope and "as at" date the user chose."""
    from register.models import Partnership
    from reviews.dashboard import report
    from reviews.dashboard.filtersets import ScopeFilterSet
    from reviews.dashboard.forms import ReportForm

    query = QueryDict(job.params.get("query", ""))
    form = ReportForm(query)
    if not form.is_valid():
        raise JobFailed("The report's date is not valid. Choose the date again.")
    as_at = form.cleaned_data["as_at"]
    filterset = ScopeFilterSet(query or None, queryset=Partnership.objects.all())
    partnerships = filterset.qs if filterset.is_bound else filterset.queryset
    job.progress(0, None, "Counting the figures and drawing the PDF.")
    content = report.render_pdf(partnerships, filterset, as_at)
    job.succeed(
        f"Committee report pack as at {as_at:%-d %B %Y}.",
        content=content,
        name=report.filename(as_at),
        content_type="application/pdf",
    )


@runner(JobKind.REVIEWS_DUE)
def reviews_due(job):
    """The reviews-due list as a spreadsheet or CSV: every partnership due, in the dashboard scope chosen."""
    from reviews.dashboard import downloads, exports

    query = QueryDict(job.params.get("query", ""))
    content_type = exports.CONTENT_TYPES.get(query.get("format"))
    if content_type is None:
        raise JobFailed("The reviews due do not come in that format. Download them again from the list.")
    job.progress(0, None, "Listing the reviews due.")
    name, content = downloads.reviews_due(query)
    job.succeed("Reviews due.", content=content, name=name, content_type=content_type)


@runner(JobKind.ANNUAL_REPORT)
def annual_report(job):
    """The committee's annual report of an assurance round, as a tagged PDF or a .docx."""
    from reviews.assurance import report
    from reviews.assurance.models import AssuranceRound

    query = QueryDict(job.params.get("query", ""))
    extension = query.get("format")
    assurance_round = AssuranceRound.objects.filter(pk=query.get("round") or None).first()
    if assurance_round is None or extension not in report.CONTENT_TYPES:
        raise JobFailed("That assurance round no longer exists, or the report does not come in that format.")
    job.progress(0, None, f"Writing the annual report {assurance_round.name}.")
    content = report.render_pdf(assurance_round) if extension == "pdf" else report.render_docx(assurance_round)
    job.succeed(
        f"{report.title(assurance_round)}.",
        content=content,
        name=report.filename(assurance_round, extension),
        content_type=report.CONTENT_TYPES[extension],
    )
