from django import forms

from .base import PlainEnglishMixin


class TransitionForm(PlainEnglishMixin, forms.Form):
    note = forms.CharField(
        label="Note",
        required=False,
        widget=forms.Textarea(attrs={"rows": 3, "class": "govuk-textarea"}),
        help_text="Why the partnership is moving on, and any decision reference, such as a Cabinet minute.",
    )
    lock_version = forms.IntegerField(widget=forms.HiddenInput)
