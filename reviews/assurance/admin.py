"""The assurance round in the admin site: questions and the rating rule are edited here for next year."""

from django.contrib import admin

from .models import (
    AssuranceReturn,
    AssuranceRound,
    ObjectiveAchievement,
    PartnerInvitation,
    RatingCondition,
    RatingDecision,
    RatingThreshold,
    RemedialAction,
    ReturnAnswer,
    ReturnQuestion,
    RoundEmail,
    RoundReminder,
)


@admin.register(ReturnQuestion)
class ReturnQuestionAdmin(admin.ModelAdmin):
    list_display = ["text", "section", "kind", "order", "active"]
    list_filter = ["section", "kind", "active"]
    list_editable = ["order", "active"]


@admin.register(RatingCondition)
class RatingConditionAdmin(admin.ModelAdmin):
    list_display = ["check_name", "points", "reason", "active"]
    list_editable = ["points", "active"]


@admin.register(RatingThreshold)
class RatingThresholdAdmin(admin.ModelAdmin):
    list_display = ["rating", "max_points"]


@admin.register(AssuranceRound)
class AssuranceRoundAdmin(admin.ModelAdmin):
    list_display = ["name", "deadline", "reminder_days", "closed_at"]


class RatingDecisionInline(admin.TabularInline):
    model = RatingDecision
    extra = 0
    readonly_fields = ["proposed", "rating", "reason", "by", "at"]


@admin.register(AssuranceReturn)
class AssuranceReturnAdmin(admin.ModelAdmin):
    list_display = ["partnership", "round", "status", "proposed_rating", "rating"]
    list_filter = ["round", "status", "rating"]
    list_select_related = ["partnership", "round"]
    search_fields = ["partnership__reference", "partnership__name"]
    autocomplete_fields = ["partnership", "submitted_by"]
    readonly_fields = ["lock_version"]
    inlines = [RatingDecisionInline]


@admin.register(PartnerInvitation)
class PartnerInvitationAdmin(admin.ModelAdmin):
    list_display = ["contact_name", "organisation", "assurance_return", "expires_at", "used_at", "revoked_at"]
    list_select_related = ["organisation", "assurance_return__partnership", "assurance_return__round"]
    readonly_fields = ["token_hash", "response"]
    raw_id_fields = ["assurance_return", "organisation", "invited_by"]


@admin.register(RemedialAction)
class RemedialActionAdmin(admin.ModelAdmin):
    list_display = ["description", "partnership", "owner", "due_date", "status", "raised_in"]
    list_filter = ["status", "raised_in"]
    list_select_related = ["partnership", "raised_in"]
    autocomplete_fields = ["partnership"]


@admin.register(ReturnAnswer)
class ReturnAnswerAdmin(admin.ModelAdmin):
    list_display = ["assurance_return", "question", "answer"]
    list_select_related = ["assurance_return__partnership", "assurance_return__round", "question"]
    raw_id_fields = ["assurance_return"]


@admin.register(ObjectiveAchievement)
class ObjectiveAchievementAdmin(admin.ModelAdmin):
    list_display = ["assurance_return", "objective"]
    list_select_related = ["assurance_return__partnership", "assurance_return__round", "objective"]
    raw_id_fields = ["assurance_return", "objective"]


@admin.register(RoundReminder)
class RoundReminderAdmin(admin.ModelAdmin):
    list_display = ["round", "officer", "days_before", "sent_at"]
    list_select_related = ["round", "officer"]
    raw_id_fields = ["officer"]


@admin.register(RoundEmail)
class RoundEmailAdmin(admin.ModelAdmin):
    """Who was emailed when a round opened or was chased: the record that stops a rerun sending twice."""

    list_display = ["round", "officer", "key", "sent_at"]
    list_select_related = ["round", "officer"]
    raw_id_fields = ["officer"]


@admin.register(RatingDecision)
class RatingDecisionAdmin(admin.ModelAdmin):
    list_display = ["assurance_return", "proposed", "rating", "by", "at"]
    list_select_related = ["assurance_return__partnership", "assurance_return__round", "by"]
    raw_id_fields = ["assurance_return", "by"]
