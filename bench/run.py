#!/usr/bin/env python
"""Page benchmark: seed a throwaway database, then time every page as the demo administrator.

    .venv/bin/python bench/run.py --scale 1000
    .venv/bin/python bench/run.py --scale 20000 --database-url postgres://postgres@127.0.0.1:5432/partnerships_bench

Without --database-url it uses a fresh SQLite file in bench/results/ (gitignored); it never touches
db.sqlite3. With a PostgreSQL URL the database is migrated and topped up to --scale (seed_demo only
adds what is missing), so point it at a database you can throw away.

For each page: a few warm-up requests, then --runs timed requests with Django's test Client;
prints the median and 95th percentile in milliseconds, the number of SQL queries of one request,
the status code and the response size. Pages whose URL name does not exist yet are listed as
skipped. Not part of the test suite: timings depend on the machine, so tests assert query counts.
"""

import argparse
import logging
import math
import os
import statistics
import sys
import time
import warnings
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
RESULTS = ROOT / "bench" / "results"
HEAVY_RUNS = 3  # timed runs for downloads (exports, PDFs), after one warm-up


def parse_args():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--scale", type=int, default=1000, help="partnerships to seed (default 1000)")
    parser.add_argument("--database-url", help="database to use instead of a fresh SQLite file in bench/results/")
    parser.add_argument("--runs", type=int, default=10, help="timed requests per page (default 10)")
    parser.add_argument("--warmup", type=int, default=2, help="untimed requests per page first (default 2)")
    parser.add_argument("--keep", action="store_true", help="reuse the SQLite file if it exists instead of reseeding")
    return parser.parse_args()


def configure(args):
    """Environment for partnerships.settings, before Django is imported."""
    if args.database_url:
        url = args.database_url
    else:
        RESULTS.mkdir(parents=True, exist_ok=True)
        path = RESULTS / f"bench-{args.scale}.sqlite3"
        if path.exists() and not args.keep:
            path.unlink()
        url = f"sqlite:///{path}"
    if url.startswith("sqlite") and Path(url.split("sqlite:///", 1)[-1]).resolve() == (ROOT / "db.sqlite3").resolve():
        sys.exit("Refusing to benchmark against db.sqlite3: use a throwaway database.")
    os.environ["DATABASE_URL"] = url
    os.environ["DJANGO_SETTINGS_MODULE"] = "partnerships.settings"
    os.environ["DEBUG"] = "false"
    os.environ["ALLOWED_HOSTS"] = "testserver,localhost"
    os.environ["STATICFILES_BACKEND"] = "django.contrib.staticfiles.storage.StaticFilesStorage"
    os.environ["MEDIA_ROOT"] = str(RESULTS / "media")
    os.environ.setdefault("LOG_LEVEL", "ERROR")
    sys.path.insert(0, str(ROOT))
    return url


def pages():
    """(label, URL name, args, query string). Args are callables so objects are looked up after seeding.

    Labels ending in "*" are downloads: they get fewer runs (see HEAVY_RUNS).
    """
    from agreements.models import AgreementStatus, PartnershipAgreement
    from register.models import Partnership
    from reviews.models import PerformanceReview

    busy = "NCC-0002"  # curated: partners, risks, reviews, health checks, two agreement versions

    def generated():
        last = Partnership.objects.order_by("-reference").values_list("reference", flat=True).first()
        return [last]

    def signed_agreement():
        agreement = PartnershipAgreement.objects.filter(
            partnership__reference=busy, status=AgreementStatus.SIGNED
        ).first()
        return [busy, agreement.version_number]

    def review():
        return [busy, PerformanceReview.objects.filter(partnership__reference=busy).values_list("pk", flat=True)[0]]

    return [
        ("Home (redirect)", "home", list, ""),
        ("Register list", "register:partnership_list", list, ""),
        ("Register list, filtered", "register:partnership_list", list, "status=active&significance=high&rag=amber"),
        ("Register list, searched", "register:partnership_list", list, "q=northmoor+partnership"),
        ("Register list, review overdue", "register:partnership_list", list, "review_overdue=true"),
        ("Register list, page 5", "register:partnership_list", list, "page=5"),
        ("Partnership page (busy)", "register:partnership_detail", lambda: [busy], ""),
        ("Partnership page (generated)", "register:partnership_detail", generated, ""),
        ("Partnership edit form", "register:partnership_update", lambda: [busy], ""),
        ("Assessment", "assessments:assessment", lambda: [busy], ""),
        ("Agreements list", "agreements:list", list, ""),
        ("Agreement (current)", "agreements:current", lambda: [busy], ""),
        ("Agreement version", "agreements:detail", signed_agreement, ""),
        ("Agreement compare", "agreements:compare", lambda: [busy], ""),
        ("Agreement PDF *", "agreements:pdf", signed_agreement, ""),
        ("Performance review", "reviews:review_detail", review, ""),
        ("Lessons library", "reviews:lessons", list, ""),
        ("Dashboard", "dashboard:index", list, ""),
        ("Dashboard: partnerships", "dashboard:partnerships", list, ""),
        ("Dashboard: reviews due", "dashboard:review_due", list, ""),
        ("Dashboard: reviews due CSV *", "dashboard:review_due_download", lambda: ["csv"], ""),
        ("Dashboard: compliance", "dashboard:compliance", list, ""),
        ("Dashboard: risks", "dashboard:risks", list, ""),
        ("Dashboard: report", "dashboard:report", list, ""),
        ("Toolkit export (xlsx) *", "toolkit:export", list, ""),
        ("Toolkit export (csv) *", "toolkit:export_csv", list, ""),
        ("Toolkit import history", "toolkit:history", list, ""),
        ("Admin: partnerships", "admin:register_partnership_changelist", list, ""),
    ]


def percentile(values, fraction):
    """Nearest-rank percentile."""
    ordered = sorted(values)
    return ordered[max(0, math.ceil(fraction * len(ordered)) - 1)]


def fetch(client, url):
    response = client.get(url)
    size = len(b"".join(response.streaming_content)) if response.streaming else len(response.content)
    return response.status_code, size


def measure(client, url, runs, warmup):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    for _ in range(warmup):
        fetch(client, url)
    timings = []
    for _ in range(runs):
        started = time.perf_counter()
        fetch(client, url)
        timings.append((time.perf_counter() - started) * 1000)
    with CaptureQueriesContext(connection) as queries:
        status, size = fetch(client, url)
    return status, size, statistics.median(timings), percentile(timings, 0.95), len(queries)


def main():
    args = parse_args()
    url = configure(args)

    import django

    warnings.filterwarnings("ignore", message="No directory at")  # whitenoise: no collectstatic needed here
    django.setup()
    logging.disable(logging.CRITICAL)  # a failing page shows as its status code in the table, not a traceback
    from django.contrib.auth import get_user_model
    from django.core.management import call_command
    from django.db import connection
    from django.test import Client
    from django.urls import NoReverseMatch, reverse

    from register.models import Partnership

    print(f"Database: {connection.vendor} ({url.split('@')[-1]})")
    started = time.perf_counter()
    call_command("migrate", verbosity=0)
    print(f"Migrated in {time.perf_counter() - started:.1f} s")
    started, cpu = time.perf_counter(), time.process_time()
    call_command("seed_demo", scale=args.scale, stdout=open(os.devnull, "w"))  # noqa: SIM115
    if Partnership.objects.count() > args.scale:
        print(f"Note: the database already held more than {args.scale:,} partnerships; nothing was removed.")
    print(
        f"Seeded to {Partnership.objects.count():,} partnerships in {time.perf_counter() - started:.1f} s "
        f"(CPU {time.process_time() - cpu:.1f} s)\n"
    )

    client = Client(raise_request_exception=False)  # a failing page shows as 500 in the table
    client.force_login(get_user_model().objects.get(username="admin"))
    header = f"{'Page':<32} {'Status':>6} {'Median ms':>10} {'p95 ms':>8} {'Queries':>8} {'KB':>8}"
    print(header)
    print("-" * len(header))
    skipped = []
    for label, name, get_args, query in pages():
        try:
            path = reverse(name, args=get_args())
        except NoReverseMatch:
            skipped.append(name)
            continue
        heavy = label.endswith("*")
        runs, warmup = (min(args.runs, HEAVY_RUNS), min(args.warmup, 1)) if heavy else (args.runs, args.warmup)
        status, size, median, p95, queries = measure(client, f"{path}?{query}" if query else path, runs, warmup)
        print(f"{label:<32} {status:>6} {median:>10.1f} {p95:>8.1f} {queries:>8} {size / 1024:>8.1f}")
    if skipped:
        print(f"\nSkipped (no such URL name yet): {', '.join(skipped)}")
    print(f"\nMedian and p95 over {args.runs} runs after {args.warmup} warm-up ({HEAVY_RUNS} runs for * downloads).")


if __name__ == "__main__":
    main()
