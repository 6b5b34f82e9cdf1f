"""How a partnership's agreement versions appear in the API (nested in a partnership)."""

from rest_framework import serializers

from ..models import PartnershipAgreement


def visible_agreements(versions, user):
    """The versions `user` may see (the scrutiny committee: only once legal have approved them)."""
    return [agreement for agreement in versions if user.has_perm("agreements.view_agreement", agreement)]


class VisibleAgreements(serializers.ListSerializer):
    """A partnership's agreement versions, newest first, that the requesting user may see."""

    def to_representation(self, data):
        return super().to_representation(visible_agreements(data.all(), self.context["request"].user))


class AgreementStatusSerializer(serializers.ModelSerializer):
    class Meta:
        model = PartnershipAgreement
        fields = ["version_number", "status", "approved_at", "signed_on", "expires_on"]
        read_only_fields = fields
        list_serializer_class = VisibleAgreements


def partnership_section():
    """The agreements nested in the API's partnership resource (register/api/sections.py)."""
    from register.api.sections import Section

    return Section(
        name="agreements",
        order=50,
        field=lambda: AgreementStatusSerializer(
            many=True, read_only=True, help_text="Agreement versions, newest first, with their status."
        ),
        prefetch=("agreements",),
    )
