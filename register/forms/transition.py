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

    def __init__(self, *args, note_needed=False, **kwargs):
        super().__init__(*args, **kwargs)
        # Moves off the ordinary path need a reason (register/lifecycle.py); the label says "(optional)" otherwise.
        self.fields["note"].required = note_needed
        self.fields["note"].error_messages["required"] = "Enter why the partnership is making this move"
