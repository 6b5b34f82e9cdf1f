from crispy_forms_gds.layout import Field, Layout, Size
from django import forms

from register.forms import Fieldset, Fragment, GovDateField, PlainEnglishMixin, VersionedForm, gds_helper

from .models import (
    LessonLearned,
    Objective,
    ObjectiveProgress,
    ObjectiveStatus,
    PerformanceReview,
    ProgressRating,
)


class ObjectiveForm(VersionedForm):
    deadline = GovDateField(label="Deadline", required=True, help_text="For example, 31 3 2027")

    class Meta:
        model = Objective
        fields = ["title", "measure", "target", "deadline", "owner", "status"]
        widgets = {"status": forms.RadioSelect}
        error_messages = {
            "title": {"required": "Enter what will be achieved"},
            "measure": {"required": "Enter how it will be measured"},
            "target": {"required": "Enter the target to reach"},
            "owner": {"required": "Enter who is accountable for this objective"},
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["title"].help_text = "Specific and relevant: the change the partnership will make."
        self.fields["measure"].help_text = "Measurable: the figure or evidence that shows progress."
        self.fields["deadline"].error_messages["required"] = "Enter the deadline"
        self.fields["status"].choices = ObjectiveStatus.choices
        self.helper = gds_helper(
            Layout(
                Field.text("title"),
                Field.text("measure"),
                Field.text("target", field_width="one-half"),
                "deadline",
                Field.text("owner", field_width="one-half"),
                *([Field.radios("status", small=True)] if self.instance.pk else []),
                "lock_version",
            )
        )
        if not self.instance.pk:
            self.fields["status"].required = False

    def clean_status(self):
        return self.cleaned_data.get("status") or ObjectiveStatus.OPEN


def progress_field(objective):
    return f"progress_{objective.pk}"


def comment_field(objective):
    return f"comment_{objective.pk}"


class ReviewForm(PlainEnglishMixin, forms.ModelForm):
    """A performance review, with progress against each open objective. Saving completes it."""

    review_date = GovDateField(label="Date of the review", required=True)
    period_start = GovDateField(label="Period from")
    period_end = GovDateField(label="Period to")

    class Meta:
        model = PerformanceReview
        fields = [
            "review_date",
            "period_start",
            "period_end",
            "objectives_met",
            "rag",
            "value_for_money",
            "vfm_economy",
            "vfm_efficiency",
            "vfm_effectiveness",
            "vfm_equity",
            "summary",
            "actions",
        ]
        widgets = {
            "rag": forms.RadioSelect,
            "objectives_met": forms.RadioSelect,
            "summary": forms.Textarea(attrs={"rows": 4}),
            "actions": forms.Textarea(attrs={"rows": 3}),
        }
        labels = {"rag": "Overall RAG rating"}
        error_messages = {
            "rag": {"required": "Select a RAG rating for the partnership's performance"},
            "summary": {"required": "Summarise how the partnership is performing"},
        }

    def __init__(self, *args, partnership, **kwargs):
        super().__init__(*args, **kwargs)
        self.partnership = partnership
        self.fields["rag"].choices = [c for c in self.fields["rag"].choices if c[0]]
        self.fields["objectives_met"].choices = [c for c in self.fields["objectives_met"].choices if c[0]]
        self.objectives = list(partnership.objectives.filter(status=ObjectiveStatus.OPEN))
        progress = []
        for objective in self.objectives:
            self.fields[progress_field(objective)] = forms.ChoiceField(
                label="Progress",
                choices=ProgressRating.choices,
                widget=forms.RadioSelect,
                error_messages={"required": f"Select the progress on “{objective.title}”"},
            )
            self.fields[comment_field(objective)] = forms.CharField(
                label="Comment", required=False, widget=forms.Textarea(attrs={"rows": 2})
            )
            progress.append(
                Fieldset(
                    Fragment("reviews/includes/objective_hint.html", objective=objective),
                    Field.radios(progress_field(objective), small=True),
                    Field.textarea(comment_field(objective), rows=2),
                    legend=objective.title,
                    legend_size=Size.SMALL,
                )
            )
        if not progress:
            progress = [Fragment("reviews/includes/no_open_objectives.html")]
        self.helper = gds_helper(
            Layout(
                "review_date",
                "period_start",
                "period_end",
                Fieldset(*progress, legend="Progress against objectives", legend_size=Size.MEDIUM),
                Field.radios("objectives_met", small=True),
                Field.radios("rag", small=True),
                Fieldset(
                    Field.select("value_for_money"),
                    Field.select("vfm_economy"),
                    Field.select("vfm_efficiency"),
                    Field.select("vfm_effectiveness"),
                    Field.select("vfm_equity"),
                    legend="Value for money",
                    legend_size=Size.MEDIUM,
                ),
                Field.textarea("summary", rows=4),
                Field.textarea("actions", rows=3),
            )
        )

    def clean(self):
        cleaned = super().clean()
        start, end = cleaned.get("period_start"), cleaned.get("period_end")
        if start and end and end < start:
            self.add_error("period_end", "The end of the period must be after its start")
        return cleaned

    def save_and_complete(self, user):
        """Save the review with its progress, then complete it (the review dates move on)."""
        review = self.save(commit=False)
        review.partnership = self.partnership
        review.reviewer = user
        review.save()
        for objective in self.objectives:
            rating = self.cleaned_data[progress_field(objective)]
            ObjectiveProgress.objects.create(
                review=review, objective=objective, rating=rating, comment=self.cleaned_data[comment_field(objective)]
            )
            if rating == ProgressRating.ACHIEVED:
                objective.status = ObjectiveStatus.ACHIEVED
                objective.lock_version += 1
                objective.save(update_fields=["status", "lock_version", "updated_at"])
        review.complete(by=user)
        return review


class LessonForm(PlainEnglishMixin, forms.ModelForm):
    class Meta:
        model = LessonLearned
        fields = ["title", "detail", "area", "review", "shareable"]
        widgets = {"detail": forms.Textarea(attrs={"rows": 4}), "area": forms.RadioSelect}
        labels = {"review": "From which review", "shareable": "Share this lesson in the lessons library"}
        error_messages = {"title": {"required": "Enter the lesson in one sentence"}}

    def __init__(self, *args, partnership, **kwargs):
        super().__init__(*args, **kwargs)
        self.partnership = partnership
        self.fields["review"].queryset = partnership.reviews.all()
        self.fields["review"].empty_label = "Not from a review"
        self.fields["area"].choices = [c for c in self.fields["area"].choices if c[0]]
        self.fields["shareable"].help_text = "Untick if the lesson is sensitive."
        self.helper = gds_helper(
            Layout(
                Field.text("title"),
                Field.textarea("detail", rows=4),
                Field.radios("area", small=True),
                Field.select("review"),
                Field.checkbox("shareable", small=True),
            )
        )
