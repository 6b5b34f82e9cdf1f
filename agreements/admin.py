from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin

from .models import PartnershipAgreement, Section, Signatory, StandardClause


@admin.register(StandardClause)
class StandardClauseAdmin(SimpleHistoryAdmin):
    list_display = ["section", "updated_at"]
    search_fields = ["standard_text"]


class SignatoryInline(admin.TabularInline):
    model = Signatory
    extra = 0
    autocomplete_fields = ["organisation"]


@admin.register(PartnershipAgreement)
class PartnershipAgreementAdmin(SimpleHistoryAdmin):
    list_display = ["partnership", "version_number", "status", "approved_at", "signed_on", "expires_on"]
    list_filter = ["status"]
    search_fields = ["partnership__reference", "partnership__name", "title"]
    list_select_related = ["partnership"]
    autocomplete_fields = ["partnership"]
    readonly_fields = ["pdf_sha256", "lock_version", "approved_at", "approved_by", "submitted_at", "submitted_by"]
    inlines = [SignatoryInline]

    def get_readonly_fields(self, request, obj=None):
        """Once sent to legal a version's text and PDF are the record: the admin site cannot change them."""
        fields = super().get_readonly_fields(request, obj)
        if obj is not None and obj.is_frozen:
            return [*fields, "title", "pdf", *Section.values]
        return fields


@admin.register(Signatory)
class SignatoryAdmin(SimpleHistoryAdmin):
    list_display = ["agreement", "name", "organisation", "signed_on"]
    search_fields = ["name", "agreement__partnership__reference"]
    list_select_related = ["agreement__partnership", "organisation"]
