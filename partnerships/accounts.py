"""Signing in and resetting a forgotten password, in GOV.UK pages.

The reset flow is Django's own (single-use links that expire after PASSWORD_RESET_TIMEOUT and stop
working once the password changes). Two additions: the same answer whether or not an account has
that address (no one can find out who has an account), and a limit on requests per address and
per email, so the form cannot be used to flood anyone's inbox.
"""

from django.conf import settings
from django.contrib.auth import views as auth_views
from django.contrib.auth.forms import AuthenticationForm
from django.shortcuts import render
from django.urls import reverse_lazy

from register.forms import error_summary_items
from register.ratelimit import client_address, over_limit

RESET_LIMIT_PER_HOUR = {"address": 10, "email": 3}
HOUR = 60 * 60


class ErrorSummaryMixin:
    """Puts the form's errors in the GOV.UK error summary (templates/includes/error_summary.html)."""

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        form = context.get("form")
        context["error_summary"] = error_summary_items(form) if form is not None and form.is_bound else []
        return context


class SignInForm(AuthenticationForm):
    error_messages = {
        **AuthenticationForm.error_messages,
        "invalid_login": "Enter a correct username and password. Both are case-sensitive.",
    }


class LoginView(ErrorSummaryMixin, auth_views.LoginView):
    authentication_form = SignInForm


def link_hours():
    return max(1, settings.PASSWORD_RESET_TIMEOUT // 3600)


class PasswordResetView(ErrorSummaryMixin, auth_views.PasswordResetView):
    template_name = "registration/password_reset_form.html"
    email_template_name = "registration/password_reset_email.txt"
    subject_template_name = "registration/password_reset_subject.txt"
    success_url = reverse_lazy("password_reset_done")

    def get_context_data(self, **kwargs):
        return super().get_context_data(reset_hours=link_hours(), **kwargs)

    def form_valid(self, form):
        # The link is built from SITE_URL, never from the request's Host header.
        self.extra_email_context = {
            "site_url": settings.SITE_URL.rstrip("/"),
            "service_name": settings.SERVICE_NAME,
            "timeout_hours": link_hours(),
        }
        email = form.cleaned_data["email"].strip().lower()
        address = client_address(self.request)
        limited = over_limit("reset-address", address, RESET_LIMIT_PER_HOUR["address"], HOUR)
        limited = over_limit("reset-email", email, RESET_LIMIT_PER_HOUR["email"], HOUR) or limited
        if limited:
            return render(self.request, "registration/password_reset_limited.html", status=429)
        return super().form_valid(form)


class PasswordResetDoneView(auth_views.PasswordResetDoneView):
    template_name = "registration/password_reset_done.html"


class PasswordResetConfirmView(ErrorSummaryMixin, auth_views.PasswordResetConfirmView):
    template_name = "registration/password_reset_confirm.html"
    success_url = reverse_lazy("password_reset_complete")


class PasswordResetCompleteView(auth_views.PasswordResetCompleteView):
    template_name = "registration/password_reset_complete.html"
