from crispy_forms_gds.layout import Field, Layout, Size
from django import forms

from register.forms import Fieldset, GovDateField, PlainEnglishMixin, VersionedForm, gds_helper

from .models import PartnershipAgreement, Section, StandardClause

# What the PDF adds under each section from the register, so officers do not retype it.
REGISTER_ADDS = {
    Section.PARTIES: "The partners table is added from the register.",
    Section.AIMS: "The partnership's purpose and objectives are added from the register.",
    Section.MILESTONES: "The start, end and review dates are added from the register.",
    Section.LEGAL_STATUS: "Whether the agreement is legally binding is added from the partnership's legal form.",
    Section.RISK: "The open risks, with their scores, are added from the risk register.",
    Section.GOVERNANCE: "The lead officer, lead councillor and directorate are added from the register.",
    Section.FINANCE: "The contributions are added from the register.",
}


class AgreementForm(VersionedForm):
    """The text of a draft version, one box per section."""

    effective_from = GovDateField(label="Effective from", help_text="Leave blank to use the date legal approve it.")
    expires_on = GovDateField(
        label="Ends or due for renewal",
        help_text="Leave blank to use the partnership's end date. For example, 31 3 2028",
    )

    class Meta:
        model = PartnershipAgreement
        fields = ["title", "effective_from", "expires_on", *(section.value for section in Section)]
        widgets = {section.value: forms.Textarea(attrs={"rows": 8}) for section in Section}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        guidance = dict(StandardClause.objects.values_list("section", "guidance"))
        for number, section in enumerate(Section, start=1):
            field = self.fields[section.value]
            field.label = f"{number}. {section.label}"
            field.help_text = " ".join(filter(None, [guidance.get(section.value), REGISTER_ADDS.get(section)]))
        self.fields["title"].help_text = f"Leave blank to use the partnership's name: {self.instance.partnership.name}"
        self.helper = gds_helper(
            Layout(
                Fieldset(
                    Field.text("title"),
                    Field("effective_from"),
                    Field("expires_on"),
                    legend="About this version",
                    legend_size=Size.MEDIUM,
                ),
                Fieldset(
                    *(Field.textarea(section.value, label_size=Size.SMALL) for section in Section),
                    legend="Sections",
                    legend_size=Size.MEDIUM,
                ),
                "lock_version",
            )
        )


class StandardClauseForm(VersionedForm):
    class Meta:
        model = StandardClause
        fields = ["standard_text", "guidance"]
        labels = {"standard_text": "Standard text", "guidance": "Guidance for officers"}
        widgets = {"standard_text": forms.Textarea(attrs={"rows": 14}), "guidance": forms.Textarea(attrs={"rows": 4})}
        error_messages = {"standard_text": {"required": "Enter the standard text for this section"}}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.helper = gds_helper(Layout(Field.textarea("standard_text"), Field.textarea("guidance"), "lock_version"))


class SignatureForm(PlainEnglishMixin, forms.Form):
    """Who signed for one party, and when. A name without a date records who will sign."""

    name = forms.CharField(label="Name", max_length=120, required=False)
    job_title = forms.CharField(label="Job title", max_length=120, required=False)
    signed_on = GovDateField(label="Date signed")

    def __init__(self, *args, party, party_name, **kwargs):
        super().__init__(*args, **kwargs)
        self.party, self.party_name = party, party_name
        self.helper = gds_helper(
            Layout(
                Fieldset(
                    Field.text("name"),
                    Field.text("job_title"),
                    Field("signed_on"),
                    legend=f"Signed for {party_name}",
                    legend_size=Size.MEDIUM,
                )
            )
        )

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("signed_on") and not cleaned.get("name"):
            self.add_error("name", f"Enter the name of the person who signed for {self.party_name}")
        return cleaned

    def entry(self):
        """(organisation, name, job title, date) for PartnershipAgreement.record_signatures, or None if empty."""
        data = self.cleaned_data
        if not data.get("name"):
            return None
        return (self.party, data["name"], data.get("job_title", ""), data.get("signed_on"))


class CompareForm(forms.Form):
    """Choose two versions to see side by side."""

    old = forms.TypedChoiceField(label="Earlier version", coerce=int)
    new = forms.TypedChoiceField(label="Later version", coerce=int)

    def __init__(self, *args, versions, **kwargs):
        super().__init__(*args, **kwargs)
        choices = [(number, f"Version {number}") for number in versions]
        self.fields["old"].choices = self.fields["new"].choices = choices
        self.helper = gds_helper(Layout(Field("old"), Field("new")))
