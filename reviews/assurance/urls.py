from django.urls import path

from . import partner, report_views, views

urlpatterns = [
    path("assurance/", views.RoundListView.as_view(), name="rounds"),
    path("assurance/new/", views.RoundCreateView.as_view(), name="round_create"),
    path("assurance/<int:pk>/", views.RoundProgressView.as_view(), name="round_progress"),
    path("assurance/<int:pk>/chase/", views.ChaseView.as_view(), name="round_chase"),
    path("assurance/<int:pk>/close/", views.CloseRoundView.as_view(), name="round_close"),
    path("assurance/<int:pk>/report/", report_views.AnnualReportView.as_view(), name="annual_report"),
    path(
        "assurance/<int:pk>/report.<str:format>",
        report_views.AnnualReportDownloadView.as_view(),
        name="annual_report_download",
    ),
    path("assurance/returns/<int:pk>/", views.ReturnView.as_view(), name="return"),
    path("assurance/returns/<int:pk>/send-back/", views.SendBackView.as_view(), name="return_send_back"),
    path("assurance/returns/<int:pk>/rating/", views.RatingView.as_view(), name="return_rating"),
    path("assurance/returns/<int:pk>/invite/", views.InvitationCreateView.as_view(), name="invitation_create"),
    path(
        "assurance/returns/<int:pk>/invitations/<int:invitation>/revoke/",
        views.InvitationRevokeView.as_view(),
        name="invitation_revoke",
    ),
    path("assurance/returns/<int:pk>/actions/new/", views.ActionCreateView.as_view(), name="action_create"),
    path("assurance/actions/<int:pk>/", views.ActionUpdateView.as_view(), name="action_update"),
    # Partners' voice: no account, only the invitation's token.
    path("partner/<str:token>/", partner.partner_health_check, name="partner_health_check"),
]
