import django_filters
from django import forms
from django.db.models import Q

from .models import LessonArea, LessonLearned


class LessonFilterSet(django_filters.FilterSet):
    """Search the lessons library across partnerships, and filter it by area."""

    q = django_filters.CharFilter(
        label="Search lessons",
        method="search",
        help_text="Words in the lesson, or a partnership's name or reference",
        widget=forms.TextInput(attrs={"type": "search", "spellcheck": "false"}),
    )
    area = django_filters.MultipleChoiceFilter(choices=LessonArea.choices, widget=forms.CheckboxSelectMultiple)

    class Meta:
        model = LessonLearned
        fields = []

    def search(self, queryset, name, value):
        for term in value.split():
            queryset = queryset.filter(
                Q(title__icontains=term)
                | Q(detail__icontains=term)
                | Q(partnership__name__icontains=term)
                | Q(partnership__reference__icontains=term)
            )
        return queryset
