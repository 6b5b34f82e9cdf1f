"""The object-level rule for officers, and what each role may do (register/rules.py)."""

import pytest

from tests.factories import ActivePartnershipFactory, RiskEntryFactory, UserFactory

pytestmark = pytest.mark.django_db


def test_lead_officer_and_directorate_colleague_may_edit(officer, colleague, partnership):
    assert officer.has_perm("register.change_partnership", partnership)
    assert colleague.has_perm("register.change_partnership", partnership)


def test_officer_from_another_directorate_may_read_but_not_edit(outsider, partnership):
    assert outsider.has_perm("register.view_partnership")
    assert not outsider.has_perm("register.change_partnership", partnership)


def test_officer_leading_a_partnership_in_another_directorate_may_edit_it(outsider, other_directorate, directorate):
    led = ActivePartnershipFactory(lead_officer=outsider, directorate=directorate)
    assert outsider.has_perm("register.change_partnership", led)


def test_scrutiny_and_legal_read_everything_and_change_nothing(scrutiny, legal, partnership):
    for user in (scrutiny, legal):
        assert user.has_perm("register.view_partnership")
        assert not user.has_perm("register.add_partnership")
        assert not user.has_perm("register.change_partnership", partnership)
        assert not user.has_perm("register.import_toolkit")


def test_register_administrator_does_everything(admin_user, partnership):
    for perm in ("register.add_partnership", "register.delete_partnership", "register.import_toolkit"):
        assert admin_user.has_perm(perm)
    assert admin_user.has_perm("register.change_partnership", partnership)


def test_rules_apply_to_objects_belonging_to_a_partnership(officer, outsider, partnership):
    risk = RiskEntryFactory(partnership=partnership)
    assert officer.has_perm("register.manage_partnership", risk)
    assert not outsider.has_perm("register.manage_partnership", risk)


def test_a_user_with_no_role_sees_nothing(partnership):
    nobody = UserFactory()
    assert not nobody.has_perm("register.view_partnership")
    assert not nobody.has_perm("register.change_partnership", partnership)


def test_editable_by_matches_the_rule(officer, colleague, outsider, scrutiny, admin_user, partnership):
    other = ActivePartnershipFactory()
    from register.models import Partnership

    for user in (officer, colleague, outsider, scrutiny, admin_user):
        expected = {p.pk for p in (partnership, other) if user.has_perm("register.change_partnership", p)}
        assert (
            set(
                Partnership.objects.filter(pk__in=[partnership.pk, other.pk])
                .editable_by(user)
                .values_list("pk", flat=True)
            )
            == expected
        )
