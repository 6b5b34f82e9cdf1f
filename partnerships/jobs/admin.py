from django.contrib import admin

from .models import Job


@admin.register(Job)
class JobAdmin(admin.ModelAdmin):
    """Background jobs, for the service team: read-only (the worker writes them)."""

    list_display = ["created_at", "kind", "owner", "status", "rows_done", "rows_total", "expires_at"]
    list_filter = ["kind", "status"]
    search_fields = ["owner__username", "message"]
    readonly_fields = [field.name for field in Job._meta.fields]

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False
