"""The agreement pages: drafting, sending to legal, approving, signing, downloading, comparing."""

import hashlib

import pytest
from django.urls import reverse

from agreements.models import AgreementStatus, PartnershipAgreement, Section, StandardClause

from .pdfs import flat, pdf_text

pytestmark = pytest.mark.django_db


def url(name, agreement, **kwargs):
    return reverse(f"agreements:{name}", args=[agreement.partnership.reference, agreement.version_number])


def edit_data(agreement, **changes):
    data = {"title": agreement.title, "lock_version": agreement.lock_version}
    data |= {section.value: getattr(agreement, section.value) for section in Section}
    return data | changes


def test_anonymous_users_are_sent_to_sign_in(client, draft):
    response = client.get(draft.get_absolute_url())
    assert response.status_code == 302 and "/accounts/login/" in response.url


@pytest.mark.parametrize(
    ("role", "status"),
    [("officer", 200), ("outsider", 200), ("scrutiny", 403), ("legal", 200), ("admin_user", 200)],
)
def test_who_sees_a_draft(request, client_for, draft, role, status):
    response = client_for(request.getfixturevalue(role)).get(draft.get_absolute_url())
    assert response.status_code == status


def test_agreement_page_shows_the_text_and_the_register_facts(client_for, officer, draft):
    draft.governance = "<b>Board</b> meets monthly"
    draft.save()
    page = client_for(officer).get(draft.get_absolute_url()).content.decode()
    assert "&lt;b&gt;Board&lt;/b&gt; meets monthly" in page
    assert "Cyngor Tref Llanfair Pwllgwyngyll (Gŵyr ŷ Fro)" in page
    assert "£12,500" in page
    assert "This memorandum of understanding is not legally binding" in page
    assert "Edit the text" in page and "Send to legal for approval" in page
    assert "Approve this version" not in page  # officers do not approve


def test_officer_starts_a_draft_from_the_standard_text(client_for, officer, rich_partnership):
    client = client_for(officer)
    page = client.get(reverse("agreements:current", args=[rich_partnership.reference])).content.decode()
    assert "Start a draft agreement" in page
    response = client.post(reverse("agreements:start", args=[rich_partnership.reference]))
    agreement = rich_partnership.agreements.get()
    assert response.url == url("edit", agreement)
    assert agreement.other_terms == StandardClause.objects.get(section=Section.OTHER).standard_text
    form = client.get(response.url).content.decode()
    assert "governed by the law of England and Wales" in form  # prefilled
    assert "The partners table is added from the register." in form


def test_outsider_cannot_start_or_edit(client_for, outsider, draft):
    client = client_for(outsider)
    assert client.post(reverse("agreements:start", args=[draft.partnership.reference])).status_code == 403
    assert client.get(url("edit", draft)).status_code == 403
    assert client.post(url("edit", draft), edit_data(draft, governance="Hijacked")).status_code == 403
    draft.refresh_from_db()
    assert draft.governance != "Hijacked"


def test_editing_saves_the_text(client_for, colleague, draft):
    response = client_for(colleague).post(url("edit", draft), edit_data(draft, governance="A board of five."))
    assert response.status_code == 302
    draft.refresh_from_db()
    assert draft.governance == "A board of five."


def test_editing_an_out_of_date_copy_is_refused_not_silently_saved(client_for, officer, colleague, draft):
    stale = edit_data(draft, governance="Officer's wording")
    client_for(colleague).post(url("edit", draft), edit_data(draft, governance="Colleague's wording"))
    response = client_for(officer).post(url("edit", draft), stale)
    assert response.status_code == 409
    assert "changed this agreement since you opened it" in response.content.decode()
    draft.refresh_from_db()
    assert draft.governance == "Colleague's wording"


def test_bad_dates_get_a_plain_english_error(client_for, officer, draft):
    data = edit_data(draft, expires_on_0="31", expires_on_1="2", expires_on_2="2027")
    response = client_for(officer).post(url("edit", draft), data)
    assert response.status_code == 200
    assert "must be a real date" in response.content.decode()


def test_an_approved_version_cannot_be_edited(client_for, legal, approved):
    client = client_for(legal)
    assert client.get(url("edit", approved)).status_code == 403
    assert client.post(url("edit", approved), edit_data(approved, governance="Changed")).status_code == 403


def test_scrutiny_posts_are_refused(client_for, scrutiny, submitted):
    client = client_for(scrutiny)
    for name in ("submit", "approve", "return", "signatures", "new_version", "edit"):
        assert client.post(url(name, submitted)).status_code == 403, name
    assert client.post(reverse("agreements:start", args=[submitted.partnership.reference])).status_code == 403
    submitted.refresh_from_db()
    assert submitted.status == AgreementStatus.SUBMITTED


def test_submit_approve_and_download(client_for, officer, legal, draft):
    client_for(officer).post(url("submit", draft))
    draft.refresh_from_db()
    assert draft.status == AgreementStatus.SUBMITTED

    assert client_for(officer).post(url("approve", draft)).status_code == 403  # officers cannot approve
    client = client_for(legal)
    confirm = client.get(url("approve", draft)).content.decode()
    assert "Approve and issue the PDF" in confirm
    response = client.post(url("approve", draft))
    assert response.status_code == 302
    draft.refresh_from_db()
    assert draft.status == AgreementStatus.APPROVED and draft.approved_by == legal

    download = client.get(url("pdf", draft))
    content = b"".join(download.streaming_content)
    assert download["Content-Type"] == "application/pdf"
    assert "attachment" in download["Content-Disposition"]
    assert hashlib.sha256(content).hexdigest() == draft.pdf_sha256  # exactly the issued file


def test_approving_a_draft_that_was_not_sent_is_refused(client_for, legal, draft):
    response = client_for(legal).post(url("approve", draft), follow=True)
    assert "cannot be approved" in response.content.decode()
    draft.refresh_from_db()
    assert draft.status == AgreementStatus.DRAFT


def test_legal_can_return_a_version_for_changes(client_for, legal, submitted):
    client_for(legal).post(url("return", submitted))
    submitted.refresh_from_db()
    assert submitted.status == AgreementStatus.DRAFT


def test_scrutiny_reads_and_downloads_approved_versions(client_for, scrutiny, approved):
    client = client_for(scrutiny)
    page = client.get(approved.get_absolute_url()).content.decode()
    assert "Download PDF" in page
    assert "Edit the text" not in page and "Record signatures" not in page and "Start a new version" not in page
    content = b"".join(client.get(url("pdf", approved)).streaming_content)
    assert hashlib.sha256(content).hexdigest() == approved.pdf_sha256


def test_draft_pdf_is_rendered_with_the_draft_marking(client_for, officer, draft):
    response = client_for(officer).get(url("pdf", draft))
    assert response["Content-Type"] == "application/pdf"
    assert "DRAFT" in response["Content-Disposition"]
    assert "DRAFT, not approved" in pdf_text(response.content)


def test_recording_signatures_marks_the_agreement_signed(client_for, officer, approved, partners):
    client = client_for(officer)
    form = client.get(url("signatures", approved)).content.decode()
    assert "Northmoor Food Bank Trust" in form
    data = {}
    for index, name in enumerate(["Jo Chief", "Siân Prŷs", "Dev Patel"]):
        data |= {
            f"party-{index}-name": name,
            f"party-{index}-job_title": "Chief Executive",
            f"party-{index}-signed_on_0": "3",
            f"party-{index}-signed_on_1": "4",
            f"party-{index}-signed_on_2": "2026",
        }
    data["party-2-signed_on_0"] = ""
    data["party-2-signed_on_1"] = ""
    data["party-2-signed_on_2"] = ""
    client.post(url("signatures", approved), data)
    approved.refresh_from_db()
    assert approved.status == AgreementStatus.APPROVED  # one party has not signed yet

    data |= {"party-2-signed_on_0": "9", "party-2-signed_on_1": "4", "party-2-signed_on_2": "2026"}
    client.post(url("signatures", approved), data)
    approved.refresh_from_db()
    assert approved.status == AgreementStatus.SIGNED
    assert str(approved.signed_on) == "2026-04-09"
    page = client.get(approved.get_absolute_url()).content.decode()
    assert "Siân Prŷs" in page and "9 April 2026" in page


def test_a_date_without_a_name_is_refused(client_for, officer, approved):
    data = {"party-0-signed_on_0": "3", "party-0-signed_on_1": "4", "party-0-signed_on_2": "2026"}
    response = client_for(officer).post(url("signatures", approved), data)
    assert "Enter the name of the person who signed for Northmoor County Council" in response.content.decode()
    assert not approved.signatories.exists()


def test_new_version_then_compare(client_for, officer, approved):
    client = client_for(officer)
    response = client.post(url("new_version", approved))
    version_two = approved.partnership.agreements.get(version_number=2)
    assert response.url == version_two.get_absolute_url()
    data = edit_data(version_two, governance=approved.governance.replace("quarterly", "monthly <b>online</b>"))
    client.post(url("edit", version_two), data)

    page = client.get(
        reverse("agreements:compare", args=[approved.partnership.reference]), {"old": 1, "new": 2}
    ).content.decode()
    assert '<del class="app-diff-removed"><span class="govuk-visually-hidden">[removed: </span>quarterly' in page
    assert "monthly &lt;b&gt;online&lt;/b&gt;" in page
    assert flat(page).count("No changes.") == len(Section) - 1


def test_legal_list_sorts_agreements_by_what_needs_doing(client_for, legal, submitted, partnership):
    from tests.factories import ActivePartnershipFactory, ApprovedAgreementFactory

    unsigned = ApprovedAgreementFactory(partnership=ActivePartnershipFactory(name="Waiting For Ink"))
    client = client_for(legal)

    def shown(which=None):
        response = client.get(reverse("agreements:list"), {"list": which} if which else {})
        rows = response.context["page_obj"]
        return [getattr(row, "partnership", row).name for row in rows], response.content.decode()

    awaiting, page = shown()
    assert awaiting == [partnership.name]
    assert url("pdf", submitted) in page  # one-click download
    assert "Awaiting approval (1)" in page and "Approved, not yet signed (1)" in page
    assert 'href="?list=missing"' in page
    assert shown("not-signed")[0] == ["Waiting For Ink"]
    assert "Waiting For Ink" in shown("missing")[1]  # approved but not signed: still missing
    assert unsigned.expires_on  # three years away: not in the 90-day list
    assert shown("expiring")[0] == []


def test_an_address_from_when_the_lists_shared_a_page_opens_that_list(client_for, legal):
    response = client_for(legal).get(reverse("agreements:list"), {"missing_page": "2"})
    assert response.status_code == 302 and response.url == reverse("agreements:list") + "?list=missing&page=2"


def test_legal_edits_the_standard_text(client_for, legal, officer):
    clause = StandardClause.objects.get(section=Section.OTHER)
    path = reverse("agreements:clause_update", args=[Section.OTHER])
    assert client_for(officer).get(path).status_code == 403
    client = client_for(legal)
    response = client.post(
        path, {"standard_text": "New wording.", "guidance": "Ask legal.", "lock_version": clause.lock_version}
    )
    assert response.status_code == 302
    clause.refresh_from_db()
    assert clause.standard_text == "New wording."
    assert "New wording." in client.get(reverse("agreements:clauses")).content.decode()
    empty = client.post(path, {"standard_text": "", "lock_version": clause.lock_version})
    assert "Enter the standard text for this section" in empty.content.decode()


def test_partnership_page_shows_the_agreement_panel(client_for, officer, scrutiny, draft):
    page = client_for(officer).get(draft.partnership.get_absolute_url()).content.decode()
    assert 'id="agreement-heading"' in page
    assert draft.get_absolute_url() in page and "Edit the draft agreement" in page
    scrutiny_page = client_for(scrutiny).get(draft.partnership.get_absolute_url()).content.decode()
    assert draft.get_absolute_url() not in scrutiny_page  # drafts are not shown to the committee


def test_agreement_pages_use_a_fixed_number_of_queries(client_for, officer, draft, django_assert_max_num_queries):
    client = client_for(officer)
    with django_assert_max_num_queries(25):
        client.get(draft.get_absolute_url())
    with django_assert_max_num_queries(20):
        client.get(reverse("agreements:list"))


def test_unknown_version_is_not_found(client_for, officer, draft):
    path = reverse("agreements:detail", args=[draft.partnership.reference, 99])
    assert client_for(officer).get(path).status_code == 404
    assert PartnershipAgreement.objects.count() == 1


def test_admin_site_shows_an_approved_version_read_only(client_for, admin_user, approved):
    response = client_for(admin_user).get(reverse("admin:agreements_partnershipagreement_change", args=[approved.pk]))
    assert response.status_code == 200
    assert 'name="governance"' not in response.content.decode()  # shown, not editable
