"""The API's front door: its root, its OpenAPI schema and its documentation page."""

from django.urls import reverse
from drf_spectacular.utils import extend_schema
from drf_spectacular.views import SpectacularAPIView, SpectacularSwaggerSplitView
from rest_framework.permissions import AllowAny
from rest_framework.response import Response
from rest_framework.views import APIView

READ = "register.view_partnership"


class RootView(APIView):
    """Links to what the API offers."""

    rule = READ

    @extend_schema(exclude=True)
    def get(self, request):
        def link(name):
            return request.build_absolute_uri(reverse(name))

        return Response(
            {
                "partnerships": link("api:partnership-list"),
                "schema": link("api:schema"),
                "docs": link("api:docs"),
            }
        )


class SchemaView(SpectacularAPIView):
    """Public, like the copy in the repository: it describes the code, never the register's data."""

    permission_classes = [AllowAny]


class DocsView(SpectacularSwaggerSplitView):
    """Swagger UI from this site's own static files, with no inline script or style (fits the CSP)."""

    permission_classes = [AllowAny]
    template_name = "api/swagger_ui.html"
    url_name = "api:schema"
