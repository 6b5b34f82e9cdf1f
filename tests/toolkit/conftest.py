"""Shared helpers: the sample toolkit, and mutated copies of it built with openpyxl."""

import io
from pathlib import Path

import openpyxl
import pytest

from partnerships.toolkit import importer
from partnerships.toolkit.workbook import Upload

SAMPLE = Path(__file__).resolve().parents[2] / "fixtures" / "toolkit" / "partnership-toolkit-sample.xlsx"
SAMPLE_COUNTS = {"Register": 40, "Risks": 49, "Reviews": 35, "Health check": 23}


def sample_upload():
    return Upload(name=SAMPLE.name, content=SAMPLE.read_bytes())


def mutated(change, name="mutated.xlsx"):
    """A copy of the sample changed by `change(workbook)`, as an Upload."""
    book = openpyxl.load_workbook(SAMPLE)
    change(book)
    buffer = io.BytesIO()
    book.save(buffer)
    return Upload(name=name, content=buffer.getvalue())


@pytest.fixture
def imported_sample(db):
    """The sample toolkit, imported."""
    plan = importer.plan_import(sample_upload())
    importer.apply_plan(plan)
    return plan


@pytest.fixture(scope="session")
def saved_by_libreoffice(tmp_path_factory):
    """{(workbook, file type): path}: the test workbooks as LibreOffice saves them (see spreadsheets.py)."""
    from .spreadsheets import make_workbooks

    return make_workbooks(tmp_path_factory.mktemp("libreoffice"))
