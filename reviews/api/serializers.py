"""How objectives and performance reviews appear in the API (nested in a partnership)."""

from django.db.models import Prefetch
from rest_framework import serializers

from partnerships.api.query import only_shown

from ..models import Objective, PerformanceReview


class ObjectiveSerializer(serializers.ModelSerializer):
    class Meta:
        model = Objective
        fields = ["id", "title", "measure", "target", "deadline", "owner", "status"]
        read_only_fields = fields


class PerformanceReviewSerializer(serializers.ModelSerializer):
    reviewer = serializers.CharField(source="reviewer_display", read_only=True)

    class Meta:
        model = PerformanceReview
        fields = [
            *("id", "review_date", "reviewer", "period_start", "period_end", "objectives_met", "rag"),
            *("value_for_money", "summary", "actions", "completed_at"),
        ]
        read_only_fields = fields


def partnership_sections():
    """Objectives and reviews nested in the API's partnership resource (register/api/sections.py)."""
    from register.api.sections import Section

    reviews = PerformanceReview.objects.select_related("reviewer")
    reviews = only_shown(reviews, PerformanceReviewSerializer, "partnership", "reviewer_name")  # reviewer_display
    objectives = only_shown(Objective.objects.all(), ObjectiveSerializer, "partnership")
    return [
        Section(
            name="objectives",
            order=30,
            field=lambda: ObjectiveSerializer(many=True, read_only=True),
            prefetch=(Prefetch("objectives", queryset=objectives),),
        ),
        Section(
            name="reviews",
            order=40,
            field=lambda: PerformanceReviewSerializer(many=True, read_only=True),
            prefetch=(Prefetch("reviews", queryset=reviews),),
        ),
    ]
