from django.urls import path

from . import views

app_name = "toolkit"

urlpatterns = [
    path("import/", views.UploadView.as_view(), name="upload"),
    path("import/<int:pk>/", views.PreviewView.as_view(), name="preview"),
    path("import/<int:pk>/confirm/", views.ConfirmView.as_view(), name="confirm"),
    path("import/<int:pk>/rejected-rows.xlsx", views.RejectsView.as_view(), name="rejects"),
    path("imports/", views.HistoryView.as_view(), name="history"),
    path("export.xlsx", views.ExportView.as_view(), name="export"),
    path("export.csv", views.ExportCsvView.as_view(), name="export_csv"),
]
