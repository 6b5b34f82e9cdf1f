"""GOV.UK Notify as the register's email route (optional; Django's SMTP email is the default).

Every email the register sends goes through Django's mail API; with this backend each message goes
through Notify instead. Notify sends only from templates made in its dashboard, so the register
fills one generic template whose body is just `((body))` and subject `((subject))`. A kind of email
can have a template of its own: the message names its kind in the `X-Register-Kind` header and
settings.NOTIFY_TEMPLATES maps kinds to template ids (each gets the same `subject` and `body`).
"""

import logging

from django.conf import settings
from django.core.mail.backends.base import BaseEmailBackend
from notifications_python_client.errors import APIError
from notifications_python_client.notifications import NotificationsAPIClient

KIND_HEADER = "X-Register-Kind"
logger = logging.getLogger(__name__)


class NotifyEmailBackend(BaseEmailBackend):
    def __init__(self, fail_silently=False, **kwargs):
        super().__init__(fail_silently=fail_silently, **kwargs)
        self.client = NotificationsAPIClient(settings.NOTIFY_API_KEY, base_url=settings.NOTIFY_BASE_URL)

    def template_for(self, message):
        kind = message.extra_headers.get(KIND_HEADER, "")
        return settings.NOTIFY_TEMPLATES.get(kind) or settings.NOTIFY_TEMPLATE_ID

    def send_messages(self, email_messages):
        sent = 0
        for message in email_messages:
            personalisation = {"subject": message.subject, "body": message.body}
            try:
                for recipient in message.recipients():
                    self.client.send_email_notification(
                        email_address=recipient,
                        template_id=self.template_for(message),
                        personalisation=personalisation,
                        reference=message.extra_headers.get(KIND_HEADER) or None,
                    )
            except (APIError, OSError) as error:
                if not self.fail_silently:
                    raise
                logger.warning("GOV.UK Notify refused an email: %s", error)
                continue
            sent += 1
        return sent
