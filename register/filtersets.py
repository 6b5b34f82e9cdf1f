import datetime

import django_filters
from django.contrib.auth import get_user_model
from django.db.models import Q

from .choices import RAG, PartnershipType, Significance, Status
from .models import Directorate, Partnership


class PartnershipFilterSet(django_filters.FilterSet):
    """Filters for the register list; also used by the export so a download matches the list."""

    q = django_filters.CharFilter(
        label="Search", method="search", help_text="Reference, name, purpose or partner organisation"
    )
    status = django_filters.MultipleChoiceFilter(choices=Status.choices)
    partnership_type = django_filters.MultipleChoiceFilter(label="Type", choices=PartnershipType.choices)
    directorate = django_filters.ModelMultipleChoiceFilter(queryset=Directorate.objects.all())
    significance = django_filters.MultipleChoiceFilter(choices=Significance.choices)
    rag = django_filters.MultipleChoiceFilter(label="Overall RAG", choices=RAG.choices)
    lead_officer = django_filters.ModelChoiceFilter(
        queryset=get_user_model().objects.filter(led_partnerships__isnull=False).distinct().order_by("first_name")
    )
    scope = django_filters.ChoiceFilter(
        label="Scope", method="filter_scope", choices=[("in", "In scope"), ("out", "Out of scope (contractual)")]
    )
    review_overdue = django_filters.BooleanFilter(label="Review overdue", method="filter_review_overdue")

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
