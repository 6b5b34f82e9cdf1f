"""Text that people type is shown as text, never run as a template.

Every free-text field of every model (found from the models, so a new field is covered without
editing this file) is filled with template code; then every page, form, PDF and download of the
project (found from the URLconf) is opened as every role. No page may fail, no password hash,
session key or `{% debug %}` output may appear, the payload must show as literal text where the
page shows that record, and no template may ever be compiled from it.
"""

import io
from collections import defaultdict

import openpyxl
import pytest
from django.apps import apps
from django.contrib.auth import get_user_model
from django.contrib.sessions.models import Session
from django.db import models
from django.template import base as template_base
from django.utils.html import escape

from register.models import Partnership
from tests.agreements.pdfs import pdf_text

from .test_permission_matrix import cases

pytestmark = [pytest.mark.django_db, pytest.mark.slow]

PAYLOAD = "{{ request.user.password }}{% debug %}{{7*7}}{% load static %}"
SHORT_PAYLOAD = "{{7*7}}"
OUR_APPS = {"register", "assessments", "agreements", "reviews", "partnerships"}
# Identifiers the register generates and checks, not text anyone types.
NOT_FREE_TEXT = {"reference", "sha256", "history_user_id"}
USER_TEXT = {"first_name", "last_name"}
DEBUG_OUTPUT = ("'True': True", "&#x27;True&#x27;: True")


def free_text_fields():
    """{model: [field]} for every free-text field of our models (history copies too) and people's names."""
    found = defaultdict(list)
    for model in apps.get_models():
        ours = model._meta.app_label in OUR_APPS
        if not ours and model is not get_user_model():
            continue
        for field in model._meta.concrete_fields:
            if not isinstance(field, (models.CharField, models.TextField)) or field.choices or field.primary_key:
                continue
            if field.name in NOT_FREE_TEXT or (not ours and field.name not in USER_TEXT):
                continue
            if field.max_length is not None and field.max_length < len(SHORT_PAYLOAD) + 6:
                continue
            found[model].append(field)
    return found


def payload_for(field, pk):
    """The payload, made unique per row (some names are unique) and cut to fit the column."""
    for text in (f"{PAYLOAD} #{pk}", f"{SHORT_PAYLOAD} #{pk}"):
        if field.max_length is None or len(text) <= field.max_length:
            return text
    return SHORT_PAYLOAD


def fill_with_payload():
    filled = 0
    for model, fields in free_text_fields().items():
        for pk in model._base_manager.values_list("pk", flat=True):
            model._base_manager.filter(pk=pk).update(**{field.attname: payload_for(field, pk) for field in fields})
            filled += 1
    # The lead officer's name as stored follows the names just filled in, as it follows a rename.
    for partnership in Partnership._base_manager.select_related("lead_officer"):
        Partnership._base_manager.filter(pk=partnership.pk).update(
            lead_officer_shown_as=partnership.lead_officer_display
        )
    return filled


def text_of(response):
    """What a person would read in a response: the page, the PDF's text, the workbook's cells."""
    content = b"".join(response.streaming_content) if response.streaming else response.content
    kind = response.get("Content-Type", "")
    if kind.startswith("application/pdf"):
        return pdf_text(content)
    if "spreadsheetml" in kind:
        book = openpyxl.load_workbook(io.BytesIO(content), read_only=True)
        return "\n".join(
            str(value) for sheet in book for row in sheet.iter_rows(values_only=True) for value in row if value
        )
    return content.decode("utf-8", errors="replace")


@pytest.fixture
def compiled_sources(monkeypatch):
    """Every template source compiled while the test runs (files from disk, and anything else)."""
    sources = []
    original = template_base.Template.__init__

    def recording_init(self, template_string, *args, **kwargs):
        sources.append(str(template_string))
        original(self, template_string, *args, **kwargs)

    monkeypatch.setattr(template_base.Template, "__init__", recording_init)
    return sources


def test_the_lists_of_fields_come_from_the_models():
    fields = {f"{model._meta.label}.{field.name}" for model, found in free_text_fields().items() for field in found}
    for expected in (
        "register.Partnership.name",
        "register.Organisation.name",
        "reviews.Objective.target",
        "assessments.HealthPrinciple.description",
        "agreements.StandardClause.standard_text",
        "register.HistoricalPartnership.purpose",
    ):
        assert expected in fields
    assert not any(name.endswith(".reference") for name in fields)


def test_template_code_in_every_text_field_is_shown_as_text_on_every_page(world, requester, compiled_sources):
    assert fill_with_payload() > 50
    hashes = {password for password in get_user_model().objects.values_list("password", flat=True) if password}
    sessions = set(Session.objects.values_list("session_key", flat=True))
    problems, pages = [], 0
    for key, url in cases(world):
        for role in requester.clients:
            response = requester(role, "get", url)
            if response.status_code >= 500:
                problems.append(f"{key} {url} as {role}: {response.status_code}")
                continue
            if response.status_code != 200:
                continue
            text = text_of(response)
            pages += 1
            leaked = [h for h in hashes if h in text] + [s for s in sessions if s in text]
            leaked += [marker for marker in DEBUG_OUTPUT if marker in text]
            if leaked:
                problems.append(f"{key} {url} as {role} shows {leaked[:2]}")
    assert not problems, "\n".join(problems)
    assert pages > 100
    compiled = [source[:80] for source in compiled_sources if "request.user.password" in source or "7*7" in source]
    assert not compiled, f"templates were compiled from data: {compiled}"


@pytest.mark.parametrize(
    "page",
    [
        "register:partnership_detail",  # names, purpose, partners, risks
        "reviews:review_create",  # each objective's target and measure, between the form's fields
        "assessments:health_check_create",  # each principle's description and title
        "agreements:signatures@issued",  # each partner's name as a fieldset legend
        "agreements:pdf@draft",  # the agreement PDF, rendered from the records (an issued one never changes)
    ],
)
def test_the_payload_appears_as_literal_text(world, requester, page):
    fill_with_payload()
    url = dict(cases(world))[page]
    response = requester("admin_user", "get", url)
    assert response.status_code == 200
    text = text_of(response)
    shown = PAYLOAD if response["Content-Type"].startswith("application/pdf") else escape(PAYLOAD)
    assert shown.replace(" ", "") in text.replace(" ", "").replace("\n", ""), f"{page} does not show the text typed"
