"""The agreements list decides who reads which version in the database, as the rule does per object.

`visible_to` lets the list page its rows in SQL (at 20,000 partnerships it read every version to
check each one); it must agree with `agreements.view_agreement` for every status and every role.
"""

import pytest
from django.contrib.auth.models import AnonymousUser

from agreements.models import AgreementStatus, PartnershipAgreement
from agreements.rules import visible_to
from agreements.views import VIEW
from tests.factories.agreements import AgreementFactory

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("role", ["officer", "outsider", "scrutiny", "legal", "admin_user", "approver"])
def test_the_list_shows_each_role_exactly_the_versions_the_rule_lets_them_read(request, role):
    user = request.getfixturevalue(role)
    agreements = [AgreementFactory(status=status) for status in AgreementStatus.values]
    allowed = {agreement.pk for agreement in agreements if user.has_perm(VIEW, agreement)}
    assert set(visible_to(user, PartnershipAgreement.objects.all()).values_list("pk", flat=True)) == allowed
    assert allowed  # every role reads some versions: the comparison is not empty on both sides


def test_people_without_a_role_read_none(db):
    AgreementFactory(status=AgreementStatus.SIGNED)
    assert not visible_to(AnonymousUser(), PartnershipAgreement.objects.all()).exists()
