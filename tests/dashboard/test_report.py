"""The committee report pack: a PDF of the figures, reviews due and compliance gaps."""

import datetime
import io
from decimal import Decimal

import pytest
from django.http import HttpResponse
from django.urls import reverse
from pypdf import PdfReader

from tests.factories import ActivePartnershipFactory, RiskEntryFactory


def pdf_text(response):
    return " ".join(page.extract_text() for page in PdfReader(io.BytesIO(response.content)).pages)


@pytest.fixture
def as_at():
    return datetime.date.today() + datetime.timedelta(days=10)


def report(client, as_at, **filters):
    params = {"as_at_0": as_at.day, "as_at_1": as_at.month, "as_at_2": as_at.year, **filters}
    job = client.get(reverse("dashboard:report"), params)  # the pack is made in the background
    assert job.status_code == 302 and job["Location"].startswith("/jobs/")
    download = client.get(job["Location"] + "download/")
    response = HttpResponse(b"".join(download.streaming_content), content_type=download["Content-Type"])
    response["Content-Disposition"] = download["Content-Disposition"]
    return response


def test_the_pack_contains_the_figures(client_for, scrutiny, partnership, other_directorate, as_at):
    partnership.annual_contribution = Decimal("123456")
    partnership.next_review_due = as_at - datetime.timedelta(days=1)  # overdue at the as-at date only
    partnership.save()
    RiskEntryFactory(partnership=partnership, likelihood=5, impact=5, residual_likelihood=4, residual_impact=4)
    elsewhere = ActivePartnershipFactory(directorate=other_directorate, annual_contribution=Decimal("1000"))

    response = report(client_for(scrutiny), as_at)
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert f"{as_at:%Y-%m-%d}" in response["Content-Disposition"]
    text = pdf_text(response)
    assert f"As at {as_at.day} {as_at:%B %Y}" in text
    assert "£124,456" in text  # annual council contribution of both live partnerships
    assert "Reviews overdue" in text
    assert partnership.reference in text  # in the reviews-due list and under the compliance gaps
    assert "Open risks still high after controls" in text
    assert "No approved or signed agreement (2)" in text
    assert elsewhere.reference in text


def test_the_pack_can_be_scoped(client_for, scrutiny, partnership, directorate, other_directorate, as_at):
    elsewhere = ActivePartnershipFactory(directorate=other_directorate, annual_contribution=Decimal("1000"))
    text = pdf_text(report(client_for(scrutiny), as_at, directorate=directorate.pk))
    assert f"Lead directorate: {directorate.name}" in text
    assert partnership.reference in text
    assert elsewhere.reference not in text


def test_the_form_explains_a_bad_date(client_for, scrutiny):
    response = client_for(scrutiny).get(
        reverse("dashboard:report"), {"as_at_0": "31", "as_at_1": "2", "as_at_2": "2026"}
    )
    assert response.status_code == 400
    assert "There is a problem" in response.content.decode()
    assert "must be a real date" in response.content.decode()


def test_the_form_starts_at_today(client_for, scrutiny):
    response = client_for(scrutiny).get(reverse("dashboard:report"))
    assert response.status_code == 200
    assert f'value="{datetime.date.today().year}"' in response.content.decode()


def header_positions(pdf_bytes, heading):
    """The x position of every `heading` on every page of the PDF (of its first word, where it wraps)."""
    found = []

    def visit(text, cm, tm, font, size):
        if text.strip() in (heading, heading.split()[0]):
            found.append(round(cm[4] + tm[4] * cm[0], 1))

    for page in PdfReader(io.BytesIO(pdf_bytes)).pages:
        page.extract_text(visitor_text=visit)
    return found


def test_the_per_directorate_tables_line_up(client_for, scrutiny, officer, directorate, other_directorate, as_at):
    """Each directorate's reviews-due table has the same columns, whatever the lengths of what is in it."""
    ActivePartnershipFactory(directorate=directorate, name="Tiny", next_review_due=as_at)
    ActivePartnershipFactory(
        directorate=other_directorate,
        name="A partnership with a very long name indeed, longer than any column would choose for itself",
        lead_officer=officer,
        next_review_due=as_at,
    )

    pdf = report(client_for(scrutiny), as_at).content

    for heading in ("Last review", "Review due"):  # headings only these tables have
        positions = header_positions(pdf, heading)
        assert len(positions) == 2, f"expected {heading!r} once in each directorate's table"
        assert len(set(positions)) == 1, f"{heading!r} is at {positions}: the columns do not line up"


def test_the_pack_is_a_tagged_pdf(client_for, scrutiny, partnership, as_at):
    reader = PdfReader(io.BytesIO(report(client_for(scrutiny), as_at).content))
    root = reader.trailer["/Root"]
    assert root["/MarkInfo"]["/Marked"]
    assert "/StructTreeRoot" in root
    assert root["/Lang"] == "en-GB"
