"""The agreement's life: draft -> submitted -> approved -> signed -> superseded."""

import datetime
import hashlib

import pytest

from agreements.models import AgreementStateError, AgreementStatus, PartnershipAgreement, Section, StandardClause

pytestmark = pytest.mark.django_db


def test_standard_text_is_loaded_for_every_section():
    assert set(StandardClause.objects.values_list("section", flat=True)) == set(Section.values)
    legal_status = StandardClause.objects.get(section=Section.LEGAL_STATUS)
    assert "Each Partner remains responsible" in legal_status.standard_text


def test_first_draft_starts_from_the_standard_text(rich_partnership, officer):
    StandardClause.objects.filter(section=Section.GOVERNANCE).update(standard_text="Our own governance wording.")
    agreement = PartnershipAgreement.start(rich_partnership, by=officer)
    assert agreement.version_number == 1
    assert agreement.status == AgreementStatus.DRAFT
    assert agreement.governance == "Our own governance wording."
    assert "Procurement Act 2023" in agreement.due_diligence
    assert agreement.created_by == officer


def test_a_partnership_starts_only_one_first_draft(draft, officer):
    with pytest.raises(AgreementStateError):
        PartnershipAgreement.start(draft.partnership, by=officer)


def test_submit_then_approve_freezes_the_version_and_issues_the_pdf(submitted, legal):
    assert submitted.status == AgreementStatus.SUBMITTED
    submitted.approve(by=legal)
    submitted.refresh_from_db()
    assert submitted.status == AgreementStatus.APPROVED
    assert submitted.approved_by == legal
    assert submitted.pdf.name.endswith(".pdf")
    content = submitted.pdf.read()
    assert content.startswith(b"%PDF-")
    assert hashlib.sha256(content).hexdigest() == submitted.pdf_sha256
    assert submitted.effective_from == datetime.date.today()
    assert submitted.register_facts["partners"][0]["name"].startswith("Cyngor Tref")


def test_a_draft_cannot_be_approved_without_being_submitted(draft, legal):
    with pytest.raises(AgreementStateError, match="draft cannot be approved"):
        draft.approve(by=legal)
    assert not draft.pdf


def test_an_approved_version_cannot_be_approved_again(approved, legal):
    sha = approved.pdf_sha256
    with pytest.raises(AgreementStateError):
        approved.approve(by=legal)
    approved.refresh_from_db()
    assert approved.pdf_sha256 == sha


def test_nobody_can_change_the_text_of_a_frozen_version(approved):
    approved = PartnershipAgreement.objects.get(pk=approved.pk)
    approved.governance = "Quietly changed after approval"
    with pytest.raises(AgreementStateError):
        approved.save()
    assert PartnershipAgreement.objects.get(pk=approved.pk).governance != "Quietly changed after approval"


def test_legal_can_return_a_submitted_version_for_changes(submitted, legal):
    submitted.return_to_draft(by=legal)
    assert submitted.status == AgreementStatus.DRAFT
    assert submitted.submitted_at is None


def test_signed_once_every_party_has_signed(approved, partners):
    council, first, second = approved.signing_parties()
    assert council is None and first == partners[0].organisation
    day = datetime.date(2026, 5, 1)
    assert not approved.record_signatures([(None, "Jo Chief", "Chief Executive", day)])
    approved.refresh_from_db()
    assert approved.status == AgreementStatus.APPROVED
    with pytest.raises(AgreementStateError, match="Not everyone has signed"):
        approved.mark_signed()
    later = datetime.date(2026, 5, 9)
    assert approved.record_signatures([(first, "Siân Prŷs", "Clerk", day), (second, "Dev Patel", "Chair", later)])
    approved.refresh_from_db()
    assert approved.status == AgreementStatus.SIGNED
    assert approved.signed_on == later
    assert approved.signatories.count() == 3


def test_signatures_cannot_be_recorded_on_a_draft(draft):
    with pytest.raises(AgreementStateError):
        draft.record_signature(None, "Jo Chief", signed_on=datetime.date.today())


def test_new_version_copies_the_text_and_approving_it_supersedes_the_old(approved, officer, legal):
    version_two = approved.new_version(by=officer)
    assert version_two.version_number == 2
    assert version_two.status == AgreementStatus.DRAFT
    assert version_two.governance == approved.governance
    assert not version_two.pdf

    with pytest.raises(AgreementStateError, match="already a version"):
        approved.new_version(by=officer)

    version_two.governance = "The board now meets monthly."
    version_two.save()
    version_two.submit(by=officer)
    version_two.approve(by=legal)
    approved.refresh_from_db()
    assert approved.status == AgreementStatus.SUPERSEDED
    assert version_two.status == AgreementStatus.APPROVED
    assert approved.stored_pdf_matches_checksum()  # the old PDF is untouched
    assert list(approved.partnership.agreements.in_force()) == [version_two]


def test_a_draft_cannot_start_a_new_version(draft, officer):
    with pytest.raises(AgreementStateError):
        draft.new_version(by=officer)


def test_state_change_refused_when_someone_else_saved_meanwhile(draft, officer):
    stale = PartnershipAgreement.objects.get(pk=draft.pk)
    draft.submit(by=officer)
    with pytest.raises(AgreementStateError):
        stale.submit(by=officer)


def test_a_version_recorded_as_signed_without_a_pdf_gets_one_issued_at_first_download(
    client_for, scrutiny, rich_partnership
):
    from tests.agreements.pdfs import pdf_text
    from tests.factories import SignedAgreementFactory

    agreement = SignedAgreementFactory(partnership=rich_partnership)  # e.g. demo data or records from elsewhere
    assert not agreement.signed_pdf
    url = f"{agreement.get_absolute_url()}pdf/"
    first = b"".join(client_for(scrutiny).get(url).streaming_content)
    agreement.refresh_from_db()
    assert agreement.signed_pdf and hashlib.sha256(first).hexdigest() == agreement.signed_pdf_sha256
    assert rich_partnership.name in pdf_text(first)
    assert "DRAFT" not in pdf_text(first)
    second = b"".join(client_for(scrutiny).get(url).streaming_content)
    assert second == first  # issued once; never changes afterwards


def test_the_signed_copy_names_who_signed_for_each_party_and_when(client_for, legal, rich_partnership):
    import datetime

    from tests.agreements.pdfs import pdf_text
    from tests.factories import ApprovedAgreementFactory

    agreement = ApprovedAgreementFactory(partnership=rich_partnership)
    entries = [(None, "Cllr Ann Example", "Leader of the Council", datetime.date(2016, 2, 1))] + [
        (party, f"Signer for {party.name}", "Chief Executive", datetime.date(2016, 2, 3))
        for party in agreement.signing_parties()[1:]
    ]
    assert agreement.record_signatures(entries, by=legal)
    text = pdf_text(b"".join(client_for(legal).get(f"{agreement.get_absolute_url()}pdf/").streaming_content))
    assert "Cllr Ann Example" in text and "Leader of the Council" in text and "1 February 2016" in text
    for party in agreement.signing_parties()[1:]:
        assert f"Signer for {party.name}" in " ".join(text.split())
    assert "3 February 2016" in text
