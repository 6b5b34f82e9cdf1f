from crispy_forms_gds.layout import Field, Layout, Size
from django import forms

from ..choices import ClosureValue, ObjectivesAchieved, Significance
from ..models import (
    AgreementWaiver,
    CheckStatus,
    ClosureEvaluation,
    CorporatePriority,
    DueDiligenceCheck,
    Partnership,
    PartnershipMember,
)
from .base import GovDateField, MoneyField, PlainEnglishMixin, VersionedForm, gds_helper


class ClosureEvaluationForm(VersionedForm):
    """The final evaluation: every question answered before the partnership may close."""

    class Meta:
        model = ClosureEvaluation
        fields = ClosureEvaluation.REQUIRED
        widgets = {"objectives_achieved": forms.RadioSelect, "value_for_money": forms.RadioSelect}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["objectives_achieved"].choices = ObjectivesAchieved.choices
        self.fields["value_for_money"].choices = ClosureValue.choices
        for name in ClosureEvaluation.REQUIRED:
            self.fields[name].required = True
        self.fields["objectives_achieved"].error_messages["required"] = "Select whether the objectives were achieved"
        self.fields["value_for_money"].error_messages["required"] = "Select the value for money"
        texts = [name for name in ClosureEvaluation.REQUIRED if name not in ("objectives_achieved", "value_for_money")]
        self.helper = gds_helper(
            Layout(
                Field.radios("objectives_achieved", small=True, legend_size=Size.MEDIUM),
                Field.textarea("objectives_summary", rows=3),
                Field.radios("value_for_money", small=True, legend_size=Size.MEDIUM),
                *[Field.textarea(name, rows=3) for name in texts if name != "objectives_summary"],
                "lock_version",
            )
        )


class AgreementWaiverForm(PlainEnglishMixin, forms.ModelForm):
    class Meta:
        model = AgreementWaiver
        fields = ["reason"]
        labels = {"reason": "Why may the partnership start without an approved or signed agreement?"}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["reason"].error_messages["required"] = "Enter why the agreement is waived"
        self.helper = gds_helper(Layout(Field.textarea("reason", rows=4)))


class ContributionForm(PlainEnglishMixin, forms.ModelForm):
    """One partner's contribution, responsibilities and signatory."""

    annual_contribution = MoneyField(label="Annual contribution (optional)", help_text="Pounds a year, e.g. 12,500")
    one_off_contribution = MoneyField(label="One-off contribution (optional)", help_text="Pounds, paid once")
    in_kind_value = MoneyField(label="Value of the in-kind contribution (optional)", help_text="Pounds a year")

    class Meta:
        model = PartnershipMember
        fields = PartnershipMember.CONTRIBUTION_FIELDS
        labels = {
            "in_kind_description": "In-kind contribution (optional)",
            "responsibilities": "Responsibilities (optional)",
            "signatory_name": "Signatory (optional)",
            "signatory_title": "Signatory's job title (optional)",
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.helper = gds_helper(
            Layout(
                Field.text("annual_contribution", field_width=10),
                Field.text("one_off_contribution", field_width=10),
                Field.text("in_kind_description", field_width="two-thirds"),
                Field.text("in_kind_value", field_width=10),
                Field.textarea("responsibilities", rows=4),
                Field.text("signatory_name", field_width="two-thirds"),
                Field.text("signatory_title", field_width="two-thirds"),
            )
        )


class SignificanceForm(VersionedForm):
    """The screening answers the criteria need, and an override of the scored level with a reason."""

    serious_if_failed = forms.TypedChoiceField(
        label="Would failure seriously harm services or the council's reputation?",
        choices=[("True", "Yes"), ("False", "No")],
        coerce=lambda value: value == "True",
        widget=forms.RadioSelect,
        required=False,
    )
    override = forms.ChoiceField(
        label="Significance",
        choices=[("", "Use the level the criteria give"), *Significance.choices],
        widget=forms.RadioSelect,
        required=False,
        help_text="Choose another level only with a reason: overrides are shown to the committee.",
    )

    class Meta:
        model = Partnership
        fields = ["serious_if_failed", "priorities", "significance_override_reason"]
        widgets = {"priorities": forms.CheckboxSelectMultiple}
        labels = {"priorities": "Corporate priorities it delivers (optional)"}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["priorities"].queryset = CorporatePriority.objects.filter(active=True)
        self.fields["significance_override_reason"].label = "Why override the scored level?"
        if self.instance.significance_overridden:
            self.fields["override"].initial = self.instance.significance
        self.helper = gds_helper(
            Layout(
                Field.radios("serious_if_failed", small=True, inline=True, legend_size=Size.SMALL),
                Field.checkboxes("priorities", small=True, legend_size=Size.SMALL),
                Field.radios("override", small=True, legend_size=Size.SMALL),
                Field.textarea("significance_override_reason", rows=3),
                "lock_version",
            )
        )

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("override") and not cleaned.get("significance_override_reason", "").strip():
            self.add_error("significance_override_reason", "Enter why the scored level is overridden")
        return cleaned


class DueDiligenceCheckForm(PlainEnglishMixin, forms.ModelForm):
    checked_on = GovDateField(label="Date (optional)")

    class Meta:
        model = DueDiligenceCheck
        fields = ["status", "checked_on", "note", "evidence"]
        widgets = {"status": forms.RadioSelect}
        labels = {"note": "Note (optional)", "evidence": "Evidence file (optional)"}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["status"].choices = CheckStatus.choices
        self.helper = gds_helper(
            Layout(
                Field.radios("status", small=True, legend_size=Size.SMALL),
                "checked_on",
                Field.textarea("note", rows=3),
                Field("evidence"),
            )
        )


class ScopeScreeningForm(forms.Form):
    """Yes or no to every scope screening question."""

    def __init__(self, *args, questions, answers, **kwargs):
        super().__init__(*args, **kwargs)
        self.questions = questions
        for question in questions:
            self.fields[f"q{question.pk}"] = forms.TypedChoiceField(
                label=question.text,
                help_text=question.guidance,
                choices=[("True", "Yes"), ("False", "No")],
                coerce=lambda value: value == "True",
                widget=forms.RadioSelect,
                initial=str(answers[question.pk]) if question.pk in answers else None,
                error_messages={"required": "Answer yes or no"},
            )
        self.helper = gds_helper(
            Layout(
                *[
                    Field.radios(f"q{question.pk}", small=True, inline=True, legend_size=Size.SMALL)
                    for question in questions
                ]
            )
        )

    def answers(self):
        return [(question, self.cleaned_data[f"q{question.pk}"]) for question in self.questions]
