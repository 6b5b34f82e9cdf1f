from django.urls import path

from . import views

app_name = "register"

urlpatterns = [
    path("partnerships/", views.PartnershipListView.as_view(), name="partnership_list"),
    path("partnerships/new/", views.PartnershipStartView.as_view(), name="partnership_create"),
    path("partnerships/<str:reference>/", views.PartnershipDetailView.as_view(), name="partnership_detail"),
    path("partnerships/<str:reference>/edit/", views.PartnershipUpdateView.as_view(), name="partnership_update"),
    path("partnerships/<str:reference>/risks/new/", views.RiskFormView.as_view(), name="risk_create"),
    path("partnerships/<str:reference>/risks/<int:pk>/", views.RiskFormView.as_view(), name="risk_update"),
    path("partnerships/<str:reference>/move/<str:to_status>/", views.TransitionView.as_view(), name="transition"),
    # Saved views of the register list.
    path("saved-views/", views.SavedViewCreateView.as_view(), name="saved_view_create"),
    path("saved-views/<int:pk>/delete/", views.SavedViewDeleteView.as_view(), name="saved_view_delete"),
    # Change history: one partnership's timeline, and the register-wide audit log.
    path("partnerships/<str:reference>/history/", views.PartnershipHistoryView.as_view(), name="partnership_history"),
    path("audit-log/", views.AuditLogView.as_view(), name="audit_log"),
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
