#!/usr/bin/env python
"""Benchmark: seed throwaway databases, time every page and workload against its floor and budget.

    .venv/bin/python bench/run.py                                  # SQLite and PostgreSQL, 1,000 and 20,000
    .venv/bin/python bench/run.py --db sqlite --scale 1000         # one database, one size
    .venv/bin/python bench/run.py --db postgres --database-url postgres://postgres@127.0.0.1:5432/partnerships_bench

SQLite uses a fresh file per size in bench/results/ (gitignored); it never touches db.sqlite3.
PostgreSQL uses the --database-url database with the size appended (partnerships_bench_1000, ...),
dropped and created afresh for each run unless --keep is given.

For each page: warm-up requests, then --runs timed requests with Django's test Client (median and
nearest-rank 95th percentile, queries of one request, response size). Downloads, the import and
the PDF get fewer runs. Floors are measured in the same run: the raw SQL for one page of the list,
openpyxl's bare write of the exported workbook, openpyxl's bare read of the import workbook.
The table goes to stdout and to bench/results/latest.md. Timings depend on the machine, so tests
assert query counts instead.
"""

import argparse
import functools
import gc
import json
import math
import os
import statistics
import subprocess
import sys
import tempfile
import time
import warnings
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
RESULTS = ROOT / "bench" / "results"
DEFAULT_PG = "postgres://postgres@127.0.0.1:5432/partnerships_bench"
HEAVY_RUNS = 3  # timed runs for downloads, the import and the PDF, after one warm-up
BUSY = "NCC-0002"  # curated: partners, risks, reviews, health checks, two agreement versions
SEARCH = "status=active&significance=high&q=northmoor+partnership"  # broad: the council's name is in most rows
NARROW_SEARCH = "q=flood+resilience"  # a theme: a few hundred partnerships at 20,000

# Budgets at 20,000 partnerships (issue 8): (kind, limit). Kinds: p95 ms, median ms, ratio to floor.
BUDGETS = {
    "Register list": ("p95", 60),
    "Register list, filtered and searched": ("p95", 60),
    "Register list, searched for a theme": ("p95", 60),
    "Partnership page (busy)": ("p95", 60),
    "Partnership page (generated)": ("p95", 60),
    "Dashboard": ("p95", 150),
    "Dashboard, first view after a change (counted afresh)": ("p95", 150),
    "Toolkit export (xlsx, full register)": ("ratio", 1.5),
    "Toolkit import (5,000 rows)": ("ratio", 3),
    "Toolkit import (20,000 rows)": ("ratio", 3),
    "Agreement PDF (render)": ("p95", 1000),
}


def parse_args():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--db", choices=["sqlite", "postgres", "both"], default="both")
    parser.add_argument("--scale", default="1000,20000", help="partnerships, comma-separated (default 1000,20000)")
    parser.add_argument("--database-url", default=DEFAULT_PG, help=f"PostgreSQL base URL (default {DEFAULT_PG})")
    parser.add_argument("--runs", type=int, default=10, help="timed requests per page (default 10)")
    parser.add_argument("--warmup", type=int, default=2, help="untimed requests per page first (default 2)")
    parser.add_argument("--keep", action="store_true", help="reuse a database already seeded to the size")
    parser.add_argument("--quick", action="store_true", help="only the pages with a budget and their floors")
    parser.add_argument("--output", default=str(RESULTS / "latest.md"), help="where to write the table")
    parser.add_argument("--child", help=argparse.SUPPRESS)  # JSON file: run one database and size
    parser.add_argument("--url", help=argparse.SUPPRESS)
    return parser.parse_args()


# -- the parent: one child process per database and size --------------------------------------------
def main():
    args = parse_args()
    if args.child:
        return child(args)
    scales = [int(value) for value in args.scale.split(",")]
    targets = [db for db in ("sqlite", "postgres") if args.db in (db, "both")]
    reports = []
    for db in targets:
        for scale in scales:
            url = sqlite_url(scale, args.keep) if db == "sqlite" else postgres_url(args.database_url, scale, args.keep)
            with tempfile.NamedTemporaryFile(suffix=".json", delete=False) as handle:
                out = handle.name
            command = [sys.executable, __file__, "--child", out, "--url", url, "--scale", str(scale)]
            command += ["--runs", str(args.runs), "--warmup", str(args.warmup)] + (["--quick"] if args.quick else [])
            print(f"\n== {db}, {scale:,} partnerships", flush=True)
            subprocess.run(command, check=True, cwd=ROOT)
            reports.append(json.loads(Path(out).read_text()))
            os.unlink(out)
    text = markdown(reports, args)
    Path(args.output).parent.mkdir(parents=True, exist_ok=True)
    Path(args.output).write_text(text)
    print("\n" + text)
    print(f"Written to {os.path.relpath(args.output, ROOT)}")


def sqlite_url(scale, keep):
    RESULTS.mkdir(parents=True, exist_ok=True)
    path = RESULTS / f"bench-{scale}.sqlite3"
    if path.exists() and not keep:
        path.unlink()
    return f"sqlite:///{path}"


def postgres_url(base, scale, keep):
    """The base URL's database with the size appended, created (afresh unless `keep`)."""
    import psycopg

    head, name = base.rsplit("/", 1)
    name = f"{name}_{scale}"
    with psycopg.connect(f"{head}/postgres", autocommit=True) as conn:
        exists = conn.execute("SELECT 1 FROM pg_database WHERE datname = %s", [name]).fetchone()
        if exists and not keep:
            conn.execute(f'DROP DATABASE "{name}" WITH (FORCE)')
            exists = None
        if not exists:
            conn.execute(f'CREATE DATABASE "{name}"')
    return f"{head}/{name}"


# -- the child: set up Django for one database, seed, measure --------------------------------------
def configure(url):
    if url.startswith("sqlite") and Path(url.split("sqlite:///", 1)[-1]).resolve() == (ROOT / "db.sqlite3").resolve():
        sys.exit("Refusing to benchmark against db.sqlite3: use a throwaway database.")
    os.environ.update(
        DATABASE_URL=url,
        DJANGO_SETTINGS_MODULE="partnerships.settings",
        DEBUG="false",
        SECRET_KEY="bench-only-secret-key-not-for-any-real-site",
        SECURE="false",
        ALLOWED_HOSTS="testserver,localhost",
        STATICFILES_BACKEND="django.contrib.staticfiles.storage.StaticFilesStorage",
        MEDIA_ROOT=str(RESULTS / "media"),
        # Time the export's own work in the request, as before it ran in the background (a real
        # request now only enqueues a job); bench/job_memory.py measures the job itself.
        EXPORT_IN_BACKGROUND_ROWS=str(10**9),
    )
    os.environ.setdefault("LOG_LEVEL", "ERROR")
    sys.path.insert(0, str(ROOT))


def percentile(values, fraction):
    """Nearest-rank percentile."""
    ordered = sorted(values)
    return ordered[max(0, math.ceil(fraction * len(ordered)) - 1)]


def summary(timings):
    return {"median": statistics.median(timings), "p95": percentile(timings, 0.95), "runs": len(timings)}


def fetch(client, url, cold=False):
    if cold:
        from django.core.cache import cache

        cache.clear()
    response = client.get(url)
    size = len(b"".join(response.streaming_content)) if response.streaming else len(response.content)
    return response.status_code, size, response


def child(args):
    configure(args.url)
    args.scale = int(args.scale)
    import django

    warnings.filterwarnings("ignore", message="No directory at")  # whitenoise: no collectstatic needed here
    django.setup()
    import logging

    logging.disable(logging.CRITICAL)  # a failing page shows as its status code in the table
    import workloads as work
    from django.contrib.auth import get_user_model
    from django.core.management import call_command
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext
    from django.urls import reverse

    from register.models import Partnership

    report = {"vendor": connection.vendor, "scale": args.scale, "rows": [], "notes": []}
    call_command("migrate", verbosity=0)
    started, cpu = time.perf_counter(), time.process_time()
    call_command("seed_demo", scale=args.scale, stdout=open(os.devnull, "w"))  # noqa: SIM115
    report["seed_s"] = time.perf_counter() - started
    report["seed_cpu_s"] = time.process_time() - cpu
    report["partnerships"] = Partnership.objects.count()
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("VACUUM ANALYZE")  # what autovacuum does soon after a bulk load; plans are then steady
    print(f"Seeded {report['partnerships']:,} partnerships in {report['seed_s']:.1f} s", flush=True)
    gc.collect()
    gc.freeze()  # as partnerships/wsgi.py does once a server process has loaded

    users = get_user_model().objects
    admin, legal, officer = (users.get(username=name) for name in ("admin", "legal", "officer"))
    client = Client(raise_request_exception=False)
    client.force_login(admin)

    def add(label, timings, queries=None, status=None, size=None, floor=None):
        row = {"label": label, **summary(timings), "queries": queries, "status": status, "size": size}
        if floor:
            row["floor_label"], row["floor"] = floor[0], summary(floor[1])["median"]
        report["rows"].append(row)
        shown = f"{label:<44} median {row['median']:>9.1f} ms  p95 {row['p95']:>9.1f} ms  queries {queries}"
        print(shown + (f"  floor {row['floor']:.1f} ms" if floor else ""), flush=True)
        return row

    def page(label, path, runs=args.runs, warmup=args.warmup, floor_sql=False, cold=False):
        """`cold`: empty the cache before each request (the first view after the register changed)."""
        timings = work.timed(lambda: fetch(client, path, cold), runs, warmup)
        with CaptureQueriesContext(connection) as captured:
            status, size, _response = fetch(client, path, cold)
        floor = None
        if floor_sql and (sql := work.page_sql(captured.captured_queries)):
            floor = ("raw SQL for the page's rows", work.timed(lambda: work.run_sql(sql), args.runs, args.warmup))
        return add(label, timings, len(captured), status, size, floor)

    generated = Partnership.objects.order_by("-reference").values_list("reference", flat=True).first()
    page("Register list", reverse("register:partnership_list"), floor_sql=True)
    page("Register list, filtered and searched", reverse("register:partnership_list") + "?" + SEARCH, floor_sql=True)
    page("Register list, searched for a theme", reverse("register:partnership_list") + "?" + NARROW_SEARCH)
    page("Partnership page (busy)", reverse("register:partnership_detail", args=[BUSY]))
    page("Partnership page (generated)", reverse("register:partnership_detail", args=[generated]))
    page("Dashboard", reverse("dashboard:index"))
    page("Dashboard, first view after a change (counted afresh)", reverse("dashboard:index"), cold=True)
    page("Dashboard: reviews due", reverse("dashboard:review_due"))
    if not args.quick:
        page("Register list, page 5", reverse("register:partnership_list") + "?page=5")
        page("Register list, sorted by lead officer", reverse("register:partnership_list") + "?sort=lead_officer")
        page("Dashboard: compliance gaps", reverse("dashboard:compliance"))
        page("Dashboard: risks", reverse("dashboard:risks"))
        page("Agreements list", reverse("agreements:list"))
        page("Lessons library", reverse("reviews:lessons"))

    # Export of the full register, against openpyxl writing the same values.
    export_url = reverse("toolkit:export")
    timings = work.timed(lambda: fetch(client, export_url), HEAVY_RUNS, 1)
    with CaptureQueriesContext(connection) as captured:
        status, size, response = fetch(client, export_url)
    content = b"".join(response.streaming_content) if response.streaming else response.content
    values = work.sheet_values(content)
    floor = work.timed(functools.partial(work.xlsxwriter_bare_write, values), HEAVY_RUNS, 1)
    add("Toolkit export (xlsx, full register)", timings, len(captured), status, size, ("XlsxWriter bare write", floor))
    add("openpyxl bare write (same cells)", work.timed(functools.partial(work.bare_write, values), HEAVY_RUNS, 1))
    add("rustpy-xlsxwriter bare write (same cells)", work.timed(functools.partial(work.rust_bare_write, values), 2, 1))

    # Import of a generated 5,000-row workbook (rolled back after each run), against its reader (calamine)
    # reading it bare; openpyxl's bare read beside it.
    workbook = work.import_workbook(content)
    large_workbook = work.import_workbook(content, work.IMPORT_ROWS_LARGE)
    # Let go of the export's million cell values first: a server process would not be holding them,
    # and every full garbage collection later in this run would walk them all.
    del values, content, response, captured
    gc.collect()
    (RESULTS / "import-5000.xlsx").write_bytes(workbook)
    timings = work.timed(lambda: work.import_once(workbook, admin), HEAVY_RUNS, 1)
    with CaptureQueriesContext(connection) as captured:
        counts = work.import_once(workbook, admin)
    floor = work.timed(lambda: work.calamine_read(workbook), HEAVY_RUNS, 1)
    row = add("Toolkit import (5,000 rows)", timings, len(captured), None, len(workbook), ("calamine bare read", floor))
    row["rows_per_s"] = work.IMPORT_ROWS / (row["median"] / 1000)
    add("openpyxl bare read (same workbook)", work.timed(lambda: work.bare_read(workbook), HEAVY_RUNS, 1))
    import_floors(add, work, admin, (workbook, timings, floor), large_workbook)
    del large_workbook
    # The same rows saved by LibreOffice as .xls and .ods, against calamine's bare read of each.
    others = work.converted(workbook)
    if not others:
        report["notes"].append("LibreOffice (soffice) is not installed: no .xls and .ods import timings.")
    for kind, other in others.items():
        timings = work.timed(lambda other=other, kind=kind: work.import_once(other, admin, kind), HEAVY_RUNS, 1)
        floor = work.timed(lambda other=other: work.calamine_read(other), HEAVY_RUNS, 1)
        row = add(
            f"Toolkit import (5,000 rows, .{kind})", timings, None, None, len(other), ("calamine bare read", floor)
        )
        row["rows_per_s"] = work.IMPORT_ROWS / (row["median"] / 1000)
    report["notes"].append(f"Import counts: {counts}")

    # Agreement PDF: approve one agreement (the request: records the decision, queues the PDF), issue its
    # PDF as the worker does, then render and download it.
    agreement, approve_ms, issue_ms = work.approved_agreement(legal, officer)
    add("Agreement approval (queues the PDF)", [approve_ms])
    add("Agreement PDF issue (task, on the worker)", [issue_ms])
    add("Agreement PDF (render)", work.timed(lambda: work.render_pdf(agreement), HEAVY_RUNS, 1))
    pdf_url = reverse("agreements:pdf", args=[agreement.partnership.reference, agreement.version_number])
    page("Agreement PDF (download, issued)", pdf_url, runs=HEAVY_RUNS, warmup=1)

    # The committee's annual report of an assurance round of 60 partnerships (issue 14's PDF budget).
    in_round = list(Partnership.objects.live().order_by("reference")[:60])
    assurance_round = work.assurance_round_of(in_round, admin)
    add(
        "Annual report PDF (60 partnerships, render)",
        work.timed(lambda: work.render_annual_report(assurance_round), HEAVY_RUNS, 1),
    )
    Path(args.child).write_text(json.dumps(report))


# -- the import at 5,000 and 20,000 rows against the database's own floor (issue 17) ----------------
def import_floors(add, work, admin, small, large_workbook):
    """The database's bulk write of the same rows (and their history) alone; the import at 20,000 rows.

    The import cannot be faster than its reader's bare read plus the database writing the same rows,
    so that sum is reported as a floor too. `small` is (workbook, import timings, bare read timings)."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    def database_floor(workbook, rows, timings, read):
        floor_rows = work.import_floor_rows(workbook, admin)
        database = work.timed(lambda: work.database_floor(floor_rows, admin), HEAVY_RUNS, 1)
        add(f"Database floor: the {rows:,} rows + history, written bare", database)
        combined = [a + b for a, b in zip(sorted(read), sorted(database), strict=True)]
        add(f"Toolkit import ({rows:,} rows), against read + database", timings, floor=("read + database", combined))

    database_floor(*small[:1], work.IMPORT_ROWS, *small[1:])
    timings = work.timed(lambda: work.import_once(large_workbook, admin), HEAVY_RUNS, 1)
    with CaptureQueriesContext(connection) as captured:
        work.import_once(large_workbook, admin)
    read = work.timed(lambda: work.calamine_read(large_workbook), HEAVY_RUNS, 1)
    row = add(
        "Toolkit import (20,000 rows)", timings, len(captured), None, len(large_workbook), ("calamine bare read", read)
    )
    row["rows_per_s"] = work.IMPORT_ROWS_LARGE / (row["median"] / 1000)
    database_floor(large_workbook, work.IMPORT_ROWS_LARGE, timings, read)


# -- the table --------------------------------------------------------------------------------------
def verdict(row, scale):
    budget = BUDGETS.get(row["label"])
    if not budget or scale < 20000:
        return ""
    kind, limit = budget
    if kind == "ratio":
        value = row["median"] / row["floor"]
        ok = value <= limit
        if row["label"].startswith("Toolkit import"):
            ok = ok and row["rows_per_s"] >= 2000
            return f"{'met' if ok else 'MISSED'} (≤ {limit}x and ≥ 2,000 rows/s)"
        return f"{'met' if ok else 'MISSED'} (≤ {limit}x)"
    return f"{'met' if row[kind] < limit else 'MISSED'} ({kind} < {limit:,} ms)"


def markdown(reports, args):
    lines = ["# Benchmark results", ""]
    lines.append(
        f"`bench/run.py`, {args.runs} timed runs after {args.warmup} warm-up per page ({HEAVY_RUNS} after 1 for "
        "downloads, the import and the PDF); times in milliseconds; the ratio is our median over the floor's median."
    )
    lines.append("Budgets apply at 20,000 partnerships.")
    for report in reports:
        vendor = {"sqlite": "SQLite", "postgresql": "PostgreSQL"}[report["vendor"]]
        lines += ["", f"## {vendor}, {report['partnerships']:,} partnerships", ""]
        lines.append(f"Seeded with `seed_demo --scale {report['scale']}` in {report['seed_s']:.1f} s.")
        lines += ["", "| Measure | Median | p95 | Queries | KB | Floor | Floor median | Ratio | Budget |"]
        lines.append("| --- | ---: | ---: | ---: | ---: | --- | ---: | ---: | --- |")
        for row in report["rows"]:
            floor = row.get("floor")
            ratio = f"{row['median'] / floor:.1f}x" if floor else ""
            label = row["label"] + (f" ({row['rows_per_s']:,.0f} rows/s)" if "rows_per_s" in row else "")
            if row.get("status") not in (None, 200):
                label += f" **HTTP {row['status']}**"
            cells = [
                label,
                f"{row['median']:.1f}",
                f"{row['p95']:.1f}",
                "" if row["queries"] is None else str(row["queries"]),
                "" if row.get("size") is None else f"{row['size'] / 1024:.0f}",
                row.get("floor_label", ""),
                f"{floor:.1f}" if floor else "",
                ratio,
                verdict(row, report["scale"]),
            ]
            lines.append("| " + " | ".join(cells) + " |")
        lines += [f"{note}" for note in ["", *report["notes"]]]
    return "\n".join(lines) + "\n"


if __name__ == "__main__":
    sys.path.insert(0, str(Path(__file__).resolve().parent))
    main()
