"""Emails to partner contacts (through Django's mail API, whatever backend is configured)."""

from django.conf import settings
from django.core.mail import send_mail
from django.template.loader import render_to_string
from django.urls import reverse


def send_invitation(invitation, token):
    """Email the single-use link. The token is not stored, so this is the only copy."""
    partnership = invitation.assurance_return.partnership
    context = {
        "invitation": invitation,
        "partnership": partnership,
        "link": settings.SITE_URL.rstrip("/") + reverse("reviews:partner_health_check", args=[token]),
    }
    send_mail(
        f"Please answer the health check for {partnership.name}",
        render_to_string("reviews/assurance/email/invitation.txt", context),
        None,
        [invitation.contact_email],
    )


def invitation_days():
    """How long an invitation link works, in days (settings.PARTNER_INVITATION_DAYS, default 21)."""
    return getattr(settings, "PARTNER_INVITATION_DAYS", 21)
