from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin

from .models import HealthCheckResponse, HealthCheckScore, HealthPrinciple, HealthStatement, PartnershipAssessment


@admin.register(PartnershipAssessment)
class PartnershipAssessmentAdmin(SimpleHistoryAdmin):
    list_display = ["partnership", "decision", "decision_maker", "decision_date"]
    list_filter = ["decision"]
    search_fields = ["partnership__reference", "partnership__name", "issue_or_opportunity"]
    list_select_related = ["partnership"]
    autocomplete_fields = ["partnership"]
    readonly_fields = ["lock_version"]


class StatementInline(admin.TabularInline):
    model = HealthStatement
    extra = 0


@admin.register(HealthPrinciple)
class HealthPrincipleAdmin(admin.ModelAdmin):
    list_display = ["number", "title"]
    inlines = [StatementInline]


@admin.register(HealthStatement)
class HealthStatementAdmin(admin.ModelAdmin):
    list_display = ["principle", "number", "text"]
    list_filter = ["principle"]
    search_fields = ["text"]


class ScoreInline(admin.TabularInline):
    model = HealthCheckScore
    extra = 0


@admin.register(HealthCheckResponse)
class HealthCheckResponseAdmin(SimpleHistoryAdmin):
    list_display = ["partnership", "respondent_name", "organisation", "completed_on"]
    search_fields = ["partnership__reference", "respondent_name", "organisation__name"]
    date_hierarchy = "completed_on"
    list_select_related = ["partnership", "organisation"]
    autocomplete_fields = ["partnership", "organisation"]
    inlines = [ScoreInline]


@admin.register(HealthCheckScore)
class HealthCheckScoreAdmin(SimpleHistoryAdmin):
    list_display = ["response", "principle", "statement", "score"]
    list_filter = ["principle", "score"]
    list_select_related = ["response__partnership", "principle", "statement"]
    search_fields = ["response__partnership__reference", "response__respondent_name"]
