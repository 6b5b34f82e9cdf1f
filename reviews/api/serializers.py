"""How objectives and performance reviews appear in the API (nested in a partnership)."""

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
