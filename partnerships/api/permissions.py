"""One permission source for the API: the same django-rules permissions the web pages ask."""

from rest_framework import permissions

from ..models import ApiToken


def read_only_token(request):
    return isinstance(request.auth, ApiToken) and request.auth.is_read_only


class RulesPermission(permissions.BasePermission):
    """A viewset names the rule for each action in `rules`, e.g. {"list": "register.view_partnership"}.

    The rule is asked with no object for the whole view and with the object for one record, just as
    the web views do. A read-only token may only use safe methods, whatever its user may do.
    """

    message = "You do not have permission to do this."

    def rule(self, view):
        """The rule for this request: per viewset action in `rules`, or one `rule` for a plain view."""
        if hasattr(view, "rules"):
            return view.rules.get(getattr(view, "action", None))
        return getattr(view, "rule", None)

    def has_permission(self, request, view):
        if not request.user or not request.user.is_authenticated:
            return False
        if request.method not in permissions.SAFE_METHODS and read_only_token(request):
            self.message = "This token is read-only."
            return False
        if getattr(view, "action_map", None) is not None and view.action is None:
            return True  # a method this endpoint does not answer: the view says 405
        rule = self.rule(view)
        if rule is None:
            return False
        # Object rules (e.g. "leads this partnership") are decided per object below.
        return bool(getattr(view, "detail", False)) or request.user.has_perm(rule)

    def has_object_permission(self, request, view, obj):
        rule = self.rule(view)
        return rule is not None and request.user.has_perm(rule, obj)
