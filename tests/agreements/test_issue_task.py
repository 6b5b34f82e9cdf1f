"""Approved agreements recorded without a PDF get it from a background task, not on first download."""

import hashlib

import pytest

from partnerships.jobs.tasks import issue_missing_agreement_pdfs

pytestmark = pytest.mark.django_db


def test_the_task_issues_each_missing_pdf_once(approved):
    approved.pdf.delete(save=False)
    type(approved).objects.filter(pk=approved.pk).update(pdf="", pdf_sha256="")

    assert issue_missing_agreement_pdfs.enqueue().return_value == 1
    approved.refresh_from_db()
    content = approved.pdf.read()
    assert content.startswith(b"%PDF") and hashlib.sha256(content).hexdigest() == approved.pdf_sha256
    assert issue_missing_agreement_pdfs.enqueue().return_value == 0
