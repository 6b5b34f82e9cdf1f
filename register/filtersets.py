import datetime

import django_filters
from django import forms
from django.contrib.auth import get_user_model
from django.db.models import Exists, OuterRef, Q

from . import quality, text_search
from .choices import RAG, PartnershipType, Sector, Significance, Status
from .models import CorporatePriority, Directorate, Organisation, Partnership


class OptionalCheckbox(forms.CheckboxInput):
    """A checkbox that means "only these" when ticked and "no filter" when not (rather than "exclude")."""

    def value_from_datadict(self, data, files, name):
        value = data.get(name)
        if value in (None, ""):
            return None
        return {"false": False, "0": False}.get(str(value).lower(), True)

    def format_value(self, value):
        return "true"


class OfficerChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, user):
        return user.get_full_name() or user.get_username()


class OfficerFilter(django_filters.ModelChoiceFilter):
    field_class = OfficerChoiceField


class DirectorateChoiceField(forms.ModelMultipleChoiceField):
    """An id beyond a 64-bit integer is an invalid choice, like any other unknown id.

    Django checks the ids with an `__in` lookup, which hands such a number to SQLite as it is, and
    SQLite's driver fails with OverflowError (a server error) instead of finding nothing.
    """

    def _check_values(self, value):
        for pk in value:
            try:
                number = int(pk)
            except (TypeError, ValueError):
                continue  # not a number: Django's own check says so
            if not -(2**63) <= number < 2**63:
                raise forms.ValidationError(
                    self.error_messages["invalid_choice"], code="invalid_choice", params={"value": pk}
                )
        return super()._check_values(value)


class DirectorateFilter(django_filters.ModelMultipleChoiceFilter):
    field_class = DirectorateChoiceField


# Columns the register list can be sorted by: (query-string value, database ordering, label).
SORTABLE = (
    ("reference", "reference", "Reference"),
    ("name", "name", "Name"),
    ("type", "partnership_type", "Type"),
    ("status", "status", "Status"),
    ("significance", "significance", "Significance"),
    ("rag", "rag", "RAG"),
    ("lead_officer", "lead_officer_shown_as", "Lead officer"),
    ("next_review_due", "next_review_due", "Next review"),
)


class OrderingThenReference(django_filters.OrderingFilter):
    """Sorts by the chosen column, then by reference, so rows that tie (some 2,000 partnerships share
    a lead officer) keep one order and each appears on exactly one page.

    The reference goes the way the column does: a second click on a heading reverses the whole list,
    and an index on (column, reference) reads it either way without sorting.
    """

    def filter(self, qs, value):
        qs = super().filter(qs, value)
        if value and not any(param.lstrip("-") == "reference" for param in value):
            descending = value[-1].startswith("-")
            qs = qs.order_by(*qs.query.order_by, "-reference" if descending else "reference")
        return qs


class PartnershipFilterSet(django_filters.FilterSet):
    """Filters for the register list; also used by the export so a download matches the list."""

    q = django_filters.CharFilter(
        label="Search",
        method="search",
        help_text="Reference, name, purpose or partner organisation",
        widget=forms.TextInput(attrs={"type": "search", "spellcheck": "false"}),
    )
    status = django_filters.MultipleChoiceFilter(
        choices=Status.choices, widget=forms.CheckboxSelectMultiple, distinct=False
    )
    partnership_type = django_filters.MultipleChoiceFilter(
        label="Type", choices=PartnershipType.choices, widget=forms.CheckboxSelectMultiple, distinct=False
    )
    directorate = DirectorateFilter(
        queryset=Directorate.objects.all(), widget=forms.CheckboxSelectMultiple, distinct=False
    )
    significance = django_filters.MultipleChoiceFilter(
        choices=Significance.choices, widget=forms.CheckboxSelectMultiple, distinct=False
    )
    rag = django_filters.MultipleChoiceFilter(
        label="Overall RAG", choices=RAG.choices, widget=forms.CheckboxSelectMultiple, distinct=False
    )
    lead_officer = OfficerFilter(
        queryset=get_user_model()
        .objects.filter(Exists(Partnership.objects.filter(lead_officer=OuterRef("pk"))))
        .order_by("first_name"),
        empty_label="Any officer",
    )
    scope = django_filters.ChoiceFilter(
        label="Scope",
        method="filter_scope",
        choices=[("in", "In scope"), ("out", "Out of scope (contractual)")],
        empty_label="In and out of scope",
    )
    priority = django_filters.ModelChoiceFilter(
        label="Corporate priority",
        queryset=CorporatePriority.objects.all(),
        field_name="priorities",  # the model field it filters on (names its type in the API schema)
        method="filter_priority",
        empty_label="Any priority",
    )
    review_overdue = django_filters.BooleanFilter(
        label="Only partnerships with an overdue review",
        method="filter_review_overdue",
        widget=OptionalCheckbox(attrs={"class": "govuk-checkboxes__input"}),
    )
    quality = django_filters.ChoiceFilter(
        label="Data quality",
        method="filter_quality",
        choices=quality.CHOICES,
        empty_label="Any",
        help_text="Partnerships whose record lacks something, or may hold a partner twice.",
    )
    sort = OrderingThenReference(
        fields=[(db, key) for key, db, _ in SORTABLE], widget=forms.HiddenInput, label="Sort by"
    )

    class Meta:
        model = Partnership
        fields = []

    def search(self, queryset, name, value):
        """Every word must begin a word of the reference, name, purpose or a partner's name (any case).

        The whole search is one lookup in the full-text index of the partnerships' search documents
        (register/text_search.py), so neither the partnerships nor their partners are read row by row.
        """
        return queryset.filter(text_search.partnerships_matching(value, using=queryset.db))

    def filter_priority(self, queryset, name, value):
        if value is None:
            return queryset
        return queryset.filter(
            pk__in=Partnership.priorities.through.objects.filter(corporatepriority=value).values("partnership_id")
        )

    def filter_scope(self, queryset, name, value):
        return queryset.in_scope() if value == "in" else queryset.out_of_scope() if value == "out" else queryset

    def filter_review_overdue(self, queryset, name, value):
        if value is None:
            return queryset
        overdue = queryset.review_overdue(datetime.date.today())
        return overdue if value else queryset.exclude(pk__in=overdue.values("pk"))

    def filter_quality(self, queryset, name, value):
        return quality.with_problem(queryset, value) if value else queryset

    @property
    def is_filtered(self):
        """True when any filter (not just sorting) is applied."""
        return any(self.data.get(name) for name in self.filters if name != "sort")


# Columns the partner directory can be sorted by: (query-string value, database ordering, label).
ORGANISATION_SORTABLE = (
    ("name", "name", "Name"),
    ("sector", "sector", "Sector"),
    ("partnerships", "partnership_count", "Partnerships"),
    ("annual", "annual_total", "Annual contributions"),
)


class ThenByName(django_filters.OrderingFilter):
    """The column asked for, then name and id: organisations with the same sector or count keep one
    order, so each page of the directory carries on where the one before ended."""

    def filter(self, qs, value):
        ordered = super().filter(qs, value)
        return ordered.order_by(*ordered.query.order_by, "name", "pk") if value else ordered


class OrganisationFilterSet(django_filters.FilterSet):
    """Search, filters and sorting for the partner directory."""

    q = django_filters.CharFilter(
        label="Search",
        method="search",
        help_text="Name or registration number",
        widget=forms.TextInput(attrs={"type": "search", "spellcheck": "false"}),
    )
    sector = django_filters.MultipleChoiceFilter(
        choices=Sector.choices,
        widget=forms.CheckboxSelectMultiple(attrs={"class": "govuk-checkboxes__input"}),
        distinct=False,
    )
    sort = ThenByName(
        fields=[(db, key) for key, db, _ in ORGANISATION_SORTABLE], widget=forms.HiddenInput, label="Sort by"
    )

    class Meta:
        model = Organisation
        fields = []

    def search(self, queryset, name, value):
        """Every word must appear in the name or the registration number (any case)."""
        for term in value.split():
            queryset = queryset.filter(Q(name__icontains=term) | Q(registration_number__icontains=term))
        return queryset

    @property
    def is_filtered(self):
        return any(self.data.get(name) for name in self.filters if name != "sort")
