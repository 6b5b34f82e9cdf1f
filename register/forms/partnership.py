from crispy_forms_gds.layout import Field, Layout, Size
from django import forms
from django.contrib.auth import get_user_model
from django.forms import BaseInlineFormSet, inlineformset_factory

from .. import roles
from ..choices import PartnershipType
from ..models import Organisation, Partnership, PartnershipMember
from .base import GovDateField, MoneyField, OnceOnlyMixin, PlainEnglishMixin, VersionedForm, gds_helper
from .layout import Fieldset


class OfficerChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, user):
        return user.get_full_name() or user.get_username()


def officers():
    return get_user_model().objects.filter(groups__name=roles.OFFICER, is_active=True).order_by("first_name")


class PartnershipForm(OnceOnlyMixin, VersionedForm):
    """Create or edit a partnership's details. Status moves through the lifecycle, not this form."""

    lead_officer = OfficerChoiceField(
        queryset=None, required=False, help_text="The council officer responsible for this partnership."
    )
    annual_contribution = MoneyField(label="Annual council contribution (£)")
    in_kind_value = MoneyField(label="In-kind contribution value (£)")
    confirm_duplicate = forms.BooleanField(
        label="Yes, add it: this is a different partnership", required=False, widget=forms.CheckboxInput
    )
    external_funding = MoneyField(
        label="External funding levered (£)", help_text="Money partners or funders bring in because of it."
    )
    income_to_council = MoneyField(label="Income to council (£)")
    start_date = GovDateField(label="Start date")
    end_date = GovDateField(label="End date", help_text="Leave blank if it has no fixed end. For example, 31 3 2028")
    next_review_due = GovDateField(
        label="Next review due", help_text="Set automatically when a review is completed. For example, 31 3 2027"
    )

    class Meta:
        model = Partnership
        fields = [
            "reference",
            "name",
            "purpose",
            "partnership_type",
            "out_of_scope_reason",
            "statutory_basis",
            "legal_form",
            "council_role",
            "directorate",
            "lead_officer",
            "lead_officer_name",
            "lead_officer_email",
            "lead_member",
            "annual_contribution",
            "in_kind_description",
            "in_kind_value",
            "external_funding",
            "income_to_council",
            "start_date",
            "end_date",
            "significance",
            "review_frequency",
            "next_review_due",
            "rag",
            "assurance",
            "exit_strategy",
            "notes",
        ]
        widgets = {
            "partnership_type": forms.RadioSelect,
            "purpose": forms.Textarea(attrs={"rows": 3}),
            "out_of_scope_reason": forms.Textarea(attrs={"rows": 2}),
            "exit_strategy": forms.Textarea(attrs={"rows": 3}),
            "notes": forms.Textarea(attrs={"rows": 3}),
        }
        error_messages = {
            "name": {"required": "Enter the partnership name"},
            "partnership_type": {"required": "Select the type of partnership"},
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["lead_officer"].queryset = officers()
        self.fields["partnership_type"].choices = PartnershipType.choices
        self.fields["reference"].required = False
        if self.instance.pk:
            self.fields["reference"].disabled = True
            self.fields["reference"].help_text = "The register reference cannot be changed."
        text = {"field_width": "one-half"}
        self.helper = gds_helper(
            Layout(
                Fieldset(
                    Field.text("reference", field_width=10),
                    Field.text("name"),
                    Field.textarea("purpose", rows=3),
                    Field.radios("partnership_type", legend_size=Size.SMALL),
                    Field.textarea("out_of_scope_reason", rows=2),
                    Field.text("statutory_basis"),
                    Field.select("legal_form"),
                    Field.select("council_role"),
                    legend="About the partnership",
                    legend_size=Size.MEDIUM,
                ),
                Fieldset(
                    Field.select("directorate"),
                    Field.select("lead_officer"),
                    Field.text("lead_officer_name", **text),
                    Field.text("lead_officer_email", **text),
                    Field.text("lead_member", **text),
                    legend="Who leads it",
                    legend_size=Size.MEDIUM,
                ),
                Fieldset(
                    "annual_contribution",
                    Field.text("in_kind_description"),
                    "in_kind_value",
                    "external_funding",
                    "income_to_council",
                    legend="Money",
                    legend_size=Size.MEDIUM,
                ),
                Fieldset(
                    "start_date",
                    "end_date",
                    Field.select("significance"),
                    Field.select("review_frequency"),
                    "next_review_due",
                    Field.select("rag"),
                    Field.select("assurance"),
                    Field.textarea("exit_strategy", rows=3),
                    Field.textarea("notes", rows=3),
                    legend="Dates, significance and review",
                    legend_size=Size.MEDIUM,
                ),
                "lock_version",
                *(["submission_token"] if "submission_token" in self.fields else []),
            )
        )

    def clean(self):
        cleaned = super().clean()
        start, end = cleaned.get("start_date"), cleaned.get("end_date")
        if start and end and end < start:
            self.add_error("end_date", "End date must be the same as or after the start date")
        if cleaned.get("partnership_type") == PartnershipType.CONTRACTUAL and not cleaned.get("out_of_scope_reason"):
            self.add_error("out_of_scope_reason", "Enter why this contractual arrangement is out of scope")
        if cleaned.get("partnership_type") == PartnershipType.STATUTORY and not cleaned.get("statutory_basis"):
            self.add_error("statutory_basis", "Enter the statutory basis of this statutory partnership")
        if not cleaned.get("lead_officer") and not cleaned.get("lead_officer_name"):
            self.add_error("lead_officer", "Select the lead officer, or enter their name if they have no login")
        self.check_for_a_likely_duplicate(cleaned)
        return cleaned

    def likely_duplicate(self, name, directorate):
        """An existing partnership of the same name (ignoring case and spaces) in the same directorate."""
        if self.instance.pk or not name:
            return None
        same_name = Partnership.objects.filter(name__iexact=" ".join(name.split()), directorate=directorate)
        return same_name.only("reference", "name").first()

    def check_for_a_likely_duplicate(self, cleaned):
        existing = self.likely_duplicate(cleaned.get("name"), cleaned.get("directorate"))
        if existing is None or cleaned.get("confirm_duplicate"):
            return
        where = f" in {cleaned['directorate']}" if cleaned.get("directorate") else ""
        self.add_error(
            "name",
            f"{existing.reference} {existing.name} is already on the register{where}. "
            "Open it instead, or confirm below that this is a different partnership",
        )
        self.helper.layout[0].fields.insert(2, Field.checkbox("confirm_duplicate", small=True))

    def clean_reference(self):
        reference = (self.cleaned_data.get("reference") or "").strip().upper()
        if reference and "/" in reference:
            raise forms.ValidationError("The reference can only contain letters, numbers and hyphens")
        return reference


class PartnerForm(PlainEnglishMixin, forms.ModelForm):
    """One partner: an existing organisation picked by name, or a new one typed in."""

    organisation_name = forms.CharField(
        label="Organisation",
        max_length=200,
        help_text="Start typing to pick an organisation already on the register, or enter a new one.",
        widget=forms.TextInput(attrs={"list": "organisations", "autocomplete": "off"}),
    )

    class Meta:
        model = PartnershipMember
        fields = ["organisation_name", "role", "contact_name", "contact_email", "contact_phone"]
        labels = {"contact_name": "Contact name", "contact_email": "Contact email", "contact_phone": "Contact phone"}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if self.instance.pk:
            self.fields["organisation_name"].initial = self.instance.organisation.name
        self.fields["organisation_name"].required = False
        self.helper = gds_helper(
            Layout(
                Field.text("organisation_name"),
                Field.select("role"),
                Field.text("contact_name", field_width="one-half"),
                Field.text("contact_email", field_width="one-half"),
                Field.text("contact_phone", field_width=20),
            )
        )
        self.helper.disable_csrf = True

    def has_changed(self):
        """A blank new row (perhaps with a role picked) is ignored rather than refused."""
        if self.instance.pk:
            return super().has_changed()
        typed = ("organisation_name", "contact_name", "contact_email", "contact_phone")
        return any(self.data.get(self.add_prefix(name), "").strip() for name in typed)

    def clean_organisation_name(self):
        return " ".join((self.cleaned_data.get("organisation_name") or "").split())

    def clean(self):
        cleaned = super().clean()
        if not cleaned.get("organisation_name") and not cleaned.get("DELETE"):
            self.add_error("organisation_name", "Enter the partner organisation's name")
        return cleaned

    def save(self, commit=True):
        organisation, _ = Organisation.objects.get_or_create_by_name(self.cleaned_data["organisation_name"])
        self.instance.organisation = organisation
        return super().save(commit)


class BasePartnerFormSet(BaseInlineFormSet):
    def clean(self):
        super().clean()
        seen = set()
        for form in self.forms:
            if not hasattr(form, "cleaned_data") or form.cleaned_data.get("DELETE"):
                continue
            name = (form.cleaned_data.get("organisation_name") or "").lower()
            if name and name in seen:
                form.add_error("organisation_name", f"{form.cleaned_data['organisation_name']} is listed twice")
            seen.add(name)


def partner_formset(extra):
    return inlineformset_factory(
        Partnership,
        PartnershipMember,
        form=PartnerForm,
        formset=BasePartnerFormSet,
        extra=extra,
        can_delete=True,
    )
