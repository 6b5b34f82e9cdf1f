"""Form building blocks shared by every app: GOV.UK dates, money, optimistic locking."""

import datetime
import uuid
from decimal import Decimal, InvalidOperation

from crispy_forms_gds.fields import DateInputField
from crispy_forms_gds.helper import FormHelper
from django import forms
from django.core.exceptions import ValidationError
from django.forms.utils import pretty_name

EARLIEST_DATE = datetime.date(1900, 1, 1)
LATEST_DATE = datetime.date(2100, 12, 31)


class GovDateField(DateInputField):
    """The GOV.UK date input (day, month, year boxes) with messages in plain English.

    Dates outside 1900 to 2100 are refused: a year typed as 0001 or 20226 is a slip, not a date
    the register can mean.
    """

    def __init__(self, *, label=None, required=False, help_text="For example, 27 3 2026", **kwargs):
        super().__init__(label=label, required=required, help_text=help_text, require_all_fields=False, **kwargs)
        name = (label or "the date").lower()
        self.error_messages["required"] = f"Enter {name}"
        self.error_messages["incomplete"] = f"{label or 'The date'} must include a day, month and year"
        self.error_messages["invalid"] = f"{label or 'The date'} must be a real date"
        self.error_messages["out_of_range"] = f"{label or 'The date'} must be between 1900 and 2100"
        for field in self.fields:
            field.required = required
            field.validators = []

    def compress(self, data_list):
        day, month, year = data_list
        if not (day or month or year):
            return None
        if not (day and month and year):
            raise ValidationError(self.error_messages["incomplete"], code="incomplete")
        try:
            date = datetime.date(int(year), int(month), int(day))
        except (TypeError, ValueError, OverflowError) as error:  # OverflowError: a year like 2200000000
            raise ValidationError(self.error_messages["invalid"], code="invalid") from error
        if not EARLIEST_DATE <= date <= LATEST_DATE:
            raise ValidationError(self.error_messages["out_of_range"], code="out_of_range")
        return date

    def clean(self, value):
        # The parent collects per-box errors; we only want one clear message per date.
        if value and isinstance(value, (list, tuple)) and any(v not in self.empty_values for v in value):
            out = self.compress([(v or "").strip() if isinstance(v, str) else v for v in value])
            self.validate(out)
            self.run_validators(out)
            return out
        if self.required:
            raise ValidationError(self.error_messages["required"], code="required")
        return None


class MoneyField(forms.DecimalField):
    """Pounds, typed as text (GOV.UK advice): accepts '£12,500' and '12500.00'."""

    widget = forms.TextInput

    def __init__(self, **kwargs):
        kwargs.setdefault("max_digits", 14)
        kwargs.setdefault("decimal_places", 2)
        kwargs.setdefault("required", False)
        super().__init__(**kwargs)
        label = (kwargs.get("label") or "the amount").lower()
        self.error_messages["invalid"] = f"Enter {label} as a number of pounds, like 12500 or 12,500.50"
        self.error_messages["max_decimal_places"] = "Enter an amount in pounds and pence, like 12,500.50"

    def widget_attrs(self, widget):
        return {"inputmode": "decimal", "spellcheck": "false", "class": "govuk-input govuk-input--width-10"}

    def to_python(self, value):
        if isinstance(value, str):
            value = value.strip().replace(",", "").removeprefix("£").strip()
        try:
            return super().to_python(value)
        except ValidationError:
            raise
        except InvalidOperation as error:  # pragma: no cover - DecimalField already handles this
            raise ValidationError(self.error_messages["invalid"], code="invalid") from error

    def validate(self, value):
        super().validate(value)
        if value is not None and value < Decimal(0):
            raise ValidationError("Enter an amount of £0 or more", code="negative")


BLANK_CHOICE_LABEL = "---------"


class PlainEnglishMixin:
    """GOV.UK wording for every form.

    'This field is required.' becomes 'Enter the partnership name' or 'Select the type'; optional
    fields say "(optional)" after their label; a select's blank option reads "Select …", not
    Django's "---------". Labels are finished when the form is first rendered, after subclasses
    have set which fields are required.
    """

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for field in self.fields.values():
            label = str(field.label or "a value").lower()
            verb = "Select" if isinstance(field, (forms.ChoiceField, forms.ModelChoiceField)) else "Enter"
            if field.error_messages.get("required") == forms.Field.default_error_messages["required"]:
                field.error_messages["required"] = f"{verb} {label}"
            if isinstance(field, forms.ChoiceField) and "invalid_choice" in field.error_messages:
                field.error_messages["invalid_choice"] = f"Select {label} from the list"

    def __getitem__(self, name):
        if not getattr(self, "_labels_finished", False):
            self._labels_finished = True
            for field_name, field in self.fields.items():
                finish_label(field_name, field)
        return super().__getitem__(name)


def finish_label(name, field):
    """'(optional)' on an optional field's label; 'Select …' for a select's blank option."""
    label = str(field.label if field.label is not None else pretty_name(name))
    select = f"Select {label[:1].lower()}{label[1:]}".removesuffix(" (£)")
    if isinstance(field, forms.ModelChoiceField) and field.empty_label == BLANK_CHOICE_LABEL:
        field.empty_label = select
    elif isinstance(field, forms.ChoiceField) and not isinstance(field, forms.ModelChoiceField):
        choices = list(field.choices)
        if any(value == "" and text == BLANK_CHOICE_LABEL for value, text in choices):
            field.choices = [(value, select if value == "" else text) for value, text in choices]
    optional = not field.required and not field.widget.is_hidden and not isinstance(field, forms.BooleanField)
    optional = optional and not getattr(field, "conditionally_required", False)  # required once revealed
    if optional and not label.endswith("(optional)"):
        field.label = f"{label} (optional)"


class VersionedForm(PlainEnglishMixin, forms.ModelForm):
    """A model form that carries the version of the record it was opened at (optimistic locking).

    Views save with `form.save_checked()`, which returns False when someone else saved the
    record after this form was opened.
    """

    lock_version = forms.IntegerField(widget=forms.HiddenInput, required=False)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if self.instance.pk:
            self.fields["lock_version"].initial = self.instance.lock_version

    def clean(self):
        cleaned = super().clean()
        # A save must say which version it was opened at: without it, it could overwrite unseen changes.
        if self.instance.pk and cleaned.get("lock_version") is None:
            raise forms.ValidationError("This page is out of date. Open it again to see the latest version")
        return cleaned

    def save_checked(self):
        """Save the form. False (and nothing saved) if the record changed since the form was opened."""
        obj = self.save(commit=False)
        if obj.pk is None:
            obj.save()
            self.save_m2m()
            return True
        expected = self.cleaned_data["lock_version"]
        if not obj.save_checked(expected):
            return False
        self.save_m2m()
        return True


class OnceOnlyMixin:
    """A form for adding a record, rendered with a one-time token (a hidden field), so the view can
    add the record once however many times the form is submitted (see `SubmittedForm.once`)."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if getattr(self, "instance", None) is None or self.instance.pk is None:
            self.fields["submission_token"] = forms.UUIDField(widget=forms.HiddenInput, required=False)
            self.initial.setdefault("submission_token", uuid.uuid4())

    @property
    def submission_token(self):
        return self.cleaned_data.get("submission_token")


def gds_helper(layout=None, form_tag=False):
    """A crispy-forms helper for the GOV.UK template pack; the page template renders <form>."""
    helper = FormHelper()
    helper.form_tag = form_tag
    if layout is not None:
        helper.layout = layout
    return helper


def error_summary_items(*forms_or_formsets):
    """[(anchor id, message)] for the GOV.UK error summary, over forms and formsets."""
    items = []
    for thing in forms_or_formsets:
        if thing is None:
            continue
        if hasattr(thing, "forms"):  # a formset
            items += [("formset-errors", str(error)) for error in thing.non_form_errors()]
            for form in thing.forms:
                items += error_summary_items(form)
            continue
        first_id = next((bound.auto_id for bound in thing.visible_fields()), "main-content")
        items += [(first_id, str(error)) for error in thing.non_field_errors()]
        for bound in thing.visible_fields():
            widget = bound.field.widget
            if isinstance(widget, forms.MultiWidget):
                anchor = f"{bound.auto_id}_0"
            elif isinstance(widget, (forms.RadioSelect, forms.CheckboxSelectMultiple)):
                anchor = f"id_{bound.html_name}_1"  # crispy-forms-gds numbers the options from 1
            else:
                anchor = bound.auto_id
            items += [(anchor, str(error)) for error in bound.errors]
    return items
