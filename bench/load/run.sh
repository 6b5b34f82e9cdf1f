#!/usr/bin/env bash
# Load test: 50 concurrent staff against gunicorn + PostgreSQL on 127.0.0.1, while a toolkit import runs.
#   bench/load/run.sh                 (defaults: 50 users, 90 s, 20000 partnerships; then the trivial view 20 s)
#   USERS=50 DURATION=60s SCALE=20000 WORKERS=5 bench/load/run.sh   (workers default: 2 x CPUs + 1)
# Needs PostgreSQL at 127.0.0.1:5432 (scripts/ensure-postgres) and the dev requirements (locust).
# Writes bench/load/RESULTS.md. Not part of .ci/run.
set -euo pipefail
cd "$(dirname "$0")/../.."
ROOT=$PWD
PY=$ROOT/.venv/bin/python
USERS=${USERS:-50}
DURATION=${DURATION:-90s}
SCALE=${SCALE:-20000}
WORKERS=${WORKERS:-$(( $(nproc) * 2 + 1 ))}
PORT=${PORT:-8765}
DB=${LOAD_DB:-partnerships_load}
PGHOST=127.0.0.1
WORK=$(mktemp -d)
GUNICORN_PID=""
IMPORT_PID=""

cleanup() {
  [[ -n "$IMPORT_PID" ]] && kill "$IMPORT_PID" 2>/dev/null || true
  [[ -n "$GUNICORN_PID" ]] && kill "$GUNICORN_PID" 2>/dev/null && wait "$GUNICORN_PID" 2>/dev/null || true
  [[ -z "${KEEP_DB:-}" ]] && dropdb --if-exists -h "$PGHOST" -U postgres "$DB" 2>/dev/null || true
  rm -rf "$WORK"
}
trap cleanup EXIT

scripts/ensure-postgres >/dev/null
export DATABASE_URL="postgres://postgres@$PGHOST:5432/$DB"
export DEBUG=false SECURE=false SECRET_KEY="load-test-$(date +%s)-not-for-production" ALLOWED_HOSTS=127.0.0.1
export MEDIA_ROOT="$WORK/media" CONN_MAX_AGE=60 LOG_LEVEL=ERROR BENCH_TRIVIAL_VIEW=true

echo "== database $DB (fresh), seeded with seed_demo and seed_demo --scale $SCALE"
dropdb --if-exists -h $PGHOST -U postgres "$DB"
createdb -h $PGHOST -U postgres "$DB"
$PY manage.py migrate --no-input -v 0
$PY manage.py seed_demo >/dev/null
$PY manage.py seed_demo --scale "$SCALE" | tail -1
$PY manage.py collectstatic --no-input -v 0

echo "== gunicorn on 127.0.0.1:$PORT ($WORKERS workers x 4 threads, $(nproc) CPUs)"
$ROOT/.venv/bin/gunicorn partnerships.wsgi --bind "127.0.0.1:$PORT" --workers "$WORKERS" --threads 4 \
  --worker-class gthread --keep-alive 10 --timeout 60 --log-level warning --access-logfile "$WORK/access.log" &
GUNICORN_PID=$!
for _ in $(seq 1 50); do curl -fs -o /dev/null "http://127.0.0.1:$PORT/accounts/login/" && break; sleep 0.2; done

echo "== an import of the sample toolkit runs during the load (every 15 s)"
touch "$WORK/imports.ok" "$WORK/imports.failed"
(
  while sleep 10; do
    $PY manage.py import_toolkit fixtures/toolkit/partnership-toolkit-sample.xlsx --json >>"$WORK/imports.log" 2>&1 \
      && echo ok >>"$WORK/imports.ok" || echo failed >>"$WORK/imports.failed"
    sleep 5
  done
) &
IMPORT_PID=$!

echo "== locust: $USERS users for $DURATION"
$ROOT/.venv/bin/locust -f bench/load/locustfile.py --headless --users "$USERS" --spawn-rate "${SPAWN_RATE:-2}" \
  --reset-stats --run-time "$DURATION" --host "http://127.0.0.1:$PORT" --csv "$WORK/stats" --only-summary \
  --stop-timeout 10 --exit-code-on-error 0 2>"$WORK/locust.log" || true
kill "$IMPORT_PID" 2>/dev/null || true
wait "$IMPORT_PID" 2>/dev/null || true
IMPORT_PID=""
echo "== locust: $USERS users, no pauses, on the trivial view for ${TRIVIAL_DURATION:-20s} (the stack's ceiling)"
$ROOT/.venv/bin/locust -f bench/load/trivial.py --headless --users "$USERS" --spawn-rate 25 \
  --run-time "${TRIVIAL_DURATION:-20s}" --host "http://127.0.0.1:$PORT" --csv "$WORK/trivial" --only-summary \
  --stop-timeout 5 --exit-code-on-error 0 2>>"$WORK/locust.log" || true
IMPORTS_OK=$(wc -l <"$WORK/imports.ok")
IMPORTS_FAILED=$(wc -l <"$WORK/imports.failed")
SERVER_ERRORS=$(awk '$9 ~ /^5/' "$WORK/access.log" 2>/dev/null | wc -l || echo 0)

$PY bench/load/report.py "$WORK/stats_stats.csv" "$WORK/stats_failures.csv" \
  --users "$USERS" --duration "$DURATION" --scale "$SCALE" --workers "$WORKERS" --cpus "$(nproc)" \
  --trivial "$WORK/trivial_stats.csv" --imports-ok "$IMPORTS_OK" --imports-failed "$IMPORTS_FAILED" --server-errors "$SERVER_ERRORS" \
  > bench/load/RESULTS.md
cat bench/load/RESULTS.md
