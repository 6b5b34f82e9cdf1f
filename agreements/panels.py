"""The "Agreement" panel on the partnership page (registered in AgreementsConfig.ready)."""

from .models import IN_FORCE

VIEW = "agreements.view_agreement"


def agreement_panel_context(partnership, user):
    """The latest version this user may see, the version in force, and what they may do: one query."""
    every_version = list(partnership.agreements.all())
    for version in every_version:
        version.partnership = partnership  # the rules read it: no query per version
    versions = [version for version in every_version if user.has_perm(VIEW, version)]
    latest = versions[0] if versions else None
    return {
        "agreement": latest,
        "in_force": next((version for version in versions if version.status in IN_FORCE), None),
        "can_edit_agreement": latest is not None and user.has_perm("agreements.change_agreement", latest),
        "can_start": latest is None and not every_version and user.has_perm("agreements.add_agreement", partnership),
    }
