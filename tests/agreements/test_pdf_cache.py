"""What render_agreement_pdf keeps between renders: a parsed stylesheet and loaded fonts per thread."""

import os
import threading
from pathlib import Path

import pytest
from django.contrib.staticfiles import finders

from agreements import pdf
from agreements.models import PartnershipAgreement


@pytest.fixture
def stylesheet(tmp_path, monkeypatch):
    """A copy of the agreement stylesheet that the test may edit."""
    copy = tmp_path / "agreement.css"
    copy.write_text(Path(finders.find(pdf.STYLESHEET)).read_text())
    monkeypatch.setattr(pdf.finders, "find", lambda path: str(copy))
    return copy


def test_the_stylesheet_is_parsed_once_per_thread_and_again_when_it_changes(stylesheet):
    css, font_config, _ = pdf._stylesheet()
    assert pdf._stylesheet()[:2] == (css, font_config)

    other_thread = []
    thread = threading.Thread(target=lambda: other_thread.append(pdf._stylesheet()))
    thread.start()
    thread.join()
    assert other_thread[0][1] is not font_config  # Pango font maps are never shared between threads

    modified = stylesheet.stat().st_mtime_ns + 1_000_000_000
    os.utime(stylesheet, ns=(modified, modified))
    assert pdf._stylesheet()[0] is not css


@pytest.mark.django_db
def test_a_cached_stylesheet_gives_the_same_bytes_as_a_fresh_one(approved):
    stored = approved.pdf.read()
    pdf._per_thread.__dict__.clear()  # as in a new process
    assert pdf.render_agreement_pdf(PartnershipAgreement.objects.get(pk=approved.pk)) == stored
    assert pdf.render_agreement_pdf(PartnershipAgreement.objects.get(pk=approved.pk)) == stored
