"""The agreement PDF: its contents match the register, user text is escaped, issued bytes never change."""

import hashlib
import io
import re

import pytest
from pypdf import PdfReader

from agreements.models import PartnershipAgreement
from agreements.pdf import render_agreement_html, render_agreement_pdf
from register.choices import LegalForm
from tests.factories import OrganisationFactory, PartnershipMemberFactory, RiskEntryFactory

from .pdfs import flat, pdf_pages, pdf_text

pytestmark = pytest.mark.django_db


def test_pdf_holds_the_partners_sections_and_figures(draft):
    text = flat(pdf_text(render_agreement_pdf(draft)))
    assert "Northmoor County Council" in text
    assert "Cyngor Tref Llanfair Pwllgwyngyll (Gŵyr ŷ Fro)" in text  # Welsh characters survive
    assert "Northmoor Food Bank Trust" in text
    assert "Lead partner" in text and "Delivery partner" in text
    for number, heading in [(1, "Who the partners are"), (5, "Risk management"), (12, "Other terms")]:
        assert f"{number}. {heading}" in text
    assert "13. Signatures" in text
    assert "£12,500" in text and "£1,750.50" in text  # contributions, with the pound sign
    assert "4 × 5 = 20" in text and "High" in text  # a risk with its score and band
    assert "Partner withdraws its funding early" in text
    assert "Cut rough sleeping by 20%" in text  # objectives from the register
    assert "Olivia Officer" in text  # lead officer
    assert "Signed for and on behalf of Northmoor Food Bank Trust" in text


def test_a_memorandum_of_understanding_says_it_is_not_legally_binding(draft):
    assert draft.partnership.legal_form == LegalForm.MOU
    text = flat(pdf_text(render_agreement_pdf(draft)))
    assert "MEMORANDUM OF UNDERSTANDING" in text
    assert "is not legally binding" in text


def test_a_binding_agreement_says_so(draft):
    draft.partnership.legal_form = LegalForm.S75_AGREEMENT
    draft.partnership.save()
    text = flat(pdf_text(render_agreement_pdf(draft)))
    assert "PARTNERSHIP AGREEMENT" in text
    assert "This agreement is legally binding" in text
    assert "not legally binding" not in text


def test_contents_page_gives_page_numbers_and_footer_counts_pages(draft):
    pages = pdf_pages(render_agreement_pdf(draft))
    assert pages[1].startswith("Contents")
    listed = {int(number): int(page) for number, page in re.findall(r"(\d+)\.\s+[^\n]*?\.{3,}\s*(\d+)", pages[1])}
    assert sorted(listed) == list(range(1, 14))
    assert "5. Risk management" in flat(pages[listed[5] - 1])  # the page the contents point to
    assert "13. Signatures" in flat(pages[listed[13] - 1])
    assert f"Page 1 of {len(pages)}" in pages[0]
    assert f"Page {len(pages)} of {len(pages)}" in pages[-1]


def test_html_typed_into_the_text_is_shown_not_run(draft):
    draft.governance = '<script>alert("x")</script><b>Board</b> & <a href="http://evil">link</a>'
    draft.save()
    html = render_agreement_html(draft)
    assert "<script>" not in html and "<b>Board</b>" not in html
    assert "&lt;b&gt;Board&lt;/b&gt; &amp; &lt;a href=" in html
    text = flat(pdf_text(render_agreement_pdf(draft)))
    assert '<b>Board</b> & <a href="http://evil">link</a>' in text


def test_partner_names_with_markup_are_escaped(draft):
    PartnershipMemberFactory(partnership=draft.partnership, organisation=OrganisationFactory(name="<i>Acme</i> & Co"))
    assert "&lt;i&gt;Acme&lt;/i&gt; &amp; Co" in render_agreement_html(draft)


def test_draft_is_watermarked_and_approved_is_not(draft, legal, officer):
    draft_text = pdf_text(render_agreement_pdf(draft))
    assert all("DRAFT, not approved" in page for page in pdf_pages(render_agreement_pdf(draft))[1:])
    assert "Draft: not approved by legal services" in flat(draft_text)
    draft.submit(by=officer)
    draft.approve(by=legal)
    draft.refresh_from_db()  # issued by a task (run at once in tests)
    issued = flat(pdf_text(draft.pdf.read()))
    assert "DRAFT" not in issued
    assert "Approved by legal services on" in issued


def test_pdf_is_tagged_titled_in_english_with_embedded_fonts(approved):
    reader = PdfReader(io.BytesIO(approved.pdf.read()))
    root = reader.trailer["/Root"]
    assert root["/Lang"] == "en-GB"
    assert root["/MarkInfo"]["/Marked"]
    assert "/StructTreeRoot" in root
    assert reader.metadata.title.startswith("Memorandum of understanding: ")
    assert approved.partnership.reference in reader.metadata.title
    fonts = set()
    for page in reader.pages:
        for font in page["/Resources"]["/Font"].values():
            descendant = font.get_object()["/DescendantFonts"][0].get_object()
            assert "/FontFile2" in descendant["/FontDescriptor"]  # embedded, not borrowed from the reader
            fonts.add(font.get_object()["/BaseFont"].split("+")[-1])
    assert fonts == {"Agreement-Sans", "Agreement-Sans-Bold"}


def test_issued_pdf_matches_its_checksum_and_rerenders_to_the_same_bytes(approved):
    stored = approved.pdf.read()
    assert hashlib.sha256(stored).hexdigest() == approved.pdf_sha256
    fresh = PartnershipAgreement.objects.get(pk=approved.pk)
    assert render_agreement_pdf(fresh) == stored


def test_issued_pdf_keeps_the_facts_it_was_approved_on(approved):
    """Changing the register afterwards changes neither the stored PDF nor a re-render of it."""
    stored = approved.pdf.read()
    partnership = approved.partnership
    partnership.annual_contribution = 99999
    partnership.save()
    PartnershipMemberFactory(partnership=partnership, organisation=OrganisationFactory(name="Latecomer Ltd"))
    fresh = PartnershipAgreement.objects.get(pk=approved.pk)
    assert render_agreement_pdf(fresh) == stored
    assert "Latecomer Ltd" not in pdf_text(stored)
    assert fresh.stored_pdf_matches_checksum()


def test_long_agreement_breaks_across_pages_with_table_headers_repeated(rich_partnership, officer):
    for number in range(10):
        PartnershipMemberFactory(
            partnership=rich_partnership, organisation=OrganisationFactory(name=f"Partner body number {number:02d}")
        )
    for number in range(28):
        RiskEntryFactory(
            partnership=rich_partnership,
            description=f"Risk number {number:02d}: a partner cannot supply the staff it promised for the project",
            controls="Quarterly resourcing check at the board; named deputy for every role; escalation to directors.",
            likelihood=1 + number % 5,
            impact=1 + (number * 2) % 5,
        )
    agreement = PartnershipAgreement.start(rich_partnership, by=officer)
    assert rich_partnership.memberships.count() == 12 and rich_partnership.risks.count() == 30
    pages = pdf_pages(render_agreement_pdf(agreement))
    assert len(pages) >= 9
    risk_pages = [page for page in pages if "Risk number" in page]
    assert len(risk_pages) >= 2  # the risk table carries over onto another page...
    assert all("Before controls" in flat(page) for page in risk_pages)  # ...with its header row repeated
    text = flat("\n".join(pages))
    assert all(f"Risk number {n:02d}:" in text for n in range(28))  # no row lost at a break
    assert all(f"Signed for and on behalf of Partner body number {n:02d}" in text for n in range(10))
