from django.urls import path

from . import views

app_name = "agreements"

version = "partnerships/<str:reference>/agreement/v<int:version_number>/"

urlpatterns = [
    path("agreements/", views.AgreementListView.as_view(), name="list"),
    path("agreements/standard-text/", views.ClauseListView.as_view(), name="clauses"),
    path("agreements/standard-text/<str:section>/", views.ClauseUpdateView.as_view(), name="clause_update"),
    path("partnerships/<str:reference>/agreement/", views.CurrentAgreementView.as_view(), name="current"),
    path("partnerships/<str:reference>/agreement/start/", views.StartAgreementView.as_view(), name="start"),
    path("partnerships/<str:reference>/agreement/compare/", views.CompareView.as_view(), name="compare"),
    path(version, views.AgreementDetailView.as_view(), name="detail"),
    path(f"{version}edit/", views.AgreementEditView.as_view(), name="edit"),
    path(f"{version}submit/", views.SubmitView.as_view(), name="submit"),
    path(f"{version}return/", views.ReturnView.as_view(), name="return"),
    path(f"{version}approve/", views.ApproveView.as_view(), name="approve"),
    path(f"{version}signatures/", views.SignaturesView.as_view(), name="signatures"),
    path(f"{version}end/", views.EndView.as_view(), name="end"),
    path(f"{version}new-version/", views.NewVersionView.as_view(), name="new_version"),
    path(f"{version}pdf/", views.AgreementPdfView.as_view(), name="pdf"),
]
