"""bench/tables.py judges each measure against its budget; an import is judged against its floors."""

import importlib.util
from pathlib import Path

import pytest

spec = importlib.util.spec_from_file_location("bench_tables", Path(__file__).parents[2] / "bench" / "tables.py")
tables = importlib.util.module_from_spec(spec)
spec.loader.exec_module(tables)

LABEL = "Toolkit import (5,000 rows)"


def import_rows(read, database, importing, rows=5000):
    row = {"label": LABEL, "median": importing, "floor": read, "rows_per_s": rows / (importing / 1000)}
    combined = {"label": f"{LABEL}, against read + database", "median": importing, "floor": read + database}
    return row, [row, combined]


def test_an_import_within_three_times_its_read_meets_the_budget():
    row, rows = import_rows(read=100, database=150, importing=280)
    assert tables.verdict(row, 20000, rows).startswith("met")


def test_an_import_over_budget_whose_floor_is_within_it_is_missed():
    row, rows = import_rows(read=100, database=100, importing=900)
    assert tables.verdict(row, 20000, rows).startswith("MISSED")


@pytest.mark.parametrize(("importing", "expected"), [(1700, "met against that floor"), (4000, "MISSED against")])
def test_when_the_database_alone_is_over_budget_the_import_is_judged_against_its_floor(importing, expected):
    row, rows = import_rows(read=100, database=1000, importing=importing, rows=20000)
    verdict = tables.verdict(row, 20000, rows)
    assert verdict.startswith("floor above budget: reading and writing bare take 11.0x the read alone")
    assert expected in verdict


def test_a_slow_import_is_missed_whatever_its_floor():
    row, rows = import_rows(read=1000, database=10000, importing=11000, rows=5000)
    assert tables.verdict(row, 20000, rows).startswith("MISSED (≥ 2,000 rows/s)")
