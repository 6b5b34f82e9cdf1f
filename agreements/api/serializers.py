"""How a partnership's agreement versions appear in the API (nested in a partnership)."""

from django.db.models import Prefetch
from rest_framework import serializers

from ..models import PartnershipAgreement
from ..rules import visible_to


class AgreementStatusSerializer(serializers.ModelSerializer):
    class Meta:
        model = PartnershipAgreement
        fields = ["version_number", "status", "approved_at", "signed_on", "expires_on"]
        read_only_fields = fields


def visible_versions(request):
    """Each partnership's agreement versions, newest first, that the requesting user may read
    (`agreements.view_agreement`, decided in the prefetch's query rather than per version)."""
    return (Prefetch("agreements", queryset=visible_to(request.user, PartnershipAgreement.objects.all())),)


def partnership_section():
    """The agreements nested in the API's partnership resource (register/api/sections.py)."""
    from register.api.sections import Section

    return Section(
        name="agreements",
        order=50,
        field=lambda: AgreementStatusSerializer(
            many=True, read_only=True, help_text="Agreement versions, newest first, with their status."
        ),
        prefetch=visible_versions,
    )
