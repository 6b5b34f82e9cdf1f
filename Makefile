# The two commands a newcomer needs:
#   make run    set up, migrate, load demo data and serve on http://127.0.0.1:8000 (SQLite), with a task worker
#   make test   set up and run every test (unit, view, PDF, then browser tests in real Chromium)
PY := .venv/bin/python
export PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD := 1

.PHONY: run test setup setup-dev lint check test-unit test-browser bench clean

run: setup
	DEBUG=true $(PY) manage.py migrate --no-input
	DEBUG=true $(PY) manage.py seed_demo
	DEBUG=true scripts/serve-with-worker 127.0.0.1:8000

test: setup-dev lint check test-unit test-browser

setup:
	scripts/system-packages
	scripts/venv

setup-dev:
	scripts/system-packages --test
	scripts/venv --dev

lint:
	.venv/bin/ruff check .
	.venv/bin/ruff format --check .

check:
	DJANGO_SETTINGS_MODULE=tests.settings $(PY) manage.py check
	DJANGO_SETTINGS_MODULE=tests.settings $(PY) manage.py makemigrations --check --dry-run

test-unit:
	$(PY) -m pytest -m "not browser" -q

test-browser:
	$(PY) -m pytest -m browser -q -p no:cacheprovider

# The whole benchmark in one go: the load test (bench/load/run.sh), then every page and workload at
# each size on SQLite and PostgreSQL (bench/run.py); writes bench/RESULTS.md. BENCH_ARGS to narrow it.
BENCH_ARGS ?= --db both --scale 1000,20000,100000
bench: setup-dev
	scripts/ensure-postgres
	bench/load/run.sh
	$(PY) bench/run.py $(BENCH_ARGS) --output bench/RESULTS.md

clean:
	rm -rf .venv db.sqlite3 staticfiles .test-media .pytest_cache
