"""How a partnership's agreement versions appear in the API (nested in a partnership)."""

from rest_framework import serializers

from ..models import PartnershipAgreement


class AgreementStatusSerializer(serializers.ModelSerializer):
    class Meta:
        model = PartnershipAgreement
        fields = ["version_number", "status", "approved_at", "signed_on", "expires_on"]
        read_only_fields = fields


def visible_agreements(partnership, user):
    """The versions `user` may see (the scrutiny committee: only once legal have approved them)."""
    return [a for a in partnership.agreements.all() if user.has_perm("agreements.view_agreement", a)]
