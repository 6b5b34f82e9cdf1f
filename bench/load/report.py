"""Turn locust's CSV statistics into bench/load/RESULTS.md (printed to stdout)."""

import argparse
import csv
import datetime
import platform


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("stats")
    parser.add_argument("failures")
    parser.add_argument("--trivial", help="locust's statistics for the trivial view on the same server")
    for name in ("users", "duration", "scale", "workers", "cpus", "imports-ok", "imports-failed", "server-errors"):
        parser.add_argument(f"--{name}", default="?")
    args = parser.parse_args()
    with open(args.stats, newline="") as stream:
        rows = list(csv.DictReader(stream))
    total = next(row for row in rows if row["Name"] == "Aggregated")
    try:
        with open(args.failures, newline="") as stream:
            failures = list(csv.DictReader(stream))
    except FileNotFoundError:
        failures = []
    errors = int(total["Failure Count"])
    print("# Load test results\n")
    print(
        f"Run on {datetime.date.today():%d %B %Y} by `bench/load/run.sh` ({platform.node() and 'one machine'}, "
        f"{platform.python_implementation()} {platform.python_version()}).\n"
    )
    print(
        f"- **{args.users} concurrent users** for {args.duration} (locust, headless), browsing, filtering, "
        "editing and exporting; users start 2 a second and the figures count from when all 50 have signed in "
        "(locust --reset-stats), so they show the steady state rather than 50 password hashes at once"
    )
    print(f"- gunicorn ({args.workers} workers × 4 threads) + PostgreSQL + locust, all on 127.0.0.1, {args.cpus} CPUs")
    print(f"- register of about {args.scale} partnerships (`seed_demo`, then `seed_demo --scale {args.scale}`)")
    print(
        f"- meanwhile the sample toolkit was imported every 15 s: {args.imports_ok} imports finished, "
        f"{args.imports_failed} failed\n"
    )
    print("| Figure | Value |\n| --- | --- |")
    print(f"| Requests | {int(total['Request Count']):,} |")
    print(f"| Requests per second | {float(total['Requests/s']):.1f} |")
    print(f"| Median response | {total['50%']} ms |")
    print(f"| 95th percentile response | {total['95%']} ms |")
    print(f"| 99th percentile response | {total['99%']} ms |")
    if args.trivial:
        with open(args.trivial, newline="") as stream:
            ceiling = next(row for row in csv.DictReader(stream) if row["Name"] == "Aggregated")
        share = float(total["Requests/s"]) / max(float(ceiling["Requests/s"]), 0.001)
        print(
            f"| Trivial view, same server, same users with no pauses: requests per second (the ceiling) | "
            f"{float(ceiling['Requests/s']):.1f} (the scenario reached {share:.0%} of it) |"
        )
        print(f"| Trivial view: median / p95 | {ceiling['50%']} ms / {ceiling['95%']} ms |")
        print(f"| Trivial view: errors | {int(ceiling['Failure Count'])} |")
    print(f"| Errors (failed requests) | {errors} |")
    print(f"| Server errors (5xx in the gunicorn log) | {args.server_errors} |\n")
    print("## Per request\n")
    print(
        "| Request | Count | Failures | Median (ms) | p95 (ms) | Max (ms) |\n| --- | ---: | ---: | ---: | ---: | ---: |"
    )
    for row in rows:
        if row["Name"] == "Aggregated":
            continue
        print(
            f"| {row['Type']} {row['Name']} | {row['Request Count']} | {row['Failure Count']} | {row['50%']} | "
            f"{row['95%']} | {float(row['Max Response Time']):.0f} |"
        )
    if failures:
        print("\n## Failures\n")
        for row in failures:
            print(f"- {row['Method']} {row['Name']}: {row['Error']} ({row['Occurrences']}×)")
    print(
        '\nA 409 on saving is the "changed since you opened it" page: two people saved the same partnership '
        "and the second was refused, as it should be. It counts as a success."
    )


if __name__ == "__main__":
    main()
