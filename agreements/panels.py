"""The "Agreement" panel on the partnership page (registered in AgreementsConfig.ready)."""

from .models import IN_FORCE

VIEW = "agreements.view_agreement"


def agreement_panel_context(partnership, user):
    """The latest version this user may see, the version in force, and what they may do: one query."""
    versions = [version for version in partnership.agreements.all() if user.has_perm(VIEW, version)]
    for version in versions:
        version.partnership = partnership
    latest = versions[0] if versions else None
    return {
        "agreement": latest,
        "in_force": next((version for version in versions if version.status in IN_FORCE), None),
        "can_edit_agreement": latest is not None and user.has_perm("agreements.change_agreement", latest),
        "can_start": latest is None
        and not partnership.agreements.exists()
        and user.has_perm("agreements.add_agreement", partnership),
    }
