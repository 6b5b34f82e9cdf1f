"""Request ids and JSON logs, so one request can be followed across two app servers and the worker.

Each request gets an id: the load balancer's X-Request-ID if it sent a sensible one, else a new one.
It is on every log line written while the request runs, and sent back in the X-Request-ID header.
Written here rather than taken from a library because it is this small (python-json-logger and
django-guid do each half of it, and would be two dependencies for forty lines).
"""

import contextvars
import json
import logging
import re
import uuid

request_id = contextvars.ContextVar("request_id", default="-")
ACCEPTED = re.compile(r"^[A-Za-z0-9._-]{8,64}$")  # anything else (or a log-injection attempt) is replaced


class RequestIdMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        given = request.headers.get("X-Request-ID", "")
        token = request_id.set(given if ACCEPTED.match(given) else uuid.uuid4().hex)
        try:
            response = self.get_response(request)
            response["X-Request-ID"] = request_id.get()
            return response
        finally:
            request_id.reset(token)


class RequestIdFilter(logging.Filter):
    def filter(self, record):
        record.request_id = request_id.get()
        return True


class JsonFormatter(logging.Formatter):
    def format(self, record):
        entry = {
            "time": self.formatTime(record, "%Y-%m-%dT%H:%M:%S%z"),
            "level": record.levelname,
            "logger": record.name,
            "message": record.getMessage(),
            "request_id": getattr(record, "request_id", "-"),
        }
        if record.exc_info:
            entry["exception"] = self.formatException(record.exc_info)
        return json.dumps(entry, default=str)
