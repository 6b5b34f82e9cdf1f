"""Issuing an agreement's PDF is a task: approving records the decision and queues the PDF; the page
says "PDF being prepared" until a worker has stored it, then the download is the stored file."""

import datetime
import hashlib

import pytest
from django.urls import reverse
from django_tasks import default_task_backend

from agreements.models import AgreementStatus
from agreements.tasks import issue_agreement_pdf, issue_missing_agreement_pdfs

pytestmark = pytest.mark.django_db


def url(name, agreement):
    return reverse(f"agreements:{name}", args=[agreement.partnership.reference, agreement.version_number])


@pytest.fixture
def queue_held(settings):
    """A queue whose worker has not got to anything yet: tasks are recorded, not run."""
    settings.TASKS = {"default": {"BACKEND": "django_tasks.backends.dummy.DummyBackend"}}
    return default_task_backend


def queued(backend):
    return [(result.task.name, result.args) for result in backend.results]


def test_approval_records_the_decision_and_queues_the_pdf(client_for, legal, submitted, queue_held):
    client = client_for(legal)
    approved = client.post(url("approve", submitted), follow=True).content.decode()
    submitted.refresh_from_db()
    assert submitted.status == AgreementStatus.APPROVED and submitted.approved_by == legal
    assert not submitted.pdf and submitted.pdf_pending
    assert queued(queue_held) == [("issue_agreement_pdf", [submitted.pk])]
    assert "Version 1 approved. Its PDF is being prepared" in approved
    assert "PDF being prepared" in approved and "Download PDF" not in approved

    # A download asked for meanwhile says so (and queues the issue again, in case its worker was lost).
    early = client.get(url("pdf", submitted), follow=True)
    assert early.redirect_chain[-1][0] == submitted.get_absolute_url()
    assert "The PDF is being prepared" in early.content.decode()
    assert len(queued(queue_held)) == 2

    # The worker gets to it (twice: the second finds it stored): then the download is that file.
    assert issue_agreement_pdf.call(submitted.pk) == 1
    assert issue_agreement_pdf.call(submitted.pk) == 0
    submitted.refresh_from_db()
    page = client.get(submitted.get_absolute_url()).content.decode()
    assert "PDF being prepared" not in page and "Download PDF" in page
    download = client.get(url("pdf", submitted))
    content = b"".join(download.streaming_content)
    assert content.startswith(b"%PDF") and hashlib.sha256(content).hexdigest() == submitted.pdf_sha256


def test_signing_queues_the_signed_copy(approved, partners, queue_held):
    when = datetime.date(2026, 4, 9)
    parties = approved.signing_parties()
    entries = [(party, f"Signatory {index}", "Chief Executive", when) for index, party in enumerate(parties)]
    assert approved.record_signatures(entries)
    approved.refresh_from_db()
    assert approved.status == AgreementStatus.SIGNED and not approved.signed_pdf and approved.pdf_pending
    assert queued(queue_held) == [("issue_agreement_pdf", [approved.pk])]

    issue_agreement_pdf.call(approved.pk)
    approved.refresh_from_db()
    content = approved.signed_pdf.read()
    assert content.startswith(b"%PDF") and hashlib.sha256(content).hexdigest() == approved.signed_pdf_sha256
    assert approved.stored_pdf_matches_checksum()  # the issued PDF itself is untouched


def test_the_daily_task_issues_each_missing_pdf_once(approved):
    approved.pdf.delete(save=False)
    type(approved).objects.filter(pk=approved.pk).update(pdf="", pdf_sha256="")

    assert issue_missing_agreement_pdfs.enqueue().return_value == 1
    approved.refresh_from_db()
    content = approved.pdf.read()
    assert content.startswith(b"%PDF") and hashlib.sha256(content).hexdigest() == approved.pdf_sha256
    assert issue_missing_agreement_pdfs.enqueue().return_value == 0
