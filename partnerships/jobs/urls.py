from django.urls import path

from . import views

app_name = "jobs"

urlpatterns = [
    path("<uuid:job>/", views.JobView.as_view(), name="detail"),
    path("<uuid:job>/download/", views.JobDownloadView.as_view(), name="download"),
]
