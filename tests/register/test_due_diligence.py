"""Due diligence: items as data; outstanding checks block a high-significance partnership going live."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from register import gates
from register.choices import Significance, Status
from register.models import CheckStatus, DueDiligenceCheck, DueDiligenceItem
from tests.factories import AgreementWaiverFactory, ApprovedPartnershipFactory, ObjectiveFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def approved(officer, directorate):
    partnership = ApprovedPartnershipFactory(
        lead_officer=officer, directorate=directorate, significance=Significance.HIGH
    )
    ObjectiveFactory(partnership=partnership)
    AgreementWaiverFactory(partnership=partnership)
    return partnership


def settle_all(partnership, but=()):
    for item in DueDiligenceItem.objects.exclude(name__in=but):
        DueDiligenceCheck.objects.create(partnership=partnership, item=item, status=CheckStatus.NOT_NEEDED)


def test_the_issues_checklist_is_seeded_as_data():
    names = list(DueDiligenceItem.objects.values_list("name", flat=True))
    assert names[0] == "Procurement rules" and "Safeguarding" in names and len(names) == 8


def test_outstanding_checks_block_a_high_significance_partnership(approved, officer):
    settle_all(approved, but=("Insurance", "Safeguarding"))
    assert gates.blockers(approved, Status.ACTIVE, officer) == ["Finish the due diligence: Insurance, Safeguarding."]
    DueDiligenceCheck.objects.filter(partnership=approved).update(status=CheckStatus.OUTSTANDING)
    assert len(gates.blockers(approved, Status.ACTIVE, officer)[0].split(",")) == 8


def test_settled_checks_let_it_go_live(approved, officer):
    settle_all(approved)
    approved.activate(by=officer)
    assert approved.status == Status.ACTIVE


def test_an_item_the_administrator_retires_no_longer_blocks(approved, officer):
    settle_all(approved, but=("Subsidy control",))
    DueDiligenceItem.objects.filter(name="Subsidy control").update(active=False)
    assert gates.blockers(approved, Status.ACTIVE, officer) == []


def test_medium_and_low_significance_are_not_blocked(approved, officer):
    approved.significance = Significance.MEDIUM
    assert gates.blockers(approved, Status.ACTIVE, officer) == []


def test_an_officer_records_a_check_with_evidence_and_readers_download_it(
    client_for, officer, scrutiny, approved, settings, tmp_path
):
    settings.MEDIA_ROOT = tmp_path
    item = DueDiligenceItem.objects.get(name="Insurance")
    url = reverse("register:due_diligence_check", args=[approved.reference, item.pk])
    evidence = SimpleUploadedFile("cover.pdf", b"%PDF-1.4 certificate", content_type="application/pdf")
    response = client_for(officer).post(url, {"status": "done", "note": "Certificates seen", "evidence": evidence})
    assert response.status_code == 302
    check = DueDiligenceCheck.objects.get(partnership=approved, item=item)
    assert (check.status, check.checked_by, check.checked_on is not None) == ("done", officer, True)
    overview = client_for(scrutiny).get(reverse("register:due_diligence", args=[approved.reference]))
    assert "Certificates seen" in overview.content.decode()
    download = client_for(scrutiny).get(reverse("register:due_diligence_evidence", args=[approved.reference, check.pk]))
    assert b"".join(download.streaming_content) == b"%PDF-1.4 certificate"
    assert client_for(scrutiny).post(url, {"status": "not_needed"}).status_code == 403
