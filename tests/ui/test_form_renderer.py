"""Widgets rendered by Jinja2 (partnerships/renderers.py) give the pages the HTML Django's renderer gives."""

import re

import pytest
from django.forms.renderers import get_default_renderer
from django.test import override_settings
from django.urls import reverse
from pytest_django.asserts import assertHTMLEqual

from tests.factories import PartnershipMemberFactory

pytestmark = pytest.mark.django_db

DJANGO_RENDERER = "django.forms.renderers.DjangoTemplates"
OURS = "partnerships.renderers.FormRenderer"
TOKENS = re.compile(r'(name="(?:csrfmiddlewaretoken|submission_token)" value=")[^"]*"')


def page(client, url, renderer, data=None):
    with override_settings(FORM_RENDERER=renderer):  # Django's setting_changed receiver clears the cached renderer
        response = client.post(url, data) if data is not None else client.get(url)
    assert response.status_code == 200
    return TOKENS.sub(r'\1"', response.content.decode())


def assert_same_page(client, url, data=None):
    """The same HTML once parsed: Jinja2 spells an escaped quote &#39; where Django writes &#x27;."""
    ours = page(client, url, OURS, data)
    assert "govuk-form-group" in ours
    assertHTMLEqual(ours, page(client, url, DJANGO_RENDERER, data))


@pytest.fixture
def officer_client(client_for, officer, partnership):
    PartnershipMemberFactory(partnership=partnership)
    client = client_for(officer)
    # The first edit page of a process lists a partner's hidden fields id, partnership; later ones
    # partnership, id (whatever the renderer): compare later pages.
    client.get(reverse("register:partnership_update", args=[partnership.reference]))
    return client


def test_the_edit_page_and_its_errors(officer_client, partnership):
    url = reverse("register:partnership_update", args=[partnership.reference])
    assert_same_page(officer_client, url)
    # Refused: a missing name, a date that cannot be, a text amount (error messages, aria-describedby).
    refused = {
        "name": "",
        "start_date_0": "31",
        "start_date_1": "2",
        "start_date_2": "2026",
        "annual_contribution": "lots",
    }
    assert_same_page(officer_client, url, refused)


def test_the_partners_and_section_pages(officer_client, partnership):
    for name in ("partnership_partners", "partnership_section_leads", "partnership_section_dates"):
        assert_same_page(officer_client, reverse(f"register:{name}", args=[partnership.reference]))


def test_the_health_check_and_its_errors(officer_client, partnership):
    url = reverse("assessments:health_check_create", args=[partnership.reference])
    assert_same_page(officer_client, url)
    assert_same_page(officer_client, url, {})


def test_admin_widgets_with_only_django_templates_still_render(client_for, admin_user, partnership):
    """The admin's widget wrappers (related objects, dates) have no Jinja2 template: Django's engine renders them."""
    response = client_for(admin_user).get(reverse("admin:register_partnership_change", args=[partnership.pk]))
    assert response.status_code == 200
    assert b"related-widget-wrapper" in response.content


@pytest.mark.parametrize(
    ("template_name", "engine"),
    [
        ("django/forms/widgets/select.html", "jinja2"),
        ("gds/widgets/date.html", "jinja2"),  # our copy: without it the date inputs fall back, unnoticed
        ("admin/widgets/related_widget_wrapper.html", "django"),
    ],
)
def test_which_engine_renders_a_widget(template_name, engine):
    template = get_default_renderer().get_template(template_name)
    assert type(template).__module__ == f"django.template.backends.{engine}"
