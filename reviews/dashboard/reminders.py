"""Review reminders: one digest a day for each lead officer, of what needs their attention.

A digest lists the officer's live partnerships whose review is overdue or due within the window,
and the open risks on those partnerships that are past their review date. Each send is recorded
(ReminderSent), so running the command again the same day sends nothing twice.
"""

import datetime
from dataclasses import dataclass, field

from django.conf import settings
from django.core.mail import send_mail
from django.db import transaction
from django.template.loader import render_to_string

from register import lifecycle
from register.models import Partnership, RiskEntry
from reviews.models import ReminderSent


@dataclass
class Digest:
    officer: object
    reviews: list = field(default_factory=list)
    risks: list = field(default_factory=list)

    @property
    def subject(self):
        parts = []
        if self.reviews:
            parts.append(f"{len(self.reviews)} review{'s' if len(self.reviews) != 1 else ''}")
        if self.risks:
            parts.append(f"{len(self.risks)} risk{'s' if len(self.risks) != 1 else ''}")
        verb = "needs" if len(self.reviews) + len(self.risks) == 1 else "need"
        return f"Partnership register: {' and '.join(parts)} {verb} your attention"


def digests(today, days):
    """{officer: Digest} for every lead officer with something due. Two queries."""
    horizon = today + datetime.timedelta(days=days)
    reviews = (
        Partnership.objects.live()
        .filter(lead_officer__isnull=False, next_review_due__lte=horizon)
        .select_related("lead_officer")
        .order_by("next_review_due", "reference")
    )
    risks = (
        RiskEntry.objects.past_review_date(today)
        .filter(partnership__status__in=lifecycle.LIVE, partnership__lead_officer__isnull=False)
        .select_related("partnership__lead_officer")
        .order_by("review_date", "partnership__reference", "risk_id")
    )
    by_officer = {}
    for partnership in reviews:
        partnership.overdue = partnership.next_review_due < today
        by_officer.setdefault(partnership.lead_officer, Digest(partnership.lead_officer)).reviews.append(partnership)
    for risk in risks:
        officer = risk.partnership.lead_officer
        by_officer.setdefault(officer, Digest(officer)).risks.append(risk)
    return by_officer


def send_reminders(today, days, log=print):
    """Email each officer their digest unless they have had one today. Returns the number sent."""
    sent = 0
    for officer, digest in sorted(digests(today, days).items(), key=lambda item: item[0].pk):
        name = officer.get_full_name() or officer.get_username()
        if not officer.email:
            log(f"Not sent to {name}: no email address.")
            continue
        with transaction.atomic():
            _, created = ReminderSent.objects.get_or_create(
                officer=officer,
                sent_on=today,
                defaults={"reviews": len(digest.reviews), "risks": len(digest.risks)},
            )
            if not created:
                log(f"Already sent to {name} today.")
                continue
            body = render_to_string(
                "dashboard/email/review_reminder.txt",
                {
                    "digest": digest,
                    "name": name,
                    "today": today,
                    "days": days,
                    "site_url": settings.SITE_URL.rstrip("/"),
                },
            )
            send_mail(digest.subject, body, None, [officer.email])  # on failure the record is rolled back
        sent += 1
        log(f"Sent to {name}: {len(digest.reviews)} reviews, {len(digest.risks)} risks.")
    return sent
