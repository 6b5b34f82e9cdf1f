"""Forms of the assurance round. Question and objective text are labels (escaped), never layout."""

import re

from crispy_forms.layout import LayoutObject
from crispy_forms.utils import TEMPLATE_PACK
from crispy_forms_gds.layout import ConditionalQuestion, ConditionalRadios, Field, Layout, Size
from django import forms
from django.template.loader import render_to_string
from django.utils.html import escape

from assessments.forms import HealthCheckForm, statement_field_name
from register.choices import AssuranceRating
from register.forms import Fieldset, GovDateField, OnceOnlyMixin, PlainEnglishMixin, VersionedForm, gds_helper
from register.models import Partnership, PartnershipMember

from .models import AnswerKind, AssuranceReturn, AssuranceRound, QuestionSection, RemedialAction
from .rounds import default_partnerships

YES_NO = [("yes", "Yes"), ("no", "No")]


def split_references(text):
    """The references typed or pasted into a box: one per line, or separated by commas or spaces."""
    return list(dict.fromkeys(reference for reference in re.split(r"[\s,;]+", text) if reference))


class RoundForm(OnceOnlyMixin, PlainEnglishMixin, forms.ModelForm):
    """Who is in a new round is a rule, not 12,000 checkboxes: every live partnership of high or medium
    significance (leaving out any the administrator lists), or only those they list by reference. The
    page does the same small work however big the register is: one count, and one query to check
    the references typed."""

    EVERY, LISTED = "every", "listed"
    deadline = GovDateField(label="Deadline for returns", required=True)
    which = forms.ChoiceField(
        label="Which partnerships are in the round?",
        widget=forms.RadioSelect,
        initial=EVERY,
        error_messages={"required": "Select which partnerships are in the round"},
    )
    leave_out = forms.CharField(
        label="Leave out (optional)",
        help_text="References of partnerships to leave out, such as NCC-0042, one per line.",
        widget=forms.Textarea(attrs={"rows": 3}),
        required=False,
    )
    references = forms.CharField(
        label="Partnership references",
        help_text="Any live partnership in the register, such as NCC-0042, one per line.",
        widget=forms.Textarea(attrs={"rows": 5}),
        required=False,
    )

    class Meta:
        model = AssuranceRound
        fields = ["name", "deadline", "reminder_days"]
        labels = {"name": "Round name", "reminder_days": "Remind lead officers this many days before the deadline"}
        error_messages = {"name": {"unique": "There is already a round with this name"}}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["references"].conditionally_required = True
        self.fields["which"].choices = [
            (self.EVERY, f"Every live partnership of high or medium significance ({default_partnerships().count():,})"),
            (self.LISTED, "Only the partnerships I list"),
        ]
        self.helper = gds_helper(
            Layout(
                Field.text("name", field_width=10),
                "deadline",
                Field.text("reminder_days", field_width=10),
                ConditionalRadios(
                    "which",
                    ConditionalQuestion(self.fields["which"].choices[0][1], Field.textarea("leave_out", rows=3)),
                    ConditionalQuestion(self.fields["which"].choices[1][1], Field.textarea("references", rows=5)),
                ),
                "submission_token",
            )
        )

    def _live(self, field):
        """The references, as the register spells them, of the live partnerships (in the register's
        scope) typed in `field`, in any case; an error on the field naming any that is not one."""
        typed = split_references(self.cleaned_data.get(field, ""))
        candidates = {*typed, *(reference.upper() for reference in typed)}
        live = Partnership.objects.live().in_scope().filter(reference__in=candidates)
        found = list(live.values_list("reference", flat=True))
        known = {reference.upper() for reference in found}
        if missing := [reference for reference in typed if reference.upper() not in known]:
            shown = ", ".join(missing[:10]) + (f" and {len(missing) - 10} more" if len(missing) > 10 else "")
            self.add_error(field, f"Not a live partnership in the register: {shown}")
        return found

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("which") == self.EVERY:
            left_out = self._live("leave_out")
            cleaned["partnerships"] = default_partnerships().exclude(reference__in=left_out)
        elif cleaned.get("which") == self.LISTED:
            if not cleaned.get("references", "").strip():
                self.add_error("references", "Enter the references of the partnerships in the round")
                return cleaned
            listed = self._live("references")
            cleaned["partnerships"] = Partnership.objects.live().in_scope().filter(reference__in=listed)
        if "partnerships" in cleaned and not self.errors and not cleaned["partnerships"].exists():
            self.add_error("which", "The round has no partnerships in it: choose at least one")
        return cleaned


def question_field_name(question):
    return f"question_{question.key}"


def objective_field_name(objective):
    return f"objective_{objective.pk}"


class ReturnForm(VersionedForm):
    """The self-assessment: an answer per question (data), an achievement per SMART objective."""

    class Meta:
        model = AssuranceReturn
        fields = ["summary", "recommend_removal"]
        widgets = {"summary": forms.Textarea(attrs={"rows": 5})}

    def __init__(self, *args, questions, objectives, answers, achievements, **kwargs):
        super().__init__(*args, **kwargs)
        self.questions, self.objectives = questions, objectives
        sections = []
        for section in QuestionSection:
            names = []
            for question in (q for q in questions if q.section == section):
                name = question_field_name(question)
                if question.kind == AnswerKind.YES_NO:
                    field = forms.ChoiceField(choices=YES_NO, widget=forms.RadioSelect, required=False)
                    names.append(Field.radios(name, small=True, inline=True))
                else:
                    field = forms.CharField(widget=forms.Textarea(attrs={"rows": 3}), required=False)
                    names.append(Field.textarea(name, rows=3))
                # crispy-forms-gds marks labels and hints safe: escape what an administrator typed.
                field.label, field.help_text = escape(question.text), escape(question.hint)
                field.initial = answers.get(question.pk, "")
                self.fields[name] = field
            if names:
                sections.append(Fieldset(*names, legend=section.label, legend_size=Size.MEDIUM))
        achievement_names = []
        for objective in objectives:
            name = objective_field_name(objective)
            self.fields[name] = forms.CharField(
                label=escape(f"{objective.title} (target: {objective.target})"),
                widget=forms.Textarea(attrs={"rows": 2}),
                required=False,
                initial=achievements.get(objective.pk, ""),
            )
            achievement_names.append(Field.textarea(name, rows=2))
        if achievement_names:
            sections.insert(
                1, Fieldset(*achievement_names, legend="Achievements against objectives", legend_size=Size.MEDIUM)
            )
        self.fields["summary"].label = "Summary for the committee"
        self.helper = gds_helper(
            Layout(*sections, Field.textarea("summary", rows=5), Field.checkbox("recommend_removal"), "lock_version")
        )

    def answer_values(self):
        return {question: self.cleaned_data.get(question_field_name(question), "") for question in self.questions}

    def achievement_values(self):
        return {objective: self.cleaned_data.get(objective_field_name(objective), "") for objective in self.objectives}


class SendBackForm(forms.Form):
    reason = forms.CharField(
        label="What needs to change",
        widget=forms.Textarea(attrs={"rows": 3}),
        error_messages={"required": "Say what the lead officer needs to change"},
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.helper = gds_helper(Layout(Field.textarea("reason", rows=3)))


class RatingForm(forms.Form):
    rating = forms.ChoiceField(
        choices=AssuranceRating.choices,
        widget=forms.RadioSelect,
        error_messages={"required": "Select the assurance rating"},
    )
    reason = forms.CharField(
        label="Reason (needed if you change the proposed rating)",
        widget=forms.Textarea(attrs={"rows": 3}),
        required=False,
    )

    def __init__(self, *args, proposed, **kwargs):
        super().__init__(*args, **kwargs)
        self.proposed = proposed
        self.fields["rating"].initial = proposed
        self.helper = gds_helper(Layout(Field.radios("rating", small=True), Field.textarea("reason", rows=3)))

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("rating") and cleaned["rating"] != self.proposed and not cleaned.get("reason", "").strip():
            self.add_error("reason", "Give a reason for changing the proposed rating")
        return cleaned


class InvitationForm(forms.Form):
    partner = forms.ModelChoiceField(
        queryset=None,
        label="Partner contact",
        widget=forms.RadioSelect,
        error_messages={"required": "Select the partner contact to invite"},
    )

    def __init__(self, *args, partnership, **kwargs):
        super().__init__(*args, **kwargs)
        members = PartnershipMember.objects.filter(partnership=partnership).exclude(contact_email="")
        self.fields["partner"].queryset = members.select_related("organisation")
        self.fields["partner"].label_from_instance = lambda m: escape(
            f"{m.contact_name or 'Contact'}, {m.organisation}"
        )
        self.helper = gds_helper(Layout(Field.radios("partner", small=True)))


class ActionForm(OnceOnlyMixin, PlainEnglishMixin, forms.ModelForm):
    due_date = GovDateField(label="Due date", required=True)

    class Meta:
        model = RemedialAction
        fields = ["description", "owner", "due_date", "status", "progress"]
        labels = {"description": "Action", "progress": "Progress so far (optional)"}
        widgets = {"description": forms.Textarea(attrs={"rows": 2}), "progress": forms.Textarea(attrs={"rows": 2})}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.helper = gds_helper(
            Layout(
                Field.textarea("description", rows=2),
                Field.text("owner", field_width="one-half"),
                "due_date",
                Field.select("status"),
                Field.textarea("progress", rows=2),
                "submission_token",
            )
        )


class ActionUpdateForm(VersionedForm):
    """Keeping a remedial action up to date: who owns it, when it is due, how far it has got."""

    due_date = GovDateField(label="Due date", required=True)

    class Meta:
        model = RemedialAction
        fields = ["owner", "due_date", "status", "progress"]
        labels = {"owner": "Owner", "status": "Status", "progress": "Progress note"}
        help_texts = {
            "owner": "The person who will make sure it is done.",
            "progress": "What has been done so far, or what is holding it up. The committee's annual report shows it.",
        }
        widgets = {"status": forms.RadioSelect, "progress": forms.Textarea(attrs={"rows": 4})}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.helper = gds_helper(
            Layout(
                Field.text("owner", field_width="one-half"),
                "due_date",
                Field.radios("status", small=True),
                Field.textarea("progress", rows=4),
                "lock_version",
            )
        )


class PrincipleFieldset(LayoutObject):
    """A principle's statements under its title and description, rendered through a template with
    context: the principle's text (data) is never compiled as a template (crispy's legend would be)."""

    template = "reviews/assurance/partner/principle_fieldset.html"

    def __init__(self, principle, *fields):
        self.principle = principle
        self.fields = list(fields)

    def render(self, form, context, template_pack=TEMPLATE_PACK, **kwargs):
        fields = self.get_rendered_fields(form, context, template_pack, **kwargs)
        return render_to_string(self.template, {"principle": self.principle, "fields": fields})


class PartnerHealthCheckForm(HealthCheckForm):
    """The health check as a partner answers it through an invitation: their organisation is fixed."""

    def __init__(self, *args, invitation, **kwargs):
        super().__init__(*args, partnership=invitation.assurance_return.partnership, **kwargs)
        del self.fields["organisation"]
        del self.fields["completed_on"]
        self.fields["respondent_name"].initial = invitation.contact_name
        self.fields["respondent_name"].label = "Your name"
        self.fields["respondent_name"].help_text = ""
        self.fields["comments"].label = "Anything else you want to tell us (optional)"
        for principle in self.principles:
            for statement in principle.statements.all():
                self.fields[statement_field_name(statement)].label = escape(statement.text)
        self.helper = gds_helper(
            Layout(
                Field.text("respondent_name", field_width="one-half"),
                *[
                    PrincipleFieldset(
                        principle,
                        *[
                            Field.radios(statement_field_name(statement), small=True, inline=True)
                            for statement in principle.statements.all()
                        ],
                    )
                    for principle in self.principles
                ],
                Field.textarea("comments", rows=3),
            )
        )
