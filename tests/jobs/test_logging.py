"""JSON logs carry the request id, which is also sent back so a report can quote it."""

import json
import logging

import pytest

from partnerships.observability import JsonFormatter, RequestIdFilter, request_id

pytestmark = pytest.mark.django_db


def test_each_response_has_a_request_id_and_a_sensible_incoming_one_is_kept(client):
    first, second = client.get("/healthz"), client.get("/healthz")
    assert len(first["X-Request-ID"]) == 32 and first["X-Request-ID"] != second["X-Request-ID"]
    assert client.get("/healthz", headers={"X-Request-ID": "lb-1234abcd"})["X-Request-ID"] == "lb-1234abcd"
    forged = client.get("/healthz", headers={"X-Request-ID": "x\nFAKE LOG LINE"})
    assert "\n" not in forged["X-Request-ID"]


def test_a_log_line_is_one_json_object_with_the_request_id():
    record = logging.LogRecord("register", logging.WARNING, __file__, 1, "Import of %s refused", ("a.xlsx",), None)
    token = request_id.set("abc12345")
    try:
        RequestIdFilter().filter(record)
    finally:
        request_id.reset(token)
    line = JsonFormatter().format(record)
    assert "\n" not in line
    entry = json.loads(line)
    assert entry["message"] == "Import of a.xlsx refused" and entry["request_id"] == "abc12345"
    assert entry["level"] == "WARNING" and entry["logger"] == "register"
