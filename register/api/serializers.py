"""How partnerships appear in, and are written through, the API."""

from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from ..choices import PartnershipType, Status
from ..forms.partnership import officers
from ..models import Directorate, Partnership, PartnershipMember, RiskEntry
from .sections import sections


class PartnerSerializer(serializers.ModelSerializer):
    organisation = serializers.CharField(source="organisation.name")

    class Meta:
        model = PartnershipMember
        fields = ["organisation", "role"]
        read_only_fields = fields


class RiskSerializer(serializers.ModelSerializer):
    class Meta:
        model = RiskEntry
        fields = [
            *("risk_id", "description", "category", "owner", "likelihood", "impact", "inherent_score"),
            *("controls", "residual_likelihood", "residual_impact", "residual_score", "review_date", "status"),
        ]
        read_only_fields = fields


class OfficerField(serializers.PrimaryKeyRelatedField):
    """The lead officer, by user id; shown with their name."""

    def get_queryset(self):
        return officers()

    def use_pk_only_optimization(self):
        return False

    def to_representation(self, user):
        return {"id": user.pk, "name": user.get_full_name() or user.get_username()}


class DirectorateField(serializers.PrimaryKeyRelatedField):
    def use_pk_only_optimization(self):
        return False

    def to_representation(self, directorate):
        return {"id": directorate.pk, "name": directorate.name}


WRITABLE = [
    *("name", "purpose", "partnership_type", "out_of_scope_reason", "statutory_basis", "legal_form"),
    *("council_role", "directorate", "lead_officer", "lead_officer_name", "lead_officer_email", "lead_member"),
    *("annual_contribution", "in_kind_description", "in_kind_value", "external_funding", "income_to_council"),
    *("start_date", "end_date", "significance", "review_frequency", "next_review_due", "rag", "assurance"),
    *("exit_strategy", "notes"),
]


class PartnershipSerializer(serializers.ModelSerializer):
    url = serializers.HyperlinkedIdentityField(view_name="api:partnership-detail", lookup_field="reference")
    directorate = DirectorateField(queryset=Directorate.objects.all())
    lead_officer = OfficerField(required=False, allow_null=True)
    partners = PartnerSerializer(source="memberships", many=True, read_only=True)
    risks = RiskSerializer(many=True, read_only=True)
    allowed_transitions = serializers.SerializerMethodField(help_text="Statuses this partnership may move to next.")
    lock_version = serializers.IntegerField(
        required=False,
        help_text="Send back the lock_version you read when you change a partnership: if someone else "
        "changed it since, the change is refused (409) instead of overwriting theirs.",
    )

    class Meta:
        model = Partnership
        fields = [
            "url",
            "reference",
            *WRITABLE,
            *("status", "last_review", "created_at", "updated_at", "lock_version", "allowed_transitions"),
            *("partners", "risks"),
        ]
        read_only_fields = ["reference", "status", "last_review", "created_at", "updated_at"]

    def get_fields(self):
        """The partnership's own fields, then the records other apps nest in it (api/sections.py)."""
        fields = super().get_fields()
        for section in sections():
            fields[section.name] = section.field()
        return fields

    @extend_schema_field(serializers.ListField(child=serializers.ChoiceField(choices=Status.choices)))
    def get_allowed_transitions(self, partnership):
        return [str(status) for status in partnership.allowed_transitions()]

    def validate(self, attrs):
        """The same checks as the web form (register/forms/partnership.py)."""
        merged = {field: getattr(self.instance, field, None) for field in WRITABLE} if self.instance else {}
        merged.update(attrs)
        errors = {}
        start, end = merged.get("start_date"), merged.get("end_date")
        if start and end and end < start:
            errors["end_date"] = "End date must be the same as or after the start date"
        if merged.get("partnership_type") == PartnershipType.CONTRACTUAL and not merged.get("out_of_scope_reason"):
            errors["out_of_scope_reason"] = "Enter why this contractual arrangement is out of scope"
        if attrs.get("lead_officer") and attrs.get("lead_officer_name"):
            errors["lead_officer"] = (
                "Give either lead_officer (someone with an account) or lead_officer_name "
                "(someone without one), not both"
            )
        elif attrs.get("lead_officer"):  # as on the web form: choosing one kind of lead officer clears the other
            attrs["lead_officer_name"], attrs["lead_officer_email"] = "", ""
        elif attrs.get("lead_officer_name"):
            attrs["lead_officer"] = None
        elif not merged.get("lead_officer") and not merged.get("lead_officer_name"):
            errors["lead_officer"] = "Select the lead officer, or enter their name if they have no login"
        if self.instance is not None and "lock_version" not in attrs:
            errors["lock_version"] = "Send the lock_version you read, so nobody's change is overwritten"
        if errors:
            raise serializers.ValidationError(errors)
        return attrs


class TransitionSerializer(serializers.Serializer):
    to_status = serializers.ChoiceField(choices=Status.choices)
    note = serializers.CharField(required=False, allow_blank=True, default="", max_length=2000)
    lock_version = serializers.IntegerField(required=False, help_text="The lock_version you read (recommended).")


class TransitionRefusedSerializer(serializers.Serializer):
    reasons = serializers.ListField(child=serializers.CharField())
