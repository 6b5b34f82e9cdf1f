"""GOV.UK Notify: every email goes through Notify's HTTP API when configured (here a local stub
that checks what Notify checks: the JSON Web Token signed with the API key, and the payload)."""

import datetime
import io
import json
import threading
import uuid
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import jwt
import pytest
from django.core import mail
from django.core.mail import EmailMessage, get_connection
from django.core.management import call_command

from partnerships.notify import KIND_HEADER
from tests.factories import ActivePartnershipFactory, UserFactory

SERVICE_ID, SECRET = str(uuid.uuid4()), str(uuid.uuid4())
GENERIC, REMINDER = str(uuid.uuid4()), str(uuid.uuid4())


class StubNotify(BaseHTTPRequestHandler):
    received = []
    refuse = False

    def do_POST(self):
        token = self.headers["Authorization"].removeprefix("Bearer ")
        claims = jwt.decode(token, SECRET, algorithms=["HS256"])  # fails like Notify on a wrong key
        assert claims["iss"] == SERVICE_ID
        body = json.loads(self.rfile.read(int(self.headers["Content-Length"])))
        if self.refuse:
            self.answer(400, {"errors": [{"error": "BadRequestError", "message": "Missing personalisation: body"}]})
            return
        self.received.append((self.path, body))
        self.answer(201, {"id": str(uuid.uuid4()), "template": {"id": body["template_id"]}})

    def answer(self, status, payload):
        data = json.dumps(payload).encode()
        self.send_response(status)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(data)))
        self.end_headers()
        self.wfile.write(data)

    def log_message(self, *args):
        pass


@pytest.fixture
def notify(settings):
    StubNotify.received, StubNotify.refuse = [], False
    server = ThreadingHTTPServer(("127.0.0.1", 0), StubNotify)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    settings.EMAIL_BACKEND = "partnerships.notify.NotifyEmailBackend"
    settings.NOTIFY_API_KEY = f"register_test-{SERVICE_ID}-{SECRET}"
    settings.NOTIFY_BASE_URL = f"http://127.0.0.1:{server.server_port}"
    settings.NOTIFY_TEMPLATE_ID = GENERIC
    settings.NOTIFY_TEMPLATES = {"review_reminder": REMINDER}
    yield StubNotify
    server.shutdown()
    server.server_close()


def test_an_email_goes_through_notify_with_the_generic_template(notify):
    sent = mail.send_mail("Reviews due", "Two reviews are due this month.", None, ["olivia@northmoor.gov.uk"])
    assert sent == 1
    assert notify.received == [
        (
            "/v2/notifications/email",
            {
                "email_address": "olivia@northmoor.gov.uk",
                "template_id": GENERIC,
                "personalisation": {"subject": "Reviews due", "body": "Two reviews are due this month."},
            },
        )
    ]


def test_a_kind_of_email_uses_its_own_template_for_each_recipient(notify):
    message = EmailMessage(
        "Review due", "Body", to=["a@northmoor.gov.uk", "b@northmoor.gov.uk"], headers={KIND_HEADER: "review_reminder"}
    )
    assert message.send() == 1
    assert [(body["email_address"], body["template_id"], body["reference"]) for _, body in notify.received] == [
        ("a@northmoor.gov.uk", REMINDER, "review_reminder"),
        ("b@northmoor.gov.uk", REMINDER, "review_reminder"),
    ]


def test_a_refusal_is_an_error_unless_the_caller_asked_for_silence(notify):
    notify.refuse = True
    with pytest.raises(Exception, match="Missing personalisation"):
        mail.send_mail("Subject", "Body", None, ["a@northmoor.gov.uk"])
    assert get_connection(fail_silently=True).send_messages([EmailMessage("S", "B", to=["a@x.org"])]) == 0


def test_review_reminders_reach_notify(notify, db):
    """The reminder command sends through whichever backend is configured: here, Notify."""
    amy = UserFactory(username="amy", first_name="Amy", email="amy@northmoor.gov.uk")
    ActivePartnershipFactory(lead_officer=amy, name="Carers hub", next_review_due=datetime.date.today())
    call_command("send_review_reminders", stdout=io.StringIO())
    [(path, body)] = notify.received
    assert path == "/v2/notifications/email"
    assert body["email_address"] == "amy@northmoor.gov.uk" and body["template_id"] == GENERIC
    assert "Carers hub" in body["personalisation"]["body"]
