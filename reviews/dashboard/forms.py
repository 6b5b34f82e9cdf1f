"""The one form of the dashboard: the date the committee report pack is prepared "as at"."""

from django import forms
from django.utils import timezone

from register.forms import GovDateField, gds_helper


class ReportForm(forms.Form):
    as_at = GovDateField(
        label="As at date",
        required=True,
        help_text=(
            "Usually the date of the committee meeting. Reviews, end dates and risk review dates are "
            "measured against it. For example, 27 3 2026"
        ),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.helper = gds_helper()
        if not self.is_bound:
            self.initial.setdefault("as_at", timezone.localdate())
