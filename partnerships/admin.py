from django.contrib import admin
from django.core.exceptions import PermissionDenied
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


# Signed-in staff without access to the admin get the service's 403 page, not Django's admin
# sign-in form saying they are "not authorized" (which invites them to sign in as someone else).
_admin_login = admin.site.login


def login_or_refuse(request, extra_context=None):
    if request.user.is_authenticated and not request.user.is_staff:
        raise PermissionDenied("The administration pages are for register administrators.")
    return _admin_login(request, extra_context)


admin.site.login = login_or_refuse
