"""The assurance round in the demo: last year's round closed and rated, this year's open.

So a fresh `make run` shows the year-on-year comparison in the committee's annual report, tasks on
lead officers' home pages and a progress page with something in every column. Idempotent: a round
that already exists (by name) is left alone.
"""

import datetime

from django.contrib.auth import get_user_model
from django.utils import timezone

from register.choices import AssuranceRating
from reviews.assurance import rating, rounds
from reviews.assurance.models import (
    ActionStatus,
    AssuranceRound,
    RemedialAction,
    ReturnAnswer,
    ReturnQuestion,
    ReturnStatus,
)

# Last year's confirmed ratings go round these, so that this year some rise and some fall.
LAST_YEAR = [AssuranceRating.REASONABLE, AssuranceRating.LIMITED, AssuranceRating.SUBSTANTIAL]
SUMMARY = "The partnership met most of its objectives this year; the board met quarterly and partners stayed engaged."


def year_name(today):
    """The council's financial year (April to March) as "2026/27"."""
    start = today.year if today.month >= 4 else today.year - 1
    return f"{start}/{(start + 1) % 100:02d}"


# Each line becomes a remedial action when the return is sent (reviews/assurance/actions.py).
IMPROVEMENTS = "Refresh the terms of reference with every partner\nAgree a data sharing agreement for referrals"


def answer_everything(assurance_return, governance="yes"):
    for question in ReturnQuestion.objects.active():
        answer = governance if question.kind == "yes_no" else "See the partnership's records in the register."
        if question.key == "improvements":
            answer = IMPROVEMENTS
        ReturnAnswer.objects.update_or_create(
            assurance_return=assurance_return, question=question, defaults={"answer": answer}
        )
    assurance_return.summary = SUMMARY
    assurance_return.save()


def seed_assurance(today=None):
    """Create the two demo rounds if missing. Returns the number of rounds created."""
    today = today or timezone.localdate()
    admin = get_user_model().objects.filter(username="admin").first()
    partnerships = list(rounds.default_partnerships().order_by("reference"))
    if not partnerships:
        return 0
    created = 0
    last_name, this_name = year_name(today - datetime.timedelta(days=365)), year_name(today)
    if not AssuranceRound.objects.filter(name=last_name).exists():
        last = rounds.open_round(
            last_name, today - datetime.timedelta(days=320), partnerships[:-2], by=admin, notify=False
        )
        for i, assurance_return in enumerate(last.returns.select_related("partnership")):
            answer_everything(assurance_return, governance="no" if i % 3 == 1 else "yes")
            assurance_return.status = ReturnStatus.RETURNED
            assurance_return.submitted_at = timezone.now() - datetime.timedelta(days=330)
            assurance_return.save()
            rating.refresh_proposal(assurance_return)
            chosen = LAST_YEAR[i % len(LAST_YEAR)]
            reason = "" if chosen == assurance_return.proposed_rating else "Confirmed at the committee's meeting."
            assurance_return.confirm_rating(chosen, reason, by=admin)
            if chosen != AssuranceRating.SUBSTANTIAL:
                RemedialAction.objects.create(
                    partnership=assurance_return.partnership,
                    raised_in=last,
                    description="Review the risk register with every partner and record the outcome.",
                    owner=assurance_return.partnership.lead_officer_display or "Lead officer",
                    due_date=today - datetime.timedelta(days=60 if i % 2 else 200),
                    status=ActionStatus.DONE if i % 2 == 0 else ActionStatus.IN_PROGRESS,
                )
        last.close(by=admin)
        created += 1
    if not AssuranceRound.objects.filter(name=this_name).exists():
        this = rounds.open_round(this_name, today + datetime.timedelta(days=45), partnerships, by=admin, notify=False)
        for i, assurance_return in enumerate(this.returns.select_related("partnership")):
            if i % 3 == 0:
                answer_everything(assurance_return)
                assurance_return.submit(by=assurance_return.partnership.lead_officer)
                rating.refresh_proposal(assurance_return)
                if i % 2 == 0:
                    assurance_return.confirm_rating(assurance_return.proposed_rating, by=admin)
            elif i % 3 == 1:
                answer_everything(assurance_return)
                assurance_return.mark_in_progress()
        created += 1
    return created
