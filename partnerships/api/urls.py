"""/api/: every app's API under one namespace, with the schema and its documentation."""

from django.urls import include, path

from . import views

app_name = "api"

urlpatterns = [
    path("", views.RootView.as_view(), name="root"),
    path("schema/", views.SchemaView.as_view(), name="schema"),
    path("docs/", views.DocsView.as_view(), name="docs"),
    path("", include("register.api.urls")),
]
