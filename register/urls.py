from django.urls import path

from . import views

app_name = "register"

urlpatterns = [
    path("partnerships/", views.PartnershipListView.as_view(), name="partnership_list"),
    path("partnerships/<str:reference>/", views.PartnershipDetailView.as_view(), name="partnership_detail"),
    path("partnerships/<str:reference>/risks/<int:pk>/", views.PartnershipDetailView.as_view(), name="risk_update"),
]
