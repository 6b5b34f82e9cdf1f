from django.conf import settings


def service(request):
    """Names shown in every page's header and title."""
    return {
        "council_name": settings.COUNCIL_NAME,
        "service_name": settings.SERVICE_NAME,
    }
