"""The committee's annual report: page, tagged PDF and .docx, comparing with last year's round."""

import datetime
import io

import pytest
from django.urls import reverse
from pypdf import PdfReader

from partnerships.jobs.models import Job, JobKind, JobStatus
from register.choices import AssuranceRating
from reviews.assurance import rounds
from reviews.assurance.models import RemedialAction, ReturnStatus
from tests.factories import ActivePartnershipFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def two_years(partnership, admin_user, officer):
    """Last year's closed round rated the partnership limited; this year's rates it reasonable."""
    last = rounds.open_round("2025/26", datetime.date(2025, 7, 1), [partnership], by=admin_user)
    last_return = last.returns.get()
    last_return.status = ReturnStatus.RETURNED
    last_return.proposed_rating = AssuranceRating.LIMITED
    last_return.save()
    last_return.confirm_rating(AssuranceRating.LIMITED, by=admin_user)
    last.close()
    RemedialAction.objects.create(
        partnership=partnership,
        raised_in=last,
        description="Sign the partnership agreement",
        owner="Olivia Officer",
        due_date=datetime.date(2025, 12, 1),
        status="done",
    )
    newcomer = ActivePartnershipFactory(name="Youth Justice Board", lead_officer=officer)
    this = rounds.open_round("2026/27", datetime.date(2026, 7, 1), [partnership, newcomer], by=admin_user)
    current = this.returns.get(partnership=partnership)
    current.summary = "Discharge delays fell by a fifth."
    current.proposed_rating = AssuranceRating.LIMITED
    current.save()
    current.confirm_rating(AssuranceRating.REASONABLE, "Agreement now signed", by=admin_user)
    return this


def test_the_page_shows_counts_changes_new_entries_and_actions(client_for, scrutiny, two_years, partnership):
    response = client_for(scrutiny).get(reverse("reviews:annual_report", args=[two_years.pk]))
    page = response.content.decode()
    assert dict(response.context["counts"])["Reasonable"] == 1
    assert [row.partnership for row in response.context["changes"]] == [partnership]
    assert "Limited to Reasonable" in page and "Agreement now signed" in page
    assert "Youth Justice Board" in [row.partnership.name for row in response.context["new_entries"]]
    assert "Sign the partnership agreement" in page
    assert "the chart above as a table" in page


def download(client, assurance_round, extension):
    """Ask for the report: a job draws it (at once here: tests/settings.py), then its progress page offers it."""
    response = client.get(reverse("reviews:annual_report_download", args=[assurance_round.pk, extension]))
    job = Job.objects.get(kind=JobKind.ANNUAL_REPORT, params__query=f"round={assurance_round.pk}&format={extension}")
    assert response.status_code == 302 and response["Location"] == f"/jobs/{job.pk}/"
    page = client.get(response["Location"]).content.decode()
    assert "Your annual assurance report is ready" in page
    file = client.get(f"/jobs/{job.pk}/download/")
    assert file["Content-Disposition"] == f'attachment; filename="{job.result_name}"'
    return file["Content-Type"], b"".join(file.streaming_content)


def test_the_report_is_drawn_in_the_background_and_offered_on_the_progress_page(
    client_for, scrutiny, two_years, settings, tmp_path
):
    settings.MEDIA_ROOT = tmp_path
    client = client_for(scrutiny)
    content_type, body = download(client, two_years, "pdf")
    job = Job.objects.get()
    assert job.owner == scrutiny and job.status == JobStatus.DONE
    assert job.result_name == "annual-review-of-partnerships-2026-27.pdf"
    assert content_type == "application/pdf" and body.startswith(b"%PDF-")


def test_asking_twice_while_the_report_is_being_drawn_leads_to_the_same_job(client_for, scrutiny, two_years, settings):
    settings.TASKS = {"default": {"BACKEND": "django_tasks.backends.dummy.DummyBackend"}}  # nothing runs
    client = client_for(scrutiny)
    url = reverse("reviews:annual_report_download", args=[two_years.pk, "docx"])
    first, second = client.get(url), client.get(url)
    assert first["Location"] == second["Location"]
    pdf = client.get(reverse("reviews:annual_report_download", args=[two_years.pk, "pdf"]))
    assert pdf["Location"] != first["Location"]  # the PDF is a job of its own
    assert Job.objects.filter(kind=JobKind.ANNUAL_REPORT).count() == 2
    assert "preparing your annual assurance report" in client.get(first["Location"]).content.decode()


def test_a_round_deleted_before_the_job_runs_fails_with_a_clear_message(scrutiny, two_years):
    from partnerships.jobs.tasks import run_job

    job = Job.objects.create(
        kind=JobKind.ANNUAL_REPORT, owner=scrutiny, params={"query": f"round={two_years.pk + 99}&format=pdf"}
    )
    run_job.call(str(job.pk))
    job.refresh_from_db()
    assert job.status == JobStatus.FAILED and "no longer exists" in job.message


def test_the_pdf_is_tagged_titled_in_english_and_names_the_rating_change(
    client_for, scrutiny, two_years, partnership, settings, tmp_path
):
    settings.MEDIA_ROOT = tmp_path
    content_type, body = download(client_for(scrutiny), two_years, "pdf")
    assert content_type == "application/pdf"
    reader = PdfReader(io.BytesIO(body))
    root = reader.trailer["/Root"]
    assert root["/Lang"] == "en-GB"
    assert "/StructTreeRoot" in root and root["/MarkInfo"]["/Marked"]
    assert reader.metadata.title == "Annual review of significant partnerships 2026/27"
    text = " ".join(" ".join(page.extract_text().split()) for page in reader.pages)
    assert partnership.name in text
    assert "Limited to Reasonable" in text


def test_the_docx_carries_the_same_report(client_for, scrutiny, two_years, partnership, settings, tmp_path):
    from docx import Document

    settings.MEDIA_ROOT = tmp_path
    content_type, body = download(client_for(scrutiny), two_years, "docx")
    assert content_type == "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
    document = Document(io.BytesIO(body))
    assert document.core_properties.title == "Annual review of significant partnerships 2026/27"
    cells = [cell.text for table in document.tables for row in table.rows for cell in row.cells]
    assert str(partnership) in cells and "Limited" in cells and "Reasonable" in cells


def test_an_unknown_format_is_not_found(client_for, scrutiny, two_years):
    url = reverse("reviews:annual_report_download", args=[two_years.pk, "exe"])
    assert client_for(scrutiny).get(url).status_code == 404
