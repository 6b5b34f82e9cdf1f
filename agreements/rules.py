"""Who may do what with partnership agreements (django-rules).

Object rules receive an agreement version, except `agreements.add_agreement`, which receives the
partnership an agreement would be started for.
"""

import rules

from register.rules import can_manage_partnership, has_role, is_legal, is_register_admin, is_scrutiny

from .models import ISSUED, AgreementStatus, PartnershipAgreement


@rules.predicate
def is_draft(user, agreement):
    return agreement is not None and agreement.status == AgreementStatus.DRAFT


@rules.predicate
def is_submitted(user, agreement):
    return agreement is not None and agreement.status == AgreementStatus.SUBMITTED


@rules.predicate
def is_approved(user, agreement):
    return agreement is not None and agreement.status == AgreementStatus.APPROVED


@rules.predicate
def is_in_force(user, agreement):
    return agreement is not None and agreement.status in (AgreementStatus.APPROVED, AgreementStatus.SIGNED)


@rules.predicate
def is_issued(user, agreement):
    """Approved at some point (approved, signed or superseded). Without a version (no object, or the
    partnership whose agreement page lists only what the user may see), any version."""
    if not isinstance(agreement, PartnershipAgreement):
        return True
    return agreement.is_issued


drafters = can_manage_partnership | is_legal | is_register_admin

# Reading: anyone with a role; the scrutiny committee sees versions once legal have approved them.
rules.add_perm("agreements.view_agreement", (has_role & ~is_scrutiny) | (is_scrutiny & is_issued))


def visible_to(user, agreements):
    """The versions among `agreements` that `user` may read, as a query: `agreements.view_agreement`
    (above) decided in the database, so a list reads only the rows of the page shown.
    tests/agreements/test_list_visibility.py checks it against the rule for every status and role."""
    if not user.has_perm("agreements.view_agreement"):
        return agreements.none()
    if is_scrutiny(user):
        return agreements.filter(status__in=ISSUED)
    return agreements


# Starting an agreement (or a new version of it) for a partnership.
rules.add_perm("agreements.add_agreement", drafters)
# Editing a version's text and sending it to legal: drafts only.
rules.add_perm("agreements.change_agreement", is_draft & drafters)
rules.add_perm("agreements.submit_agreement", is_draft & drafters)
# Approving, or sending back for changes: Legal only.
rules.add_perm("agreements.approve_agreement", is_legal)
rules.add_perm("agreements.return_agreement", is_legal & is_submitted)
# Recording who signed, and when: an approved version, by legal or the partnership's officers.
rules.add_perm("agreements.sign_agreement", is_approved & drafters)
# Marking the agreement in force as terminated or expired (before the partnership closes).
rules.add_perm("agreements.end_agreement", is_in_force & drafters)
# The standard wording every new agreement starts from.
rules.add_perm("agreements.change_standardclause", is_legal | is_register_admin)
rules.add_perm("agreements.view_standardclause", has_role)
