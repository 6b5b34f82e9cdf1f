from urllib.parse import urlencode

from django.conf import settings
from django.contrib.auth import views as auth_views
from django.http import Http404, HttpResponseForbidden, HttpResponseRedirect
from django.shortcuts import render
from django.urls import reverse
from django.views.decorators.http import require_safe
from mozilla_django_oidc import views as oidc_views

from .. import accounts
from . import enabled, sso_only
from .backend import REFUSAL


class LoginView(accounts.LoginView):
    """The sign-in page: the council account button when single sign-on is on; in "SSO only" mode
    the password form is neither shown nor accepted."""

    def get_context_data(self, **kwargs):
        return {**super().get_context_data(**kwargs), "sso_enabled": enabled(), "sso_only": sso_only()}

    def post(self, request, *args, **kwargs):
        if sso_only():
            return HttpResponseForbidden("Sign in with your council account.")
        return super().post(request, *args, **kwargs)


class LogoutView(auth_views.LogoutView):
    """Signing out of the register also signs out of the provider, when it says where (end session)."""

    def post(self, request, *args, **kwargs):
        id_token = request.session.get("oidc_id_token")
        response = super().post(request, *args, **kwargs)
        endpoint = getattr(settings, "OIDC_OP_LOGOUT_ENDPOINT", "")
        if id_token and endpoint:
            back = request.build_absolute_uri(reverse("login"))
            query = urlencode({"id_token_hint": id_token, "post_logout_redirect_uri": back})
            return HttpResponseRedirect(f"{endpoint}?{query}")
        return response


def only_when_enabled(view_class):
    view = view_class.as_view()

    def wrapped(request, *args, **kwargs):
        if not enabled():
            raise Http404("Single sign-on is not configured")
        return view(request, *args, **kwargs)

    return wrapped


authenticate = only_when_enabled(oidc_views.OIDCAuthenticationRequestView)
callback = only_when_enabled(oidc_views.OIDCAuthenticationCallbackView)


@require_safe
def refused(request):
    """Where a failed single sign-on lands: why, and who can help."""
    reason = request.session.pop(REFUSAL, None)
    return render(request, "registration/sso_refused.html", {"no_role": reason == "no_role"}, status=403)
