"""The committee's annual report: page, tagged PDF and .docx, comparing with last year's round."""

import datetime
import io

import pytest
from django.urls import reverse
from pypdf import PdfReader

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


def test_the_pdf_is_tagged_titled_in_english_and_names_the_rating_change(client_for, scrutiny, two_years, partnership):
    response = client_for(scrutiny).get(reverse("reviews:annual_report_download", args=[two_years.pk, "pdf"]))
    assert response["Content-Type"] == "application/pdf"
    reader = PdfReader(io.BytesIO(response.content))
    root = reader.trailer["/Root"]
    assert root["/Lang"] == "en-GB"
    assert "/StructTreeRoot" in root and root["/MarkInfo"]["/Marked"]
    assert reader.metadata.title == "Annual review of significant partnerships 2026/27"
    text = " ".join(" ".join(page.extract_text().split()) for page in reader.pages)
    assert partnership.name in text
    assert "Limited to Reasonable" in text


def test_the_docx_carries_the_same_report(client_for, scrutiny, two_years, partnership):
    from docx import Document

    response = client_for(scrutiny).get(reverse("reviews:annual_report_download", args=[two_years.pk, "docx"]))
    document = Document(io.BytesIO(response.content))
    assert document.core_properties.title == "Annual review of significant partnerships 2026/27"
    cells = [cell.text for table in document.tables for row in table.rows for cell in row.cells]
    assert str(partnership) in cells and "Limited" in cells and "Reasonable" in cells


def test_an_unknown_format_is_not_found(client_for, scrutiny, two_years):
    url = reverse("reviews:annual_report_download", args=[two_years.pk, "exe"])
    assert client_for(scrutiny).get(url).status_code == 404
