"""The stack's ceiling: as many requests as 50 users can make to the smallest view (partnerships/bench.py),
with no pause between them. Run by bench/load/run.sh against the same gunicorn as the scenario."""

from locust import HttpUser, constant, task


class Ceiling(HttpUser):
    wait_time = constant(0)

    @task
    def trivial(self):
        self.client.get("/bench/trivial", name="trivial view")
