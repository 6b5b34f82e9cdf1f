"""Peak memory (RSS) of the background register export job, at two register sizes; and of the import.

    .venv/bin/python bench/job_memory.py                        # PostgreSQL, 1,000 and 20,000 partnerships
    .venv/bin/python bench/job_memory.py --scale 20000 --keep   # reuse an already seeded database
    .venv/bin/python bench/job_memory.py --import-rows 10000,100000   # the import of N new partnerships

For each size it seeds a throwaway PostgreSQL database (`seed_demo --scale N`), then runs the export
job (`partnerships.jobs.runners.export_register`, what the worker runs) in a fresh process and
reports that process's memory before the job (Django loaded) and at its peak (`ru_maxrss`). A job that
runs in constant memory has about the same growth at 1,000 and at 20,000 partnerships.
"""

import argparse
import json
import os
import resource
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
DEFAULT_PG = "postgres://postgres@127.0.0.1:5432/partnerships_jobs_bench"


def environment(url):
    return {
        **os.environ,
        "DATABASE_URL": url,
        "DJANGO_SETTINGS_MODULE": "partnerships.settings",
        "DEBUG": "false",
        "SECRET_KEY": "bench-only-secret-key-not-for-any-real-site",
        # A workbook of 100,000 rows is about 13 MB, over the 10 MB an upload may be by default.
        "TOOLKIT_MAX_UPLOAD_BYTES": str(100 * 1024 * 1024),
        "MEDIA_ROOT": str(ROOT / "bench" / "results" / "media"),
        "LOG_LEVEL": "ERROR",
    }


def seed(url, scale, keep):
    import psycopg

    base, name = url.rsplit("/", 1)
    with psycopg.connect(f"{base}/postgres", autocommit=True) as conn:
        kept = keep and conn.execute("SELECT 1 FROM pg_database WHERE datname = %s", (name,)).fetchone()
        if not kept:
            conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
            conn.execute(f'CREATE DATABASE "{name}"')
    env = environment(url)
    commands = [["migrate", "--no-input"]] + ([] if kept else [["seed_demo", "--scale", str(scale)]])
    for command in commands:
        subprocess.run([sys.executable, "manage.py", *command], cwd=ROOT, env=env, check=True, capture_output=True)


def measure():
    """In the child: run one export job and print what it used, as JSON."""
    sys.path.insert(0, str(ROOT))
    import django

    django.setup()
    from django.contrib.auth import get_user_model

    from partnerships.jobs.models import Job, JobKind
    from partnerships.jobs.runners import export_register

    owner = get_user_model().objects.get(username="admin")
    job = Job.objects.create(kind=JobKind.REGISTER_EXPORT, owner=owner, params={"query": ""})
    before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    started = time.perf_counter()
    export_register(job)
    seconds = time.perf_counter() - started
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    job.refresh_from_db()
    print(
        json.dumps(
            {
                "rows": job.rows_done,
                "seconds": round(seconds, 1),
                "before_mb": round(before / 1024),
                "peak_mb": round(peak / 1024),
                "growth_mb": round((peak - before) / 1024),
                "file_mb": round(job.result.size / 1024 / 1024, 1),
            }
        )
    )
    job.delete_result()
    job.delete()


# -- the import -------------------------------------------------------------------------------------
def make_import_workbook(path, rows):
    """In a child: the register exported, its Register rows cycled into a workbook of `rows` new partnerships."""
    sys.path.insert(0, str(ROOT))
    sys.path.insert(0, str(ROOT / "bench"))
    import django

    django.setup()
    import workloads

    from partnerships.toolkit.exporter import export_workbook
    from register.models import Partnership

    Path(path).write_bytes(workloads.import_workbook(export_workbook(Partnership.objects.all()), rows))


def measure_import(path):
    """In a child: plan and apply the workbook (rolled back, as bench/run.py does), and print what it used."""
    sys.path.insert(0, str(ROOT))
    sys.path.insert(0, str(ROOT / "bench"))
    import django

    django.setup()
    import workloads
    from django.contrib.auth import get_user_model

    owner = get_user_model().objects.get(username="admin")
    content = Path(path).read_bytes()
    before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    started = time.perf_counter()
    counts = workloads.import_once(content, owner)
    seconds = time.perf_counter() - started
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    created = sum(sheet["created"] for sheet in counts.values())
    result = {"rows": created, "seconds": round(seconds, 1), "before_mb": round(before / 1024)}
    result |= {"peak_mb": round(peak / 1024), "growth_mb": round((peak - before) / 1024)}
    print(json.dumps({**result, "file_mb": round(len(content) / 1024 / 1024, 1)}))


def import_memory(sizes, url):
    """The import's peak RSS for workbooks of each size, each in a fresh process."""
    import tempfile

    print("| Rows imported | Import time (s) | RSS before (MB) | Peak RSS (MB) | Growth (MB) | File (MB) |")
    print("| ---: | ---: | ---: | ---: | ---: | ---: |")
    env = environment(url)
    for rows in sizes:
        with tempfile.TemporaryDirectory() as directory:
            path = str(Path(directory) / f"import-{rows}.xlsx")
            subprocess.run([sys.executable, __file__, "--make-workbook", path, "--import-rows", str(rows)],
                           cwd=ROOT, env=env, check=True)  # fmt: skip
            out = subprocess.run([sys.executable, __file__, "--child-import", path],
                                 cwd=ROOT, env=env, check=True, capture_output=True, text=True).stdout  # fmt: skip
        r = json.loads(out.strip().splitlines()[-1])
        cells = [f"{r['rows']:,}", r["seconds"], r["before_mb"], r["peak_mb"], r["growth_mb"], r["file_mb"]]
        print("| " + " | ".join(map(str, cells)) + " |")


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--scale", default="1000,20000")
    parser.add_argument("--database-url", default=DEFAULT_PG, help="base URL; the size is appended to the name")
    parser.add_argument("--keep", action="store_true", help="reuse a database already seeded to the size")
    parser.add_argument("--import-rows", help="measure the import instead: new partnerships per workbook, e.g. 100000")
    parser.add_argument("--child", action="store_true", help=argparse.SUPPRESS)
    parser.add_argument("--make-workbook", help=argparse.SUPPRESS)
    parser.add_argument("--child-import", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        return measure()
    if args.make_workbook:
        return make_import_workbook(args.make_workbook, int(args.import_rows))
    if args.child_import:
        return measure_import(args.child_import)
    if args.import_rows:
        scale = int(args.scale.split(",")[0])  # the register the rows are imported into
        url = f"{args.database_url}_{scale}"
        seed(url, scale, args.keep)
        return import_memory([int(rows) for rows in args.import_rows.split(",")], url)
    print("| Partnerships | Rows exported | Job time (s) | RSS before (MB) | Peak RSS (MB) | Growth (MB) | File (MB) |")
    print("| ---: | ---: | ---: | ---: | ---: | ---: | ---: |")
    for scale in [int(s) for s in args.scale.split(",")]:
        url = f"{args.database_url}_{scale}"
        seed(url, scale, args.keep)
        out = subprocess.run(
            [sys.executable, __file__, "--child"],
            cwd=ROOT,
            env=environment(url),
            check=True,
            capture_output=True,
            text=True,
        ).stdout
        r = json.loads(out.strip().splitlines()[-1])
        print(
            f"| {scale:,} | {r['rows']:,} | {r['seconds']} | {r['before_mb']} | {r['peak_mb']} | {r['growth_mb']} "
            f"| {r['file_mb']} |"
        )


if __name__ == "__main__":
    main()
