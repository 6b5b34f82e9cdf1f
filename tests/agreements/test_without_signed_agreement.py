"""The rule for "live partnerships without a signed agreement" asked two ways: listing every signed version first
(`NOT IN`, for counting or paging the whole list) or asking each partnership in turn (`NOT EXISTS`,
for the first few of an officer's list read in an index's order). Both must be the same rule."""

import pytest

from agreements.models import AgreementStatus, without_signed_agreement
from register.choices import PartnershipType
from register.models import Partnership
from tests.factories import ActivePartnershipFactory, ClosedPartnershipFactory
from tests.factories.agreements import AgreementFactory

pytestmark = pytest.mark.django_db


def test_both_ways_of_asking_find_the_same_partnerships():
    for status in AgreementStatus.values:  # a partnership whose only version is in each status
        AgreementFactory(status=status)
    signed_and_draft = ActivePartnershipFactory()
    AgreementFactory(partnership=signed_and_draft, status=AgreementStatus.SIGNED)
    AgreementFactory(partnership=signed_and_draft, status=AgreementStatus.DRAFT, version_number=2)
    none = ActivePartnershipFactory()
    ActivePartnershipFactory(partnership_type=PartnershipType.CONTRACTUAL)  # out of scope
    ClosedPartnershipFactory()  # not live

    listed = set(without_signed_agreement(Partnership.objects.all()).values_list("pk", flat=True))
    one_by_one = set(without_signed_agreement(Partnership.objects.all(), one_by_one=True).values_list("pk", flat=True))
    assert listed == one_by_one
    assert none.pk in listed and signed_and_draft.pk not in listed
    assert len(listed) == len(AgreementStatus.values)  # every status but signed, and the one with none
