from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied
from django.utils import timezone
from simple_history.admin import SimpleHistoryAdmin

from .models import ApiToken, SignOnMapping, ToolkitImport


@admin.register(ToolkitImport)
class ToolkitImportAdmin(SimpleHistoryAdmin):
    list_display = ["created_at", "file_name", "user", "mode", "error_count", "warning_count"]
    list_filter = ["mode", "from_command_line"]
    search_fields = ["file_name", "sha256", "user__username"]
    readonly_fields = [field.name for field in ToolkitImport._meta.fields]

    def has_add_permission(self, request):
        return False


from .jobs import admin as jobs_admin  # noqa: E402, F401  (registers the Job admin)


@admin.register(ApiToken)
class ApiTokenAdmin(admin.ModelAdmin):
    """Register administrators create tokens for other systems here, and revoke them."""

    list_display = ["name", "key_prefix", "user", "scope", "created_at", "last_used_at", "expires_at", "revoked_at"]
    list_filter = ["scope", ("revoked_at", admin.EmptyFieldListFilter)]
    search_fields = ["name", "key_prefix", "user__username"]
    fields = [
        "name",
        "user",
        "scope",
        "expires_at",
        "key_prefix",
        "created_by",
        "created_at",
        "last_used_at",
        "revoked_at",
    ]
    readonly_fields = ["key_prefix", "created_by", "created_at", "last_used_at", "revoked_at"]
    autocomplete_fields = ["user"]
    actions = ["revoke"]

    def get_readonly_fields(self, request, obj=None):
        # A token's user and scope are fixed once made: to change them, revoke it and make another.
        return self.readonly_fields + (["user", "scope"] if obj else [])

    def save_model(self, request, obj, form, change):
        if change:
            return super().save_model(request, obj, form, change)
        obj.created_by = request.user
        key = obj.generate_key()
        super().save_model(request, obj, form, change)
        messages.warning(
            request,
            f"The token for {obj.name} is {key} — copy it now: it is not stored and cannot be shown again.",
        )

    @admin.action(description="Revoke the selected tokens")
    def revoke(self, request, queryset):
        count = queryset.filter(revoked_at__isnull=True).update(revoked_at=timezone.now())
        self.message_user(request, f"{count} token(s) revoked: systems using them are refused from now on.")


@admin.register(SignOnMapping)
class SignOnMappingAdmin(admin.ModelAdmin):
    list_display = ["kind", "value", "role", "directorate"]
    list_filter = ["kind", "role", "directorate"]
    search_fields = ["value"]


# Signed-in staff without access to the admin get the service's 403 page, not Django's admin
# sign-in form saying they are "not authorized" (which invites them to sign in as someone else).
_admin_login = admin.site.login


def login_or_refuse(request, extra_context=None):
    if request.user.is_authenticated and not request.user.is_staff:
        raise PermissionDenied("The administration pages are for register administrators.")
    return _admin_login(request, extra_context)


admin.site.login = login_or_refuse
