from crispy_forms_gds.layout import Field, Layout, Size
from django import forms

from ..models import RiskEntry
from .base import GovDateField, VersionedForm, gds_helper
from .layout import Fieldset

SCALE_CHOICES = [
    (1, "1 - rare or negligible"),
    (2, "2 - unlikely or minor"),
    (3, "3 - possible or moderate"),
    (4, "4 - likely or major"),
    (5, "5 - almost certain or severe"),
]


class RiskForm(VersionedForm):
    review_date = GovDateField(label="Risk review date", help_text="When this risk will next be looked at again.")

    class Meta:
        model = RiskEntry
        fields = [
            "risk_id",
            "description",
            "category",
            "owner",
            "likelihood",
            "impact",
            "controls",
            "residual_likelihood",
            "residual_impact",
            "review_date",
            "status",
            "corporate_risk_ref",
        ]
        widgets = {
            "description": forms.Textarea(attrs={"rows": 3}),
            "controls": forms.Textarea(attrs={"rows": 3}),
            "likelihood": forms.RadioSelect,
            "impact": forms.RadioSelect,
            "residual_likelihood": forms.RadioSelect,
            "residual_impact": forms.RadioSelect,
            "status": forms.RadioSelect,
        }
        error_messages = {
            "description": {"required": "Describe the risk"},
            "owner": {"required": "Enter the name of the risk owner"},
            "likelihood": {"required": "Select how likely the risk is before controls"},
            "impact": {"required": "Select the impact before controls"},
        }

    def __init__(self, *args, partnership=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.partnership = partnership
        self.fields["risk_id"].required = False
        self.fields["risk_id"].help_text = "Leave blank to be given the next number, such as R3."
        for name in ("likelihood", "impact"):
            self.fields[name].choices = SCALE_CHOICES
        for name in ("residual_likelihood", "residual_impact"):
            self.fields[name].choices = [("", "Not assessed yet"), *SCALE_CHOICES]
        self.fields["status"].choices = [c for c in self.fields["status"].choices if c[0]]
        self.helper = gds_helper(
            Layout(
                Field.text("risk_id", field_width=5),
                Field.textarea("description", rows=3),
                Field.select("category"),
                Field.text("owner", field_width="one-half"),
                Fieldset(
                    Field.radios("likelihood", small=True),
                    Field.radios("impact", small=True),
                    legend="Before controls (inherent risk)",
                    legend_size=Size.MEDIUM,
                ),
                Field.textarea("controls", rows=3),
                Fieldset(
                    Field.radios("residual_likelihood", small=True),
                    Field.radios("residual_impact", small=True),
                    legend="After controls (residual risk)",
                    legend_size=Size.MEDIUM,
                ),
                "review_date",
                Field.radios("status", small=True),
                Field.text("corporate_risk_ref", field_width=10),
                "lock_version",
            )
        )

    def clean_risk_id(self):
        risk_id = (self.cleaned_data.get("risk_id") or "").strip().upper()
        if risk_id and self.partnership is not None:
            clash = self.partnership.risks.filter(risk_id=risk_id).exclude(pk=self.instance.pk)
            if clash.exists():
                raise forms.ValidationError(f"This partnership already has a risk {risk_id}")
        return risk_id

    def clean(self):
        cleaned = super().clean()
        likelihood, impact = cleaned.get("residual_likelihood"), cleaned.get("residual_impact")
        if bool(likelihood) != bool(impact):
            missing = "residual_impact" if likelihood else "residual_likelihood"
            self.add_error(missing, "Select both residual likelihood and residual impact, or neither")
        return cleaned
