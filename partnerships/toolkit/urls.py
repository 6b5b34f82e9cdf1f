from django.contrib.auth.decorators import login_required
from django.urls import path
from django.views.generic import RedirectView

from . import views

app_name = "toolkit"

urlpatterns = [
    # The bare /toolkit/ address goes to the import page rather than a 404.
    path("", login_required(RedirectView.as_view(pattern_name="toolkit:upload")), name="index"),
    path("import/", views.UploadView.as_view(), name="upload"),
    path("import/<int:pk>/", views.PreviewView.as_view(), name="preview"),
    path("import/<int:pk>/check/", views.CheckView.as_view(), name="check"),
    path("import/<int:pk>/confirm/", views.ConfirmView.as_view(), name="confirm"),
    path("import/<int:pk>/rejected-rows.xlsx", views.RejectsView.as_view(), name="rejects"),
    path("imports/", views.HistoryView.as_view(), name="history"),
    path("export.xlsx", views.ExportView.as_view(), name="export"),
    path("export.csv", views.ExportCsvView.as_view(), name="export_csv"),
]
