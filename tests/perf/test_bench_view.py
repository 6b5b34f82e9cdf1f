"""The load test's trivial view (partnerships/bench.py) exists only where BENCH_TRIVIAL_VIEW is set."""

from django.conf import settings


def test_a_deployment_does_not_serve_the_trivial_view(client, db):
    assert not settings.BENCH_TRIVIAL_VIEW
    assert client.get("/bench/trivial").status_code == 404


def test_the_trivial_view_answers_without_the_database(rf):
    """No `db` fixture: any query would fail the test."""
    from partnerships.bench import trivial

    response = trivial(rf.get("/bench/trivial"))
    assert response.status_code == 200
    assert response.content == b"ok"
