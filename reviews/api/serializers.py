"""How objectives and performance reviews appear in the API (nested in a partnership)."""

from django.db.models import Prefetch
from rest_framework import serializers

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

    reviews = Prefetch("reviews", queryset=PerformanceReview.objects.select_related("reviewer"))
    return [
        Section(
            name="objectives",
            order=30,
            field=lambda: ObjectiveSerializer(many=True, read_only=True),
            prefetch=("objectives",),
        ),
        Section(
            name="reviews",
            order=40,
            field=lambda: PerformanceReviewSerializer(many=True, read_only=True),
            prefetch=(reviews,),
        ),
    ]
