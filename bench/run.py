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
With --memory N (as for RESULTS.md: --memory 100000), the peak RSS of the import of 20,000 and N rows
and of the export at N partnerships (bench/job_memory.py) is added under the tables.
The table goes to stdout and to bench/results/latest.md. Timings depend on the machine, so tests
assert query counts instead.
"""

import argparse
import contextlib
import functools
import gc
import json
import math
import os
import re
import signal
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
SLOW_MS = 2000  # a page of the URLconf walk whose first request takes longer is not requested again
STOP_S = 10  # a page of the URLconf walk still running after this is stopped and listed as such
HEAVY_RUNS = 3  # timed runs for downloads, the import and the PDF, after one warm-up
BUSY = "NCC-0002"  # curated: partners, risks, reviews, health checks, two agreement versions
SEARCH = "status=active&significance=high&q=northmoor+partnership"  # broad: the council's name is in most rows
NARROW_SEARCH = "q=flood+resilience"  # a theme: a few hundred partnerships at 20,000

# The lists behind the dashboard's figures: one drill-down of each kind (the figures link to these).
DRILL_DOWNS = (
    ("live partnerships", "status=active&status=approved&status=under_review"),
    ("one directorate", "status=active&directorate=1"),
    ("high significance", "status=active&significance=high"),
)


def parse_args():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--db", choices=["sqlite", "postgres", "both"], default="both")
    parser.add_argument("--scale", default="1000,20000", help="partnerships, comma-separated (default 1000,20000)")
    parser.add_argument("--database-url", default=DEFAULT_PG, help=f"PostgreSQL base URL (default {DEFAULT_PG})")
    parser.add_argument(
        "--runs",
        type=int,
        default=20,
        help="timed requests per page (default 20: the nearest-rank p95 of fewer runs is their slowest)",
    )
    parser.add_argument("--warmup", type=int, default=2, help="untimed requests per page first (default 2)")
    parser.add_argument("--keep", action="store_true", help="reuse a database already seeded to the size")
    parser.add_argument("--quick", action="store_true", help="only the named pages, not every page nor the workloads")
    parser.add_argument("--pages", help="only pages and workloads whose label or URL name matches this regex")
    parser.add_argument(
        "--page-runs",
        type=int,
        help="timed requests per page of the URLconf walk (default: --runs)",
    )
    parser.add_argument(
        "--heavy-scales",
        default="1000,20000",
        help="sizes at which the export, import and PDFs are timed (default 1000,20000: their budgets are at 20,000)",
    )
    parser.add_argument(
        "--memory",
        type=int,
        help="also measure peak RSS (bench/job_memory.py, PostgreSQL) of the import of 20,000 and this many rows "
        "and of the register export at this many partnerships, e.g. 100000 (issue 17)",
    )
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
            command += ["--runs", str(args.runs), "--warmup", str(args.warmup), "--heavy-scales", args.heavy_scales]
            command += ["--quick"] if args.quick else []
            command += ["--keep"] if args.keep else []
            command += ["--pages", args.pages] if args.pages else []
            command += ["--page-runs", str(args.page_runs)] if args.page_runs else []
            print(f"\n== {db}, {scale:,} partnerships", flush=True)
            started = time.perf_counter()
            subprocess.run(command, check=True, cwd=ROOT)
            reports.append(json.loads(Path(out).read_text()))
            reports[-1]["elapsed_s"] = time.perf_counter() - started
            os.unlink(out)
    from tables import markdown

    text = markdown(reports, args, HEAVY_RUNS, STOP_S)
    if args.memory:
        text += memory_tables(args.memory, args.database_url)
    Path(args.output).parent.mkdir(parents=True, exist_ok=True)
    Path(args.output).write_text(text)
    print("\n" + text)
    print(f"Written to {os.path.relpath(args.output, ROOT)}")


def memory_tables(rows, database_url):
    """Peak RSS of the import job's work and of the export job, each in a fresh process (bench/job_memory.py),
    on the PostgreSQL databases the pages were timed on (seeded here if the run did not make them)."""
    script, base = [sys.executable, str(ROOT / "bench" / "job_memory.py"), "--keep"], database_url
    print(f"\n== peak memory: import of 20,000 and {rows:,} rows, export of {rows:,} partnerships", flush=True)
    runs = {
        "Import (`importer.import_workbook`, as the import job runs it) into 1,000 partnerships": [
            *script, "--scale", "1000", "--import-rows", f"20000,{rows}", "--database-url", base,
        ],
        f"Register export job at 1,000 and {rows:,} partnerships": [
            *script, "--scale", f"1000,{rows}", "--database-url", base,
        ],
    }  # fmt: skip
    lines = ["", "## Peak memory (PostgreSQL, `bench/job_memory.py`)", ""]
    for title, command in runs.items():
        table = subprocess.run(command, check=True, cwd=ROOT, capture_output=True, text=True).stdout
        lines += [f"{title}:", "", *[line for line in table.splitlines() if line.startswith("|")], ""]
    return "\n".join(lines)


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
        API_THROTTLE_USER="100000000/hour",  # the bench asks more often than any person would
    )
    os.environ.setdefault("LOG_LEVEL", "ERROR")
    sys.path.insert(0, str(ROOT))


def percentile(values, fraction):
    """Nearest-rank percentile."""
    ordered = sorted(values)
    return ordered[max(0, math.ceil(fraction * len(ordered)) - 1)]


def summary(timings):
    return {"median": statistics.median(timings), "p95": percentile(timings, 0.95), "runs": len(timings)}


def fetch(client, url):
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
            # A kept database has had every earlier run's imports (rolled back, 100,000 dead rows a
            # run) and its tables and indexes only grow: rewritten, it is as a freshly seeded one (a
            # third run on a kept PostgreSQL database at 20,000 had 265,000 dead rows, 325 MB, and a
            # count of 67 ms). A rewrite leaves no page marked all-visible, so index-only scans would
            # read the table: the plain VACUUM after it marks them.
            if args.keep:
                cursor.execute("VACUUM FULL")
            cursor.execute("VACUUM ANALYZE")  # what autovacuum does soon after a bulk load; plans are then steady
    print(f"Seeded {report['partnerships']:,} partnerships in {report['seed_s']:.1f} s", flush=True)
    from partnerships.process import settle_garbage_collector

    settle_garbage_collector()  # as partnerships/wsgi.py does once a server process has loaded

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

    def wanted(*labels):
        return not args.pages or any(re.search(args.pages, label, re.IGNORECASE) for label in labels)

    def page(label, path, runs=args.runs, warmup=args.warmup, floor_sql=False, before=None, budget=True, by=client):
        """`before`: called, untimed, before each request (e.g. a change to the register); `by`: whose client."""
        if not wanted(label):
            return None
        timings = work.timed(lambda: fetch(by, path), runs, warmup, before)
        if before:
            before()
        with CaptureQueriesContext(connection) as captured:
            status, size, _response = fetch(by, path)
        floor = None
        if floor_sql and (sql := work.page_sql(captured.captured_queries)):
            floor = ("raw SQL for the page's rows", work.timed(lambda: work.run_sql(sql), args.runs, args.warmup))
        row = add(label, timings, len(captured), status, size, floor)
        row["page"] = budget
        return row

    generated = Partnership.objects.order_by("-reference").values_list("reference", flat=True).first()
    register_list = reverse("register:partnership_list")
    page("Register list", register_list, floor_sql=True)
    page("Register list, filtered and searched", register_list + "?" + SEARCH, floor_sql=True)
    page("Register list, searched for a theme", register_list + "?" + NARROW_SEARCH, floor_sql=True)
    page("Register list, page 5", register_list + "?page=5")
    page("Register list, sorted by lead officer", register_list + "?sort=lead_officer")
    page("Partnership page (busy)", reverse("register:partnership_detail", args=[BUSY]))
    page("Partnership page (generated)", reverse("register:partnership_detail", args=[generated]))
    page("Dashboard", reverse("dashboard:index"))
    lead_officer = Client(raise_request_exception=False)
    lead_officer.force_login(officer)  # the demo officer leads hundreds of the generated partnerships
    page("My partnerships (an officer's home page)", reverse("home"), by=lead_officer)
    page("Dashboard, first view after a change", reverse("dashboard:index"), before=work.change_the_register)
    if wanted("Dashboard figures counted again"):
        add("Dashboard figures counted again (task, on the worker)", work.timed(work.recount_dashboard, 3, 1))
    for label, query in DRILL_DOWNS:
        page(f"Dashboard drill-down: {label}", reverse("dashboard:partnerships") + "?" + query)
    if wanted("Audit log, page 20"):
        page("Audit log, page 20", older_pages(client, reverse("register:audit_log"), 19))
    if not args.quick:
        every_page(report, client, args, wanted)
    heavy = args.scale in {int(value) for value in args.heavy_scales.split(",")}
    if args.quick or not heavy:
        Path(args.child).write_text(json.dumps(report))
        return

    if wanted("Toolkit export", "Toolkit import", "PDF"):
        workloads(report, client, args, add, page, admin, legal, officer)
    Path(args.child).write_text(json.dumps(report))


def older_pages(client, path, count):
    """The address `count` pages on from `path`, following each page's "Older changes" link as a
    person would (the links name the change the next page starts after)."""
    import html

    url = path
    for _ in range(count):
        found = re.search(r'href="([^"]+)" rel="next"', client.get(url).content.decode())
        if not found:
            break
        url = path + html.unescape(found.group(1))
    return url


def every_page(report, client, args, wanted):
    """Every page of the URLconf (bench/pages.py), as the register administrator: HTML pages and API
    answers are timed; downloads, redirects and refusals are listed with their status."""
    import pages
    import workloads as work
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    runs = args.page_runs or args.runs
    report["page_runs"] = runs
    report["pages"] = []
    for name, url, reason in pages.pages(BUSY):
        if not wanted(name):
            continue
        entry = {"name": name, "url": url, "reason": reason}
        report["pages"].append(entry)
        if url is None:
            continue
        started = time.perf_counter()
        try:
            with time_limit(STOP_S), CaptureQueriesContext(connection) as captured:
                status, size, response = fetch(client, url)
        except TooSlow:
            connection.close()  # it may have been stopped mid-query; the next request connects afresh
            entry["reason"] = f"stopped after {STOP_S} s"
            continue
        first_ms = (time.perf_counter() - started) * 1000
        sql_ms = sum(float(query["time"] or 0) for query in captured.captured_queries) * 1000
        entry.update(status=status, size=size, queries=len(captured), sql_ms=sql_ms)
        if status != 200:
            location = f" to {response['Location']}" if response.has_header("Location") else ""
            entry["reason"] = f"HTTP {status}{location}"
            continue
        if not pages.is_page(response):
            entry["reason"] = f"a download ({response.get('Content-Type', '').split(';')[0]})"
            continue
        if first_ms > SLOW_MS:  # far over any budget: its first request shows it, and the run stays short
            entry.update(summary([first_ms]), slow=True)
        else:
            entry.update(summary(work.timed(lambda url=url: fetch(client, url), runs, 1)))
        print(f"{name:<44} median {entry['median']:>9.1f} ms  p95 {entry['p95']:>9.1f} ms  queries {entry['queries']}")


class TooSlow(BaseException):  # not an Exception: Django's handler must not turn it into a 500 page
    pass


@contextlib.contextmanager
def time_limit(seconds):
    """Stop the request after `seconds` (SIGALRM, main thread): a page that slow is over budget whatever
    it takes in the end, and waiting for it would stretch the run for every size."""

    def stop(signum, frame):
        raise TooSlow

    previous = signal.signal(signal.SIGALRM, stop)
    signal.setitimer(signal.ITIMER_REAL, seconds)
    try:
        yield
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)


def workloads(report, client, args, add, page, admin, legal, officer):
    """The export, the import and the PDFs, against their floors."""
    import workloads as work
    from django.db import connection
    from django.test.utils import CaptureQueriesContext
    from django.urls import reverse

    from register.models import Partnership

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
    page("Agreement PDF (download, issued)", pdf_url, runs=HEAVY_RUNS, warmup=1, budget=False)

    # The committee's annual report of an assurance round of 60 partnerships (issue 14's PDF budget).
    in_round = list(Partnership.objects.live().order_by("reference")[:60])
    assurance_round = work.assurance_round_of(in_round, admin)
    add(
        "Annual report PDF (60 partnerships, render)",
        work.timed(lambda: work.render_annual_report(assurance_round), HEAVY_RUNS, 1),
    )


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
if __name__ == "__main__":
    sys.path.insert(0, str(Path(__file__).resolve().parent))
    main()
