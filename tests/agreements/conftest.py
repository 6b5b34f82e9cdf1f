import datetime
from decimal import Decimal

import pytest

from agreements.models import PartnershipAgreement
from register.choices import PartnerRole
from tests.factories import ObjectiveFactory, OrganisationFactory, PartnershipMemberFactory, RiskEntryFactory


@pytest.fixture(autouse=True)
def media_root(settings, tmp_path):
    """Issued PDFs go to a fresh folder for each test."""
    settings.MEDIA_ROOT = tmp_path / "media"


@pytest.fixture
def partners(partnership):
    """Two partners with Welsh and accented names, as recorded in the register."""
    return [
        PartnershipMemberFactory(
            partnership=partnership,
            organisation=OrganisationFactory(name="Cyngor Tref Llanfair Pwllgwyngyll (Gŵyr ŷ Fro)"),
            role=PartnerRole.LEAD,
            contact_name="Siân Prŷs",
        ),
        PartnershipMemberFactory(
            partnership=partnership,
            organisation=OrganisationFactory(name="Northmoor Food Bank Trust"),
            role=PartnerRole.DELIVERY,
            contact_name="Dev Patel",
        ),
    ]


@pytest.fixture
def rich_partnership(partnership, partners):
    partnership.annual_contribution = Decimal("12500.00")
    partnership.in_kind_description = "Meeting rooms at County Hall"
    partnership.in_kind_value = Decimal("1750.50")
    partnership.end_date = datetime.date.today() + datetime.timedelta(days=700)
    partnership.save()
    RiskEntryFactory(partnership=partnership, description="Partner withdraws its funding early", likelihood=4, impact=5)
    RiskEntryFactory(partnership=partnership, description="Data shared without a lawful basis", likelihood=2, impact=2)
    ObjectiveFactory(partnership=partnership, title="Cut rough sleeping by 20%", target="20% fewer")
    return partnership


@pytest.fixture
def draft(rich_partnership, officer):
    return PartnershipAgreement.start(rich_partnership, by=officer)


@pytest.fixture
def submitted(draft, officer):
    draft.submit(by=officer)
    return draft


@pytest.fixture
def approved(submitted, legal):
    submitted.approve(by=legal)
    submitted.refresh_from_db()  # the PDF is issued by a task (run at once in tests)
    return submitted
