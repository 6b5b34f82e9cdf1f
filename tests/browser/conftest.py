import pytest
from django.conf import settings
from django.contrib.auth.models import Group
from django.core.management import call_command

from assessments.models import HealthPrinciple
from register import roles


@pytest.fixture(autouse=True)
def reference_data(request):
    """Browser tests use transactional databases, which are emptied after each test, taking the rows
    the data migrations made with them. Put back the role groups and the health-check statements."""
    if "live_server" not in request.fixturenames:
        return
    request.getfixturevalue("transactional_db")
    for name in roles.ALL:
        Group.objects.get_or_create(name=name)
    if not HealthPrinciple.objects.exists():
        call_command("loaddata", settings.BASE_DIR / "fixtures" / "health_check.json", verbosity=0)
