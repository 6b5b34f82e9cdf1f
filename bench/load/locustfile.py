"""Load scenario: staff browsing, filtering, editing and exporting the register at the same time.

Run by bench/load/run.sh (gunicorn + PostgreSQL on 127.0.0.1 only). Every simulated person signs
in through the real sign-in form as one of the demo users, then works with realistic pauses.
A 409 ("someone else changed this since you opened it") is a correct answer when two people save
the same record, so it is counted as a success under its own name.
"""

import random
import re
import sys
from pathlib import Path

from locust import HttpUser, between, task

sys.path.insert(0, str(Path(__file__).resolve().parents[2]))
from tests.trust.browser_forms import FormReader

PASSWORD = "demo-password"
OFFICERS = ["officer", "officer2", "aisha.rahman", "gareth.lloyd", "chloe.patel", "mark.davies"]
READERS = ["scrutiny", "legal", "admin"]
REFERENCE = re.compile(r'href="/partnerships/([A-Z]+-\d+)/"')
STATUSES = ["active", "under_review", "proposed", "exiting"]
SEARCHES = ["health", "transport", "trust", "board", "waste", "youth", "care"]


def form_fields(html, form_index=1):
    reader = FormReader(form_index)
    reader.feed(html)
    data = {}
    for name, value in reader.fields:
        data.setdefault(name, []).append(value)
    return data


class Staff(HttpUser):
    abstract = True
    wait_time = between(1, 3)
    usernames = READERS

    def on_start(self):
        self.username = random.choice(self.usernames)
        page = self.client.get("/accounts/login/", name="sign in (form)")
        token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', page.text).group(1)
        response = self.client.post(
            "/accounts/login/",
            {"username": self.username, "password": PASSWORD, "csrfmiddlewaretoken": token},
            name="sign in",
            allow_redirects=False,
        )
        if response.status_code != 302:
            raise RuntimeError(f"{self.username} could not sign in: {response.status_code}")
        listing = self.client.get("/partnerships/", name="register list")
        self.references = REFERENCE.findall(listing.text) or ["NCC-0001"]

    @task(5)
    def browse_register(self):
        page = random.randint(1, 40)
        response = self.client.get(f"/partnerships/?page={page}", name="register list (page)")
        found = REFERENCE.findall(response.text)
        if found:
            self.references = found
        self.client.get(f"/partnerships/{random.choice(self.references)}/", name="partnership page")

    @task(3)
    def filter_register(self):
        params = {"status": random.choice(STATUSES), "q": random.choice(SEARCHES)}
        self.client.get("/partnerships/", params=params, name="register list (filtered)")

    @task(2)
    def dashboard(self):
        self.client.get("/dashboard/", name="dashboard")
        self.client.get("/dashboard/reviews-due/", name="reviews due")

    @task(1)
    def export(self):
        if random.random() < 0.5:
            self.client.get("/toolkit/export.csv", params={"status": "active"}, name="export CSV (filtered)")
        else:
            self.client.get("/dashboard/reviews-due/download.xlsx", name="export reviews due (xlsx)")


class Reader(Staff):
    """Scrutiny, legal and the administrator: reading, filtering, exporting."""

    weight = 2
    usernames = READERS


class Officer(Staff):
    """Officers also open and save their own partnerships."""

    weight = 3
    usernames = OFFICERS

    def on_start(self):
        super().on_start()
        home = self.client.get("/", name="my partnerships")
        self.mine = REFERENCE.findall(home.text)

    @task(3)
    def edit_partnership(self):
        if not self.mine:
            return
        reference = random.choice(self.mine)
        url = f"/partnerships/{reference}/edit/"
        with self.client.get(url, name="edit partnership (form)", catch_response=True) as form:
            if form.status_code == 403:
                # The import running meanwhile can hand a partnership to another lead officer: then
                # refusing the edit is right. Stop offering it.
                form.success()
                self.mine.remove(reference)
                return
            data = form_fields(form.text)
            if "lock_version" not in data:
                form.failure("the edit form has no lock_version")
                return
        data["purpose"] = [f"{data.get('purpose', [''])[0][:200]} (checked by {self.username})"[:1000]]
        with self.client.post(
            url, data, name="edit partnership (save)", catch_response=True, allow_redirects=False
        ) as response:
            if response.status_code in (302, 409):
                # 409: someone saved it first and their change was kept; the right answer.
                response.success()
            else:
                response.failure(f"save gave {response.status_code}")
