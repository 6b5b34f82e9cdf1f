from django.urls import path

from . import views

app_name = "assessments"

urlpatterns = [
    path("partnerships/<str:reference>/assessment/", views.AssessmentView.as_view(), name="assessment"),
    path("partnerships/<str:reference>/decision/", views.DecisionView.as_view(), name="decision"),
    path(
        "partnerships/<str:reference>/health-checks/new/",
        views.HealthCheckCreateView.as_view(),
        name="health_check_create",
    ),
]
