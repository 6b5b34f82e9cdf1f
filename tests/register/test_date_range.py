"""Dates are between 1900 and 2100: a year typed as 0001 or 20226 is a slip, refused with a clear message."""

import importlib
import inspect
import pkgutil

import pytest
from django import forms
from django.core.exceptions import ValidationError
from django.urls import reverse

from register.forms import GovDateField

APPS = ("register", "assessments", "agreements", "reviews", "partnerships")


def project_forms():
    """Every form class defined in the project's apps (found by importing their modules)."""
    found = set()
    for app in APPS:
        package = importlib.import_module(app)
        for module_info in pkgutil.walk_packages(package.__path__, f"{app}."):
            if ".migrations" in module_info.name or ".management" in module_info.name:
                continue
            module = importlib.import_module(module_info.name)
            for _, cls in inspect.getmembers(module, inspect.isclass):
                if issubclass(cls, forms.BaseForm) and cls.__module__ == module.__name__:
                    found.add(cls)
    return found


def test_every_date_a_form_asks_for_is_a_gov_uk_date_field():
    checked = 0
    for form in project_forms():
        for name, field in form.base_fields.items():
            if isinstance(field, (forms.DateField, forms.DateTimeField)) or "date" in type(field).__name__.lower():
                assert isinstance(field, GovDateField), f"{form.__name__}.{name} is not a GovDateField"
                checked += 1
    assert checked >= 8


@pytest.mark.parametrize("day, month, year", [("1", "1", "0001"), ("31", "12", "1899"), ("1", "1", "2101")])
def test_dates_outside_1900_to_2100_are_refused(day, month, year):
    with pytest.raises(ValidationError) as refused:
        GovDateField(label="Start date").clean([day, month, year])
    assert refused.value.messages == ["Start date must be between 1900 and 2100"]


@pytest.mark.parametrize("day, month, year", [("1", "1", "1900"), ("31", "12", "2100"), ("29", "2", "2028")])
def test_dates_inside_the_range_are_kept(day, month, year):
    assert GovDateField(label="Start date").clean([day, month, year]).year == int(year)


@pytest.mark.django_db
def test_the_dates_page_shows_the_range_in_its_error_summary(client_for, officer, partnership):
    url = reverse("register:partnership_section_dates", args=[partnership.reference])
    data = {"lock_version": partnership.lock_version, "start_date_0": "1", "start_date_1": "1", "start_date_2": "0001"}
    response = client_for(officer).post(url, data)
    assert response.status_code == 200
    assert ("id_start_date_0", "Start date must be between 1900 and 2100") in response.context["error_summary"]
