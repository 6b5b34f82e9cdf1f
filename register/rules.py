"""Who may do what: every permission in the register is decided here (django-rules).

Read `rules.add_perm(name, predicate)` as "the permission `name` is granted when `predicate` holds".
Object-level rules receive the partnership (or an object that belongs to one).
"""

import rules

from . import roles

is_officer = rules.is_group_member(roles.OFFICER)
is_scrutiny = rules.is_group_member(roles.SCRUTINY)
is_legal = rules.is_group_member(roles.LEGAL)
is_register_admin = rules.is_group_member(roles.REGISTER_ADMIN) | rules.is_superuser
is_approver = rules.is_group_member(roles.APPROVER)
has_role = is_officer | is_scrutiny | is_legal | is_register_admin | is_approver


def partnership_of(obj):
    """The partnership an object belongs to (the object itself for a partnership)."""
    return getattr(obj, "partnership", obj)


@rules.predicate
def leads(user, obj):
    partnership = partnership_of(obj)
    return partnership is not None and partnership.lead_officer_id == user.pk


@rules.predicate
def in_same_directorate(user, obj):
    partnership = partnership_of(obj)
    profile = getattr(user, "staff_profile", None)
    return (
        partnership is not None
        and profile is not None
        and profile.directorate_id is not None
        and partnership.directorate_id == profile.directorate_id
    )


@rules.predicate
def has_ended(user, obj):
    """Closed or rejected: the record is kept as it stands, and only administrators change it."""
    from .lifecycle import ENDED

    partnership = partnership_of(obj)
    return partnership is not None and partnership.status in ENDED


can_manage_partnership = is_register_admin | (is_officer & (leads | in_same_directorate) & ~has_ended)
# Approving a partnership (and waiving its agreement): separation of duties, so never its lead officer.
can_approve_partnership = (is_approver | is_register_admin) & ~leads

# Reading: anyone with a role.
rules.add_perm("register.view_partnership", has_role)
# Creating a partnership: officers and administrators.
rules.add_perm("register.add_partnership", is_officer | is_register_admin)
# Editing a partnership and everything that belongs to it (partners, risks, assessment,
# health checks, objectives, reviews, lessons, lifecycle moves).
rules.add_perm("register.change_partnership", can_manage_partnership)
rules.add_perm("register.manage_partnership", can_manage_partnership)
rules.add_perm("register.delete_partnership", is_register_admin)
rules.add_perm("register.approve_partnership", can_approve_partnership)
rules.add_perm("register.import_toolkit", is_register_admin)
rules.add_perm("register.export_toolkit", has_role)
# The register-wide audit log of every change: administrators.
rules.add_perm("register.view_audit_log", is_register_admin)
rules.add_perm("register.view_register_health", is_register_admin)  # imports, data quality, rounds


@rules.predicate
def owns(user, obj):
    return obj is not None and obj.owner_id == user.pk


# Saved views of the register list: anyone who reads the register keeps their own; only the owner deletes one.
rules.add_perm("register.add_savedview", has_role)
rules.add_perm("register.delete_savedview", has_role & owns)

# The partner directory: everyone who reads the register; merging duplicate partners: administrators.
rules.add_perm("register.view_organisation", has_role)
rules.add_perm("register.merge_organisation", is_register_admin)
