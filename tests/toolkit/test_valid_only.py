"""Import valid rows only: good rows are written, rejected rows come back as a workbook with an Error column."""

import io

import openpyxl
import pytest

from partnerships.toolkit import importer
from partnerships.toolkit.workbook import Upload
from register.models import Partnership, RiskEntry

from .conftest import mutated

pytestmark = pytest.mark.django_db


def faulty(book):
    book["Register"]["D8"] = "Friendship"  # NCC-0004: its risks go too
    book["Risks"]["F5"] = 7  # NCC-0002 R1
    book["Reviews"]["G3"] = "Purple"  # NCC-0001 review


def test_valid_only_writes_the_good_rows_and_leaves_out_the_rest():
    plan = importer.plan_import(mutated(faulty))
    importer.apply_plan(plan, valid_only=True)

    assert Partnership.objects.count() == 39
    assert not Partnership.objects.filter(reference="NCC-0004").exists()
    assert RiskEntry.objects.count() == 49 - 1 - 2  # the bad risk, and NCC-0004's two
    assert not RiskEntry.objects.filter(partnership__reference="NCC-0002", risk_id="R1").exists()
    assert plan.counts["Register"] == {"created": 39, "updated": 0, "unchanged": 0, "errors": 1}


def test_the_rejected_rows_come_back_with_what_to_fix():
    plan = importer.plan_import(mutated(faulty))
    importer.apply_plan(plan, valid_only=True)
    book = openpyxl.load_workbook(io.BytesIO(importer.rejects_workbook(plan)))

    assert book.sheetnames == ["Register", "Risks", "Reviews"]
    register = list(book["Register"].values)
    assert register[0][0] == "Ref" and register[0][-1] == "Error"
    assert register[1][0] == "NCC-0004"
    assert register[1][-2] == 8  # the Excel row it came from
    assert "Partnership type" in register[1][-1] and "Friendship" in register[1][-1]
    risks = list(book["Risks"].values)
    assert [row[:2] for row in risks[1:]] == [("NCC-0002", "R1"), ("NCC-0004", "R1"), ("NCC-0004", "R2")]
    assert risks[1][7] == "=F5*G5"  # the toolkit's formula comes back as text, not run
    assert book["Risks"].cell(2, 8).data_type == "s"


def test_fixed_rejects_import_on_their_own():
    plan = importer.plan_import(mutated(faulty))
    importer.apply_plan(plan, valid_only=True)
    book = openpyxl.load_workbook(io.BytesIO(importer.rejects_workbook(plan)))
    book["Register"]["D2"] = "Statutory"
    book["Risks"]["F2"] = 3
    book["Reviews"]["G2"] = "Green"
    buffer = io.BytesIO()
    book.save(buffer)

    again = importer.plan_import(Upload("fixed.xlsx", buffer.getvalue()))
    assert again.errors == []
    # NCC-0004's two reviews were rejected with it, as well as the bad NCC-0001 review
    assert {name: c["created"] for name, c in again.counts.items()} == {"Register": 1, "Risks": 3, "Reviews": 3}
    importer.apply_plan(again)
    assert Partnership.objects.count() == 40
    assert RiskEntry.objects.count() == 49


def test_without_valid_only_nothing_is_written():
    plan = importer.plan_import(mutated(faulty))
    with pytest.raises(importer.ImportRefused, match="Nothing was imported"):
        importer.apply_plan(plan)
    assert not Partnership.objects.exists()
