import datetime

import django_filters
from django import forms
from django.contrib.auth import get_user_model
from django.db.models import Q

from .choices import RAG, PartnershipType, Significance, Status
from .models import Directorate, Partnership


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


# Columns the register list can be sorted by: (query-string value, database ordering, label).
SORTABLE = (
    ("reference", "reference", "Reference"),
    ("name", "name", "Name"),
    ("type", "partnership_type", "Type"),
    ("status", "status", "Status"),
    ("significance", "significance", "Significance"),
    ("rag", "rag", "RAG"),
    ("lead_officer", "lead_officer__first_name", "Lead officer"),
    ("next_review_due", "next_review_due", "Next review"),
)


class PartnershipFilterSet(django_filters.FilterSet):
    """Filters for the register list; also used by the export so a download matches the list."""

    q = django_filters.CharFilter(
        label="Search",
        method="search",
        help_text="Reference, name, purpose or partner organisation",
        widget=forms.TextInput(attrs={"type": "search", "spellcheck": "false"}),
    )
    status = django_filters.MultipleChoiceFilter(choices=Status.choices, widget=forms.CheckboxSelectMultiple)
    partnership_type = django_filters.MultipleChoiceFilter(
        label="Type", choices=PartnershipType.choices, widget=forms.CheckboxSelectMultiple
    )
    directorate = django_filters.ModelMultipleChoiceFilter(
        queryset=Directorate.objects.all(), widget=forms.CheckboxSelectMultiple
    )
    significance = django_filters.MultipleChoiceFilter(
        choices=Significance.choices, widget=forms.CheckboxSelectMultiple
    )
    rag = django_filters.MultipleChoiceFilter(
        label="Overall RAG", choices=RAG.choices, widget=forms.CheckboxSelectMultiple
    )
    lead_officer = OfficerFilter(
        queryset=get_user_model().objects.filter(led_partnerships__isnull=False).distinct().order_by("first_name"),
        empty_label="Any officer",
    )
    scope = django_filters.ChoiceFilter(
        label="Scope",
        method="filter_scope",
        choices=[("in", "In scope"), ("out", "Out of scope (contractual)")],
        empty_label="In and out of scope",
    )
    review_overdue = django_filters.BooleanFilter(
        label="Only partnerships with an overdue review",
        method="filter_review_overdue",
        widget=OptionalCheckbox(attrs={"class": "govuk-checkboxes__input"}),
    )
    sort = django_filters.OrderingFilter(
        fields=[(db, key) for key, db, _ in SORTABLE], widget=forms.HiddenInput, label="Sort by"
    )

    class Meta:
        model = Partnership
        fields = []

    def search(self, queryset, name, value):
        terms = value.split()
        for term in terms:
            partner_match = Partnership.objects.filter(memberships__organisation__name__icontains=term).values("pk")
            queryset = queryset.filter(
                Q(reference__icontains=term)
                | Q(name__icontains=term)
                | Q(purpose__icontains=term)
                | Q(pk__in=partner_match)
            )
        return queryset

    def filter_scope(self, queryset, name, value):
        return queryset.in_scope() if value == "in" else queryset.out_of_scope() if value == "out" else queryset

    def filter_review_overdue(self, queryset, name, value):
        if value is None:
            return queryset
        overdue = queryset.review_overdue(datetime.date.today())
        return overdue if value else queryset.exclude(pk__in=overdue.values("pk"))

    @property
    def is_filtered(self):
        """True when any filter (not just sorting) is applied."""
        return any(self.data.get(name) for name in self.filters if name != "sort")
