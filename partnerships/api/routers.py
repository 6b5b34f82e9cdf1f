from rest_framework.routers import SimpleRouter


class Router(SimpleRouter):
    """Every app's API router: no `.json` format suffixes (the API speaks JSON only)."""

    def __init__(self):
        super().__init__(trailing_slash=True)
