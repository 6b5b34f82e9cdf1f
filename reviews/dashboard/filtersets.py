"""Filters for the dashboard and the lists behind its figures.

`ScopeFilterSet` is the dashboard's own filter (directorate, type, significance). The lists behind
the figures extend it, so a list opened from a figure holds exactly the partnerships counted.
The parameter names match the register's list (register/filtersets.py).
"""

import django_filters
from django import forms
from django.utils.text import get_text_list

from register.choices import RAG, AssuranceRating, LegalForm, PartnershipType, RiskBand, Significance, Status
from register.models import CorporatePriority, Directorate, Partnership, RiskEntry

from .queries import NO_DIRECTORATE, NOT_RECORDED


def filtered(filterset):
    """The filterset's rows; invalid filters (a hand-edited URL) are ignored rather than failing."""
    return filterset.qs if filterset.is_bound else filterset.queryset


class ScopeFilterSet(django_filters.FilterSet):
    directorate = django_filters.ModelChoiceFilter(
        queryset=Directorate.objects.all(),
        empty_label="All directorates",
        null_label="No directorate",
        null_value=NO_DIRECTORATE,
    )
    partnership_type = django_filters.ChoiceFilter(
        label="Type", choices=PartnershipType.choices, empty_label="All types"
    )
    significance = django_filters.ChoiceFilter(choices=Significance.choices, empty_label="All levels")

    SCOPE_FIELDS = ("directorate", "partnership_type", "significance")

    class Meta:
        model = Partnership
        fields = []

    def scope_params(self):
        """The scope chosen, as query-string parameters to carry into the lists behind figures."""
        if not self.is_bound or not self.form.is_valid():
            return {}
        params = {}
        for name in self.SCOPE_FIELDS:
            value = self.form.cleaned_data.get(name)
            if value in (None, ""):
                continue
            params[name] = getattr(value, "pk", value)
        return params

    def scope_description(self):
        """The scope in words, e.g. "Directorate: Children's Services; Type: Statutory"."""
        if not self.is_bound or not self.form.is_valid():
            return "All partnerships"
        parts = []
        for name in self.SCOPE_FIELDS:
            value = self.form.cleaned_data.get(name)
            if value in (None, ""):
                continue
            field = self.form.fields[name]
            if value == NO_DIRECTORATE:
                shown = "No directorate"
            else:
                shown = dict(field.choices).get(value, value) if isinstance(value, str) else value
            parts.append(f"{field.label}: {shown}")
        return "; ".join(parts) or "All partnerships"


class RecordedChoiceFilter(django_filters.ChoiceFilter):
    """A choice filter with one more choice, "Not recorded", for rows where the field is blank."""

    def __init__(self, *args, choices=(), **kwargs):
        kwargs.setdefault("empty_label", "Any")
        super().__init__(*args, choices=[*choices, (NOT_RECORDED, "Not recorded")], **kwargs)

    def filter(self, qs, value):
        if value == NOT_RECORDED:
            return qs.filter(**{self.field_name: ""})
        return super().filter(qs, value)


class PartnershipListFilterSet(ScopeFilterSet):
    """The partnerships behind a dashboard figure."""

    # A column of the partnership itself, so no duplicates to remove: without `distinct=False` every list
    # filtered by status paid for SELECT DISTINCT over every column, and counted its pages the same way.
    status = django_filters.MultipleChoiceFilter(
        choices=Status.choices, widget=forms.CheckboxSelectMultiple, distinct=False
    )
    legal_form = RecordedChoiceFilter(choices=LegalForm.choices)
    rag = RecordedChoiceFilter(label="Overall RAG", choices=RAG.choices)
    assurance = RecordedChoiceFilter(label="Assurance rating", choices=AssuranceRating.choices)
    significance = RecordedChoiceFilter(choices=Significance.choices)
    priority = django_filters.ModelChoiceFilter(
        label="Corporate priority", field_name="priorities", queryset=CorporatePriority.objects.all()
    )


class RiskFilterSet(django_filters.FilterSet):
    """Open risks on live partnerships, by heat-map cell or band, within the dashboard's scope."""

    directorate = django_filters.ModelChoiceFilter(
        field_name="partnership__directorate",
        queryset=Directorate.objects.all(),
        null_label="No directorate",
        null_value=NO_DIRECTORATE,
    )
    partnership_type = django_filters.ChoiceFilter(
        field_name="partnership__partnership_type", choices=PartnershipType.choices
    )
    significance = django_filters.ChoiceFilter(field_name="partnership__significance", choices=Significance.choices)
    likelihood = django_filters.TypedChoiceFilter(choices=[(n, n) for n in range(1, 6)], coerce=int)
    impact = django_filters.TypedChoiceFilter(choices=[(n, n) for n in range(1, 6)], coerce=int)
    residual_likelihood = django_filters.TypedChoiceFilter(choices=[(n, n) for n in range(1, 6)], coerce=int)
    residual_impact = django_filters.TypedChoiceFilter(choices=[(n, n) for n in range(1, 6)], coerce=int)
    inherent_band = django_filters.ChoiceFilter(field_name="inherent_band_db", choices=RiskBand.choices)
    residual_band = django_filters.ChoiceFilter(field_name="residual_band_db", choices=RiskBand.choices)
    past_review = django_filters.BooleanFilter(method="filter_past_review")

    class Meta:
        model = RiskEntry
        fields = []

    def __init__(self, *args, today, **kwargs):
        self.today = today
        super().__init__(*args, **kwargs)

    def filter_past_review(self, queryset, name, value):
        if value is None:
            return queryset
        past = queryset.filter(review_date__lt=self.today)
        return past if value else queryset.exclude(pk__in=past.values("pk"))

    def description(self):
        """What the list shows, in words, for the page heading."""
        if not self.is_bound or not self.form.is_valid():
            return ""
        data = self.form.cleaned_data
        parts = []
        if data.get("likelihood") and data.get("impact"):
            parts.append(f"inherent likelihood {data['likelihood']} and impact {data['impact']}")
        if data.get("residual_likelihood") and data.get("residual_impact"):
            parts.append(f"residual likelihood {data['residual_likelihood']} and impact {data['residual_impact']}")
        for key, words in (("inherent_band", "inherent"), ("residual_band", "residual")):
            if data.get(key):
                parts.append(f"{RiskBand(data[key]).label.lower()} {words} score")
        if data.get("past_review"):
            parts.append("past their review date")
        return get_text_list(parts, "and")
