"""Real servers for the two-server test: a PostgreSQL database of its own, Redis, moto S3, gunicorns, a worker."""

import os
import re
import signal
import socket
import subprocess
import sys
import time
from pathlib import Path
from urllib.parse import urlsplit, urlunsplit

import boto3
import psycopg
import requests

ROOT = Path(__file__).resolve().parents[2]
BIN = Path(sys.executable).parent
BUCKET = "partnerships-test"


def free_port():
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def wait_for(check, what, timeout=60.0):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        try:
            if check():
                return
        except (requests.ConnectionError, OSError):
            pass
        time.sleep(0.2)
    raise AssertionError(f"Gave up waiting for {what}")


class Stack:
    """Start with `Stack(database_url, redis_url, logs).start()`; `stop()` ends every process it started."""

    def __init__(self, database_url, redis_url, logs):
        parts = urlsplit(database_url)
        self.db_name = parts.path.lstrip("/") + "_multiserver"
        self.admin_url = urlunsplit(parts._replace(path="/postgres"))
        self.database_url = urlunsplit(parts._replace(path="/" + self.db_name))
        self.redis_url, self.logs = redis_url, logs
        self.processes, self.worker = [], None
        self.s3_url = f"http://127.0.0.1:{free_port()}"
        self.env = {
            **os.environ,
            "DJANGO_SETTINGS_MODULE": "partnerships.settings",
            "DATABASE_URL": self.database_url,
            "REDIS_URL": redis_url,
            "STORAGE_BACKEND": "s3",
            "AWS_STORAGE_BUCKET_NAME": BUCKET,
            "AWS_S3_ENDPOINT_URL": self.s3_url,
            "AWS_S3_REGION_NAME": "us-east-1",
            "AWS_ACCESS_KEY_ID": "testing",
            "AWS_SECRET_ACCESS_KEY": "testing",
            "STATICFILES_BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage",
            "WHITENOISE_USE_FINDERS": "true",
            "DEBUG": "false",
            "SECRET_KEY": "two-server-test-key",
            "EXPORT_IN_BACKGROUND_ROWS": "10",
            "CONN_MAX_AGE": "0",
            "LOG_LEVEL": "INFO",
        }

    # -- processes --------------------------------------------------------------------------------
    def spawn(self, name, *command):
        log = open(self.logs / f"{name}.log", "ab")  # noqa: SIM115 (closed with the process)
        process = subprocess.Popen(command, cwd=ROOT, env=self.env, stdout=log, stderr=subprocess.STDOUT)
        self.processes.append(process)
        return process

    def manage(self, *args, **env):
        return subprocess.run(
            [sys.executable, "manage.py", *args],
            cwd=ROOT,
            env={**self.env, **env},
            check=True,
            capture_output=True,
            text=True,
        ).stdout

    def shell(self, code):
        return self.manage("shell", "-c", code)

    def start(self):
        with psycopg.connect(self.admin_url, autocommit=True) as conn:
            conn.execute(f'DROP DATABASE IF EXISTS "{self.db_name}" WITH (FORCE)')
            conn.execute(f'CREATE DATABASE "{self.db_name}"')
        import redis

        redis.Redis.from_url(self.redis_url).flushdb()
        port = self.s3_url.rsplit(":", 1)[1]
        self.spawn("moto", str(BIN / "moto_server"), "-H", "127.0.0.1", "-p", port)
        wait_for(lambda: requests.get(self.s3_url, timeout=2).status_code < 500, "moto S3")
        self.s3 = boto3.client(
            "s3", endpoint_url=self.s3_url, region_name="us-east-1", aws_access_key_id="t", aws_secret_access_key="t"
        )
        self.s3.create_bucket(Bucket=BUCKET)
        self.manage("migrate", "--no-input")
        self.shell(
            "from partnerships.demo.users import USERS, ensure_directorates, ensure_users;"
            "ensure_users(ensure_directorates({u.directorate for u in USERS}))"
        )
        self.servers = [self.gunicorn("a"), self.gunicorn("b")]
        self.start_worker()
        return self

    def gunicorn(self, name):
        url = f"http://127.0.0.1:{free_port()}"
        bind = url.removeprefix("http://")
        self.spawn(f"gunicorn-{name}", str(BIN / "gunicorn"), "partnerships.wsgi", "-b", bind, "-w", "2")
        wait_for(lambda: requests.get(f"{url}/healthz", timeout=5).status_code == 200, f"gunicorn {name}")
        return url

    def start_worker(self):
        self.worker = self.spawn("worker", sys.executable, "manage.py", "db_worker", "--interval", "0.2")
        return self.worker

    def kill_worker(self):
        self.worker.send_signal(signal.SIGKILL)  # no chance to tidy up: as if the machine died
        self.worker.wait(10)

    def stop(self):
        for process in reversed(self.processes):
            if process.poll() is None:
                process.terminate()
        for process in self.processes:
            try:
                process.wait(10)
            except subprocess.TimeoutExpired:
                process.kill()
        with psycopg.connect(self.admin_url, autocommit=True) as conn:
            conn.execute(f'DROP DATABASE IF EXISTS "{self.db_name}" WITH (FORCE)')

    # -- looking at the shared database -------------------------------------------------------------
    def query(self, sql, *params):
        with psycopg.connect(self.database_url, autocommit=True) as conn:
            return conn.execute(sql, params).fetchall()

    def count(self, table):
        return self.query(f'SELECT COUNT(*) FROM "{table}"')[0][0]


class Browser(requests.Session):
    """A signed-in user: one cookie jar for both servers (they differ only by port), as behind a load balancer."""

    def sign_in(self, server, username, password):
        self.get(f"{server}/accounts/login/")
        response = self.post(
            f"{server}/accounts/login/",
            data={"username": username, "password": password, "csrfmiddlewaretoken": self.cookies["csrftoken"]},
            allow_redirects=False,
        )
        assert response.status_code == 302, response.text[:500]

    def post_form(self, url, data=None, files=None):
        return self.post(
            url,
            data={**(data or {}), "csrfmiddlewaretoken": self.cookies["csrftoken"]},
            files=files,
            allow_redirects=False,
        )


def headline(page):
    """{label: figure} of the dashboard's "At a glance" figures."""
    found = re.findall(r'app-figure__value">([^<]*)</span>\s*<span class="app-figure__label">([^<]*)<', page)
    return {label.strip(): value.strip() for value, label in found}
