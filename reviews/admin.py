from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin

from .models import CountedFigures, LessonLearned, Objective, ObjectiveProgress, PerformanceReview, ReminderSent


@admin.register(Objective)
class ObjectiveAdmin(SimpleHistoryAdmin):
    list_display = ["title", "partnership", "target", "deadline", "owner", "status"]
    list_filter = ["status"]
    search_fields = ["title", "measure", "partnership__reference", "owner"]
    list_select_related = ["partnership"]
    autocomplete_fields = ["partnership"]
    readonly_fields = ["lock_version"]


class ProgressInline(admin.TabularInline):
    model = ObjectiveProgress
    extra = 0


@admin.register(PerformanceReview)
class PerformanceReviewAdmin(SimpleHistoryAdmin):
    list_display = ["partnership", "review_date", "reviewer_name", "rag", "objectives_met", "value_for_money"]
    list_filter = ["rag", "objectives_met", "value_for_money"]
    search_fields = ["partnership__reference", "partnership__name", "summary", "reviewer_name"]
    date_hierarchy = "review_date"
    list_select_related = ["partnership"]
    autocomplete_fields = ["partnership", "reviewer"]
    readonly_fields = ["lock_version", "completed_at"]
    inlines = [ProgressInline]


@admin.register(ObjectiveProgress)
class ObjectiveProgressAdmin(SimpleHistoryAdmin):
    list_display = ["objective", "review", "rating"]
    list_filter = ["rating"]
    list_select_related = ["objective", "review__partnership"]


@admin.register(LessonLearned)
class LessonLearnedAdmin(SimpleHistoryAdmin):
    list_display = ["title", "partnership", "area", "shareable", "recorded_on"]
    list_filter = ["area", "shareable"]
    search_fields = ["title", "detail", "partnership__reference", "partnership__name"]
    list_select_related = ["partnership"]
    autocomplete_fields = ["partnership"]


@admin.register(ReminderSent)
class ReminderSentAdmin(admin.ModelAdmin):
    """A log of the review-reminder digests sent (send_review_reminders); written by the command only."""

    list_display = ["officer", "sent_on", "reviews", "risks"]
    list_filter = ["sent_on"]
    search_fields = ["officer__username", "officer__first_name", "officer__last_name"]
    date_hierarchy = "sent_on"
    list_select_related = ["officer"]
    readonly_fields = ["officer", "sent_on", "reviews", "risks"]

    def has_add_permission(self, request):
        return False


@admin.register(CountedFigures)
class CountedFiguresAdmin(admin.ModelAdmin):
    """The dashboard's figures as last counted, one row per scope (reviews/dashboard/cache.py). Deleting
    a row makes the next view of that dashboard count its figures afresh."""

    list_display = ["scope", "params", "counted_at", "version"]
    readonly_fields = ["scope", "params", "version", "counted", "counted_at", "recount_asked_for"]

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False


from .assurance import admin as assurance_admin  # noqa: E402, F401  (registers the assurance round's models)
