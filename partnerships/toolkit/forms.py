from crispy_forms_gds.helper import FormHelper
from django import forms
from django.conf import settings
from django.template.defaultfilters import filesizeformat

from . import headers
from .workbook import ACCEPTED, ACCEPTED_TYPES, Upload, WorkbookError, check_upload


def gds_helper():
    helper = FormHelper()
    helper.form_tag = False
    return helper


class UploadForm(forms.Form):
    workbook = forms.FileField(
        label="Upload the toolkit workbook",
        error_messages={"required": "Choose the toolkit workbook to upload", "empty": "The file is empty"},
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        limit = filesizeformat(settings.TOOLKIT_MAX_UPLOAD_BYTES)
        self.fields["workbook"].help_text = (
            f"The Partnership Toolkit as an {ACCEPTED_TYPES}, up to {limit}. Macros in the workbook are never "
            "run or kept. Nothing is changed until you have checked what the import will do."
        )
        self.fields["workbook"].widget.attrs["accept"] = ",".join(ACCEPTED)
        self.helper = gds_helper()
        self.upload = None

    def clean_workbook(self):
        uploaded = self.cleaned_data["workbook"]
        try:
            self.upload = Upload.from_django_file(uploaded)
            check_upload(self.upload)
        except WorkbookError as error:
            raise forms.ValidationError(str(error), code="not_a_workbook") from error
        return uploaded


class ColumnMappingForm(forms.Form):
    """For each column the import did not recognise: which field it holds, or ignore it."""

    def __init__(self, plan, mapping, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.columns = {}
        for sheet in plan.sheets:
            choices = [("", "Ignore this column"), *headers.field_choices(sheet.key)]
            saved = mapping.get(sheet.key, {})
            for index, text in sheet.columns_to_map:
                name = f"{sheet.key}__{index}"
                self.fields[name] = forms.ChoiceField(
                    label=f"“{text}” (column {letter(index)} on the {sheet.name} sheet)",
                    choices=choices,
                    required=False,
                    initial=saved.get(headers.normalise_header(text), ""),
                )
                self.columns[name] = (sheet.key, text)
        self.helper = gds_helper()

    def mapping(self, existing):
        """The saved mapping with this form's choices added: {sheet: {normalised header: field or ""}}."""
        result = {sheet: dict(columns) for sheet, columns in existing.items()}
        for name, (sheet, text) in self.columns.items():
            result.setdefault(sheet, {})[headers.normalise_header(text)] = self.cleaned_data.get(name) or ""
        return result


def letter(index):
    from openpyxl.utils import get_column_letter

    return get_column_letter(index + 1)
