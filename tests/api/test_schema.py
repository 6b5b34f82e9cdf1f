"""The OpenAPI schema: served, checked into the repository, and never out of date."""

from pathlib import Path

import pytest
from django.core.management import call_command
from django.urls import reverse

pytestmark = pytest.mark.django_db
CHECKED_IN = Path(__file__).resolve().parents[2] / "partnerships" / "api" / "openapi.yaml"
REGENERATE = (
    "DJANGO_SETTINGS_MODULE=tests.settings .venv/bin/python manage.py spectacular --validate --fail-on-warn"
    " --file partnerships/api/openapi.yaml"
)


def test_the_checked_in_schema_matches_the_code(tmp_path):
    generated = tmp_path / "openapi.yaml"
    call_command("spectacular", "--validate", "--fail-on-warn", "--file", str(generated))
    assert generated.read_text() == CHECKED_IN.read_text(), (
        f"partnerships/api/openapi.yaml is out of date with the API. Regenerate it with:\n    {REGENERATE}"
    )


def test_the_schema_is_public_like_the_copy_in_the_repository(client):
    response = client.get(reverse("api:schema"))
    assert response.status_code == 200
    assert b"openapi: 3" in response.content and b"/api/partnerships/" in response.content


def test_the_docs_page_loads_everything_from_this_site_with_no_inline_code(client):
    page = client.get(reverse("api:docs"))
    assert page.status_code == 200
    html = page.content.decode()
    assert "<style" not in html and "<script>" not in html and "http" not in html.split("<body>")[1]
    assert "script-src 'self'" in page["Content-Security-Policy"]
    script = client.get(reverse("api:docs") + "?script=")
    assert script.status_code == 200 and script["Content-Type"].startswith("application/javascript")
    assert b"/api/schema/" in script.content
