from django.contrib import admin
from import_export.admin import ImportExportMixin
from simple_history.admin import SimpleHistoryAdmin

from . import opendata
from .models import (
    AgreementWaiver,
    ClosureEvaluation,
    CorporatePriority,
    Directorate,
    DueDiligenceCheck,
    DueDiligenceItem,
    Organisation,
    Partnership,
    PartnershipMember,
    PartnershipTransition,
    RiskEntry,
    SavedView,
    ScopeAnswer,
    ScopeQuestion,
    SignificanceCriterion,
    SignificanceLevel,
    StaffProfile,
    SubmittedForm,
)
from .resources import OrganisationResource, PartnershipResource, RiskEntryResource


@admin.register(Directorate)
class DirectorateAdmin(SimpleHistoryAdmin):
    search_fields = ["name"]


@admin.register(Organisation)
class OrganisationAdmin(ImportExportMixin, SimpleHistoryAdmin):
    resource_classes = [OrganisationResource]
    list_display = ["name", "sector", "registration_number"]
    list_filter = ["sector"]
    search_fields = ["name", "registration_number"]


@admin.register(StaffProfile)
class StaffProfileAdmin(SimpleHistoryAdmin):
    list_display = ["user", "directorate", "job_title"]
    list_filter = ["directorate"]
    search_fields = ["user__username", "user__first_name", "user__last_name", "job_title"]
    autocomplete_fields = ["user"]


class MemberInline(admin.TabularInline):
    model = PartnershipMember
    extra = 0
    autocomplete_fields = ["organisation"]


class RiskInline(admin.TabularInline):
    model = RiskEntry
    extra = 0
    fields = [
        "risk_id",
        "description",
        "category",
        "owner",
        "likelihood",
        "impact",
        "residual_likelihood",
        "residual_impact",
        "review_date",
        "status",
    ]
    show_change_link = True


class TransitionInline(admin.TabularInline):
    model = PartnershipTransition
    extra = 0
    fields = ["at", "from_status", "to_status", "by", "note"]
    readonly_fields = fields
    can_delete = False

    def has_add_permission(self, request, obj=None):
        return False


@admin.register(Partnership)
class PartnershipAdmin(ImportExportMixin, SimpleHistoryAdmin):
    resource_classes = [PartnershipResource]
    list_display = [
        "reference",
        "name",
        "partnership_type",
        "status",
        "directorate",
        "lead_officer",
        "significance",
        "rag",
        "next_review_due",
    ]
    list_filter = ["status", "partnership_type", "significance", "rag", "directorate", "review_frequency", "legal_form"]
    filter_horizontal = ["priorities"]
    list_filter = [
        *("status", "partnership_type", "significance", "rag", "directorate", "review_frequency", "legal_form"),
        "publishable",
    ]
    actions = ["publish", "withdraw"]
    search_fields = ["reference", "name", "purpose", "memberships__organisation__name"]
    list_select_related = ["directorate", "lead_officer"]
    autocomplete_fields = ["lead_officer", "directorate"]
    date_hierarchy = "next_review_due"
    inlines = [MemberInline, RiskInline, TransitionInline]
    readonly_fields = ["lock_version", "created_at", "updated_at", "created_by"]
    fieldsets = [
        (
            None,
            {
                "fields": [
                    "reference",
                    "name",
                    "purpose",
                    "partnership_type",
                    "out_of_scope_reason",
                    "statutory_basis",
                    "legal_form",
                    "council_role",
                    "status",
                    "significance",
                    "significance_override_reason",
                    "serious_if_failed",
                    "priorities",
                ]
            },
        ),
        (
            "People",
            {"fields": ["directorate", "lead_officer", "lead_officer_name", "lead_officer_email", "lead_member"]},
        ),
        (
            "Money",
            {
                "fields": [
                    "annual_contribution",
                    "in_kind_description",
                    "in_kind_value",
                    "external_funding",
                    "income_to_council",
                ]
            },
        ),
        (
            "Dates and review",
            {
                "fields": [
                    "start_date",
                    "end_date",
                    "review_frequency",
                    "last_review",
                    "next_review_due",
                    "rag",
                    "assurance",
                ]
            },
        ),
        ("Exit and notes", {"fields": ["exit_strategy", "notes"]}),
        ("Open data", {"fields": ["publishable"]}),
        (
            "As recorded in the Excel toolkit",
            {"classes": ["collapse"], "fields": ["assessment_completed", "agreement_in_place", "on_risk_register"]},
        ),
        ("Record", {"classes": ["collapse"], "fields": ["lock_version", "created_at", "updated_at", "created_by"]}),
    ]

    def save_model(self, request, obj, form, change):
        if not change:
            obj.created_by = request.user
        super().save_model(request, obj, form, change)

    @admin.action(description="Publish the selected partnerships as open data")
    def publish(self, request, queryset):
        self.message_user(request, f"{opendata.set_publishable(queryset, True)} partnership(s) published.")

    @admin.action(description="Withdraw the selected partnerships from open data")
    def withdraw(self, request, queryset):
        self.message_user(request, f"{opendata.set_publishable(queryset, False)} partnership(s) withdrawn.")


@admin.register(RiskEntry)
class RiskEntryAdmin(ImportExportMixin, SimpleHistoryAdmin):
    resource_classes = [RiskEntryResource]
    list_display = [
        "partnership",
        "risk_id",
        "category",
        "owner",
        "inherent_score",
        "residual_score",
        "status",
        "review_date",
    ]
    list_filter = ["status", "category"]
    search_fields = ["partnership__reference", "partnership__name", "description", "owner", "corporate_risk_ref"]
    list_select_related = ["partnership"]
    autocomplete_fields = ["partnership"]
    readonly_fields = ["inherent_score", "residual_score", "lock_version"]


@admin.register(PartnershipMember)
class PartnershipMemberAdmin(SimpleHistoryAdmin):
    list_display = ["partnership", "organisation", "role", "contact_name"]
    list_filter = ["role"]
    search_fields = ["partnership__reference", "organisation__name", "contact_name"]
    list_select_related = ["partnership", "organisation"]
    autocomplete_fields = ["partnership", "organisation"]


@admin.register(PartnershipTransition)
class PartnershipTransitionAdmin(admin.ModelAdmin):
    list_display = ["partnership", "from_status", "to_status", "by", "at"]
    list_filter = ["to_status"]
    search_fields = ["partnership__reference", "note"]
    list_select_related = ["partnership", "by"]
    readonly_fields = ["partnership", "from_status", "to_status", "by", "at", "note"]

    def has_add_permission(self, request):
        return False


@admin.register(SubmittedForm)
class SubmittedFormAdmin(admin.ModelAdmin):
    """Forms that added a record, by their one-time token: read-only, kept to tell a resend from a new form."""

    list_display = ["token", "user", "submitted_at", "result_url"]
    readonly_fields = ["token", "user", "submitted_at", "result_url"]
    list_select_related = ["user"]

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False


@admin.register(AgreementWaiver)
class AgreementWaiverAdmin(SimpleHistoryAdmin):
    list_display = ["partnership", "granted_by", "granted_on"]
    search_fields = ["partnership__reference", "partnership__name", "reason"]
    list_select_related = ["partnership", "granted_by"]
    autocomplete_fields = ["partnership", "granted_by"]


@admin.register(ClosureEvaluation)
class ClosureEvaluationAdmin(SimpleHistoryAdmin):
    list_display = ["partnership", "objectives_achieved", "value_for_money", "completed_on"]
    list_filter = ["objectives_achieved", "value_for_money"]
    search_fields = ["partnership__reference", "partnership__name"]
    list_select_related = ["partnership"]
    autocomplete_fields = ["partnership", "completed_by"]
    readonly_fields = ["lock_version"]


@admin.register(SignificanceCriterion)
class SignificanceCriterionAdmin(admin.ModelAdmin):
    list_display = ["name", "measure", "threshold", "points", "order", "active"]
    list_editable = ["threshold", "points", "order", "active"]
    list_filter = ["measure", "active"]


@admin.register(SignificanceLevel)
class SignificanceLevelAdmin(admin.ModelAdmin):
    list_display = ["level", "min_points", "review_frequency"]
    list_editable = ["min_points", "review_frequency"]


@admin.register(CorporatePriority)
class CorporatePriorityAdmin(admin.ModelAdmin):
    list_display = ["name", "active"]
    list_filter = ["active"]
    search_fields = ["name", "description"]


@admin.register(DueDiligenceItem)
class DueDiligenceItemAdmin(admin.ModelAdmin):
    list_display = ["name", "order", "active"]
    list_editable = ["order", "active"]


@admin.register(DueDiligenceCheck)
class DueDiligenceCheckAdmin(SimpleHistoryAdmin):
    list_display = ["partnership", "item", "status", "checked_on", "checked_by"]
    list_filter = ["status", "item"]
    search_fields = ["partnership__reference", "partnership__name", "note"]
    list_select_related = ["partnership", "item", "checked_by"]
    autocomplete_fields = ["partnership", "checked_by"]


@admin.register(ScopeQuestion)
class ScopeQuestionAdmin(admin.ModelAdmin):
    list_display = ["text", "partnership_answer", "order", "active"]
    list_editable = ["order", "active"]


@admin.register(ScopeAnswer)
class ScopeAnswerAdmin(SimpleHistoryAdmin):
    list_display = ["partnership", "question", "answer", "answered_by", "answered_at"]
    list_select_related = ["partnership", "question", "answered_by"]
    search_fields = ["partnership__reference", "partnership__name"]
    autocomplete_fields = ["partnership", "answered_by"]


@admin.register(SavedView)
class SavedViewAdmin(admin.ModelAdmin):
    list_display = ["name", "owner", "shared", "query"]
    list_filter = ["shared"]
    search_fields = ["name", "owner__username"]
