from crispy_forms_gds.layout import Field, Layout, Size
from django import forms
from simple_history.utils import bulk_create_with_history

from register.forms import Fieldset, Fragment, GovDateField, PlainEnglishMixin, VersionedForm, gds_helper
from register.models import Organisation

from .models import (
    Decision,
    DecisionMaker,
    HealthCheckResponse,
    HealthCheckScore,
    HealthPrinciple,
    PartnershipAssessment,
)

AGREEMENT_SCALE = [(4, "Strongly agree"), (3, "Agree"), (2, "Disagree"), (1, "Strongly disagree")]


class AssessmentForm(VersionedForm):
    """The case for a partnership and the fact-finding checklist; the decision has its own page."""

    class Meta:
        model = PartnershipAssessment
        fields = [
            "issue_or_opportunity",
            "why_partnership",
            "alternatives_considered",
            "legal_basis",
            "spend_and_inputs",
            "management_and_accountability",
            "risk_sensitivity",
            "swot_strengths",
            "swot_weaknesses",
            "swot_opportunities",
            "swot_threats",
            "evidence_of_impact",
            "recommendation",
        ]
        error_messages = {
            "issue_or_opportunity": {"required": "Describe the issue or opportunity the partnership would address"},
            "why_partnership": {"required": "Explain why a partnership is the best route"},
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        area = {"rows": 3}
        self.helper = gds_helper(
            Layout(
                Fieldset(
                    Field.textarea("issue_or_opportunity", **area),
                    Field.textarea("why_partnership", **area),
                    Field.textarea("alternatives_considered", **area),
                    legend="Why a partnership",
                    legend_size=Size.MEDIUM,
                ),
                Fieldset(
                    Field.textarea("legal_basis", **area),
                    Field.textarea("spend_and_inputs", **area),
                    Field.textarea("management_and_accountability", **area),
                    Field.textarea("risk_sensitivity", **area),
                    Field.textarea("swot_strengths", **area),
                    Field.textarea("swot_weaknesses", **area),
                    Field.textarea("swot_opportunities", **area),
                    Field.textarea("swot_threats", **area),
                    Field.textarea("evidence_of_impact", **area),
                    legend="Fact-finding checklist",
                    legend_size=Size.MEDIUM,
                ),
                Field.textarea("recommendation", rows=4),
                "lock_version",
            )
        )


class DecisionForm(VersionedForm):
    """The decision record: what was decided, by whom, when, and where it is minuted."""

    decision_date = GovDateField(label="Date of decision")

    class Meta:
        model = PartnershipAssessment
        fields = ["decision", "decision_body", "decision_maker", "decision_date", "decision_reference"]
        widgets = {"decision": forms.RadioSelect, "decision_body": forms.RadioSelect}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["decision"].choices = Decision.choices
        self.fields["decision_body"].choices = DecisionMaker.choices
        self.fields["decision_maker"].label = "Name or title (optional)"
        self.helper = gds_helper(
            Layout(
                Field.radios("decision", small=True, legend_size=Size.MEDIUM),
                Field.radios("decision_body", small=True, legend_size=Size.MEDIUM),
                Field.text("decision_maker", field_width="two-thirds"),
                "decision_date",
                Field.text("decision_reference", field_width="two-thirds"),
                "lock_version",
            )
        )

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("decision") in (None, "", Decision.PENDING):
            return cleaned
        if not cleaned.get("decision_body"):
            self.add_error("decision_body", "Select who made the decision")
        if not cleaned.get("decision_date") and "decision_date" not in self.errors:
            self.add_error("decision_date", "Enter the date of the decision")
        if not cleaned.get("decision_reference", "").strip():
            self.add_error("decision_reference", "Enter the minute or decision reference")
        return cleaned


STATEMENT_TEMPLATE = "assessments/includes/statement_radios.html"  # GOV.UK inline radios, a lean template


def statement_field_name(statement):
    return f"statement_{statement.pk}"


class HealthCheckForm(PlainEnglishMixin, forms.ModelForm):
    """One respondent's health check: every statement scored 1 to 4, grouped by principle."""

    completed_on = GovDateField(label="Date completed", required=True)

    class Meta:
        model = HealthCheckResponse
        fields = ["respondent_name", "organisation", "completed_on", "comments"]
        labels = {"respondent_name": "Respondent's name", "organisation": "Answering for"}
        error_messages = {"respondent_name": {"required": "Enter the name of the person who answered"}}
        widgets = {"comments": forms.Textarea(attrs={"rows": 3})}

    def __init__(self, *args, partnership, **kwargs):
        super().__init__(*args, **kwargs)
        self.partnership = partnership
        self.fields["organisation"].queryset = Organisation.objects.filter(memberships__partnership=partnership)
        self.fields["organisation"].empty_label = "The council"
        self.fields["organisation"].help_text = "The partner they answered for."
        self.principles = list(HealthPrinciple.objects.prefetch_related("statements"))
        groups = []
        for principle in self.principles:
            names = []
            for statement in principle.statements.all():
                name = statement_field_name(statement)
                self.fields[name] = forms.TypedChoiceField(
                    label=statement.text,
                    choices=AGREEMENT_SCALE,
                    coerce=int,
                    widget=forms.RadioSelect,
                    error_messages={
                        "required": f"Choose how far you agree with statement {principle.number}.{statement.number}"
                    },
                )
                names.append(Field(name, template=STATEMENT_TEMPLATE))
            groups.append(
                Fieldset(
                    Fragment("assessments/includes/principle_hint.html", principle=principle),
                    *names,
                    legend=f"Principle {principle.number}: {principle.title}",
                    legend_size=Size.MEDIUM,
                )
            )
        self.helper = gds_helper(
            Layout(
                Field.text("respondent_name", field_width="one-half"),
                Field.select("organisation"),
                "completed_on",
                *groups,
                Field.textarea("comments", rows=3),
            )
        )

    def save(self, commit=True):
        response = super().save(commit=False)
        response.partnership = self.partnership
        response.save()
        bulk_create_with_history(
            [
                HealthCheckScore(
                    response=response,
                    principle=principle,
                    statement=statement,
                    score=self.cleaned_data[statement_field_name(statement)],
                )
                for principle in self.principles
                for statement in principle.statements.all()
            ],
            HealthCheckScore,
        )
        return response
