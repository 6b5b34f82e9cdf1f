from django.urls import path

from . import views
from .views import opendata

app_name = "register"

urlpatterns = [
    path("partnerships/", views.PartnershipListView.as_view(), name="partnership_list"),
    path("partnerships/new/", views.PartnershipStartView.as_view(), name="partnership_create"),
    path("partnerships/<str:reference>/", views.PartnershipDetailView.as_view(), name="partnership_detail"),
    path("partnerships/<str:reference>/edit/", views.PartnershipUpdateView.as_view(), name="partnership_update"),
    path("partnerships/<str:reference>/risks/new/", views.RiskFormView.as_view(), name="risk_create"),
    path("partnerships/<str:reference>/risks/<int:pk>/", views.RiskFormView.as_view(), name="risk_update"),
    path(
        "partnerships/<str:reference>/partners/<int:pk>/contribution/",
        views.ContributionView.as_view(),
        name="partner_contribution",
    ),
    path("partnerships/<str:reference>/due-diligence/", views.DueDiligenceView.as_view(), name="due_diligence"),
    path(
        "partnerships/<str:reference>/due-diligence/<int:pk>/",
        views.DueDiligenceCheckView.as_view(),
        name="due_diligence_check",
    ),
    path(
        "partnerships/<str:reference>/due-diligence/evidence/<int:pk>/",
        views.DueDiligenceEvidenceView.as_view(),
        name="due_diligence_evidence",
    ),
    path("partnerships/<str:reference>/scope-screening/", views.ScopeScreeningView.as_view(), name="scope_screening"),
    path("partnerships/<str:reference>/significance/", views.SignificanceView.as_view(), name="significance"),
    path(
        "partnerships/<str:reference>/closure-evaluation/",
        views.ClosureEvaluationView.as_view(),
        name="closure_evaluation",
    ),
    path(
        "partnerships/<str:reference>/agreement-waiver/", views.AgreementWaiverView.as_view(), name="agreement_waiver"
    ),
    path("partnerships/<str:reference>/move/<str:to_status>/", views.TransitionView.as_view(), name="transition"),
    # open data: public, no sign-in; these addresses are published, so never change them
    path("open-data/", opendata.TransparencyView.as_view(), name="open_data"),
    path("open-data/partnerships.csv", opendata.partnerships_csv, name="open_data_csv"),
    path("open-data/partnerships.json", opendata.partnerships_json, name="open_data_json"),
    path("open-data/schema.json", opendata.schema_json, name="open_data_schema"),
    # Saved views of the register list.
    path("saved-views/", views.SavedViewCreateView.as_view(), name="saved_view_create"),
    path("saved-views/<int:pk>/delete/", views.SavedViewDeleteView.as_view(), name="saved_view_delete"),
    # Change history: one partnership's timeline, and the register-wide audit log.
    path("partnerships/<str:reference>/history/", views.PartnershipHistoryView.as_view(), name="partnership_history"),
    path("audit-log/", views.AuditLogView.as_view(), name="audit_log"),
    # The partner directory, and merging a duplicate partner into the one that is kept.
    path("partners/", views.OrganisationListView.as_view(), name="organisation_list"),
    path("partners/<int:pk>/", views.OrganisationDetailView.as_view(), name="organisation_detail"),
    path("partners/<int:pk>/merge/", views.OrganisationMergeView.as_view(), name="organisation_merge"),
    path(
        "partners/<int:pk>/merge/<int:duplicate>/",
        views.OrganisationMergeConfirmView.as_view(),
        name="organisation_merge_confirm",
    ),
    # Setting up a partnership: the task list and its pages.
    path("partnerships/<str:reference>/set-up/", views.TaskListView.as_view(), name="partnership_tasks"),
    path("partnerships/<str:reference>/set-up/partners/", views.PartnersView.as_view(), name="partnership_partners"),
    *[
        path(
            f"partnerships/<str:reference>/set-up/{section}/",
            views.PartnershipSectionView.as_view(section=section),
            name=f"partnership_section_{section}",
        )
        for section in ("details", "leads", "money", "dates")
    ],
]
