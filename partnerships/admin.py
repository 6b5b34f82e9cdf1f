from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin

from .models import ToolkitImport


@admin.register(ToolkitImport)
class ToolkitImportAdmin(SimpleHistoryAdmin):
    list_display = ["created_at", "file_name", "user", "mode", "error_count", "warning_count"]
    list_filter = ["mode", "from_command_line"]
    search_fields = ["file_name", "sha256", "user__username"]
    readonly_fields = [field.name for field in ToolkitImport._meta.fields]

    def has_add_permission(self, request):
        return False


from .jobs import admin as jobs_admin  # noqa: E402, F401  (registers the Job admin)
