from django.conf import settings
from django.contrib import admin
from django.urls import include, path

from . import accounts, health, register_health, views
from .sso import views as sso_views

admin.site.site_header = f"{settings.COUNCIL_NAME}: partnership register administration"
admin.site.site_title = "Partnership register admin"

urlpatterns = [
    path("", views.home, name="home"),
    path("register-health/", register_health.RegisterHealthView.as_view(), name="register_health"),
    path("", include("register.urls")),
    path("", include("assessments.urls")),
    path("", include("agreements.urls")),
    path("", include("reviews.urls")),
    path("dashboard/", include("reviews.dashboard.urls")),
    path("toolkit/", include("partnerships.toolkit.urls")),
    path("accounts/login/", sso_views.LoginView.as_view(), name="login"),
    path("accounts/logout/", sso_views.LogoutView.as_view(), name="logout"),
    path("sso/", include("partnerships.sso.urls")),
    path("accounts/password-reset/", accounts.PasswordResetView.as_view(), name="password_reset"),
    path("accounts/password-reset/sent/", accounts.PasswordResetDoneView.as_view(), name="password_reset_done"),
    path(
        "accounts/password-reset/<uidb64>/<token>/",
        accounts.PasswordResetConfirmView.as_view(),
        name="password_reset_confirm",
    ),
    path(
        "accounts/password-reset/done/",
        accounts.PasswordResetCompleteView.as_view(),
        name="password_reset_complete",
    ),
    path("admin/", admin.site.urls),
    path("jobs/", include("partnerships.jobs.urls")),
    path("healthz", health.healthz, name="healthz"),
    path("api/", include("partnerships.api.urls")),
]

if settings.BENCH_TRIVIAL_VIEW:  # the load test's ceiling (partnerships/bench.py); never on in a deployment
    from .bench import trivial

    urlpatterns.append(path("bench/trivial", trivial, name="bench_trivial"))
