from django.urls import path

from . import views

app_name = "dashboard"

urlpatterns = [
    path("", views.DashboardView.as_view(), name="index"),
    path("partnerships/", views.PartnershipListView.as_view(), name="partnerships"),
    path("reviews-due/", views.ReviewDueView.as_view(), name="review_due"),
    path(
        "reviews-due/download.<str:format>",
        views.ReviewDueView.as_view(),
        name="review_due_download",
    ),
    path("compliance/", views.ComplianceView.as_view(), name="compliance"),
    path("risks/", views.RiskListView.as_view(), name="risks"),
    path("report/", views.ReportView.as_view(), name="report"),
]
