from django.urls import path

from . import views
from .views import opendata

app_name = "register"

urlpatterns = [
    path("partnerships/", views.PartnershipListView.as_view(), name="partnership_list"),
    path("partnerships/new/", views.PartnershipCreateView.as_view(), name="partnership_create"),
    path("partnerships/<str:reference>/", views.PartnershipDetailView.as_view(), name="partnership_detail"),
    path("partnerships/<str:reference>/edit/", views.PartnershipUpdateView.as_view(), name="partnership_update"),
    path("partnerships/<str:reference>/risks/new/", views.RiskFormView.as_view(), name="risk_create"),
    path("partnerships/<str:reference>/risks/<int:pk>/", views.RiskFormView.as_view(), name="risk_update"),
    path("partnerships/<str:reference>/move/<str:to_status>/", views.TransitionView.as_view(), name="transition"),
    # open data: public, no sign-in; these addresses are published, so never change them
    path("open-data/", opendata.TransparencyView.as_view(), name="open_data"),
    path("open-data/partnerships.csv", opendata.partnerships_csv, name="open_data_csv"),
    path("open-data/partnerships.json", opendata.partnerships_json, name="open_data_json"),
    path("open-data/schema.json", opendata.schema_json, name="open_data_schema"),
]
