"""Who may do what with an agreement, role by role (agreements/rules.py)."""

import pytest

from tests.factories import ApprovedAgreementFactory

pytestmark = pytest.mark.django_db

ROLES = ["officer", "colleague", "outsider", "scrutiny", "legal", "admin_user"]


@pytest.fixture
def approved(partnership):
    """An approved version (its PDF is not needed to decide permissions)."""
    return ApprovedAgreementFactory(partnership=partnership)


@pytest.mark.parametrize(
    ("role", "view", "change", "approve"),
    [
        ("officer", True, True, False),  # leads the partnership
        ("colleague", True, True, False),  # same directorate
        ("outsider", True, False, False),  # another directorate: reads, cannot draft
        ("scrutiny", False, False, False),  # drafts are not for the committee
        ("legal", True, True, True),
        ("admin_user", True, True, False),  # only Legal approve
    ],
)
def test_draft_permissions(request, draft, role, view, change, approve):
    user = request.getfixturevalue(role)
    assert user.has_perm("agreements.view_agreement", draft) is view
    assert user.has_perm("agreements.change_agreement", draft) is change
    assert user.has_perm("agreements.submit_agreement", draft) is change
    assert user.has_perm("agreements.approve_agreement", draft) is approve


@pytest.mark.parametrize("role", ROLES)
def test_nobody_may_change_an_approved_version_but_everyone_may_read_it(request, approved, role):
    user = request.getfixturevalue(role)
    assert user.has_perm("agreements.view_agreement", approved)
    assert not user.has_perm("agreements.change_agreement", approved)


@pytest.mark.parametrize(
    ("role", "allowed"),
    [("officer", True), ("colleague", True), ("outsider", False), ("scrutiny", False), ("legal", True)],
)
def test_who_may_start_an_agreement_and_record_signatures(request, approved, role, allowed):
    user = request.getfixturevalue(role)
    assert user.has_perm("agreements.add_agreement", approved.partnership) is allowed
    assert user.has_perm("agreements.sign_agreement", approved) is allowed


@pytest.mark.parametrize(
    ("role", "allowed"),
    [("officer", False), ("scrutiny", False), ("legal", True), ("admin_user", True)],
)
def test_only_legal_and_administrators_edit_the_standard_text(request, role, allowed):
    assert request.getfixturevalue(role).has_perm("agreements.change_standardclause") is allowed
