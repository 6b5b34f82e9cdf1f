"""Layouts for the register list's filter form (the fields come from register/filtersets.py)."""

from crispy_forms_gds.layout import Div, Field, Layout

from .base import gds_helper


def _column(*fields, width="one-quarter"):
    return Div(*fields, css_class=f"govuk-grid-column-{width}-from-desktop")


def search_helper():
    helper = gds_helper(Layout(Field.text("q", field_width="two-thirds"), Field("sort")))
    return helper


def filter_helper():
    small = {"small": True}
    return gds_helper(
        Layout(
            Div(
                _column(Field.checkboxes("status", **small)),
                _column(Field.checkboxes("partnership_type", **small)),
                _column(Field.checkboxes("directorate", **small)),
                _column(Field.checkboxes("significance", **small), Field.checkboxes("rag", **small)),
                css_class="govuk-grid-row",
            ),
            Div(
                _column(Field.select("lead_officer")),
                _column(Field.select("scope")),
                _column(Field.select("priority")),
                _column(Field.checkbox("review_overdue", **small)),
                css_class="govuk-grid-row",
            ),
            Div(_column(Field.select("quality")), css_class="govuk-grid-row"),
        )
    )
