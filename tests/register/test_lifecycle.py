import datetime

import pytest

from register import lifecycle
from register.choices import Status
from register.lifecycle import TransitionNotAllowed
from tests.factories import (
    ActivePartnershipFactory,
    AgreementWaiverFactory,
    AssessmentFactory,
    ObjectiveFactory,
    ProposedPartnershipFactory,
    RiskEntryFactory,
    answer_scope_screening,
)

pytestmark = pytest.mark.django_db


def test_a_proposal_is_carried_to_active_and_each_step_is_recorded(officer, approver):
    partnership = ProposedPartnershipFactory(next_review_due=None, start_date=None, lead_officer=officer)
    answer_scope_screening(partnership)
    AssessmentFactory(partnership=partnership)
    RiskEntryFactory(partnership=partnership)
    ObjectiveFactory(partnership=partnership)
    AgreementWaiverFactory(partnership=partnership, granted_by=approver)
    partnership.assess(by=officer, note="Assessment complete")
    partnership.approve(by=approver, note="Cabinet approved 3 March")
    partnership.activate(by=officer)

    partnership.refresh_from_db()
    assert partnership.status == Status.ACTIVE
    steps = list(partnership.transitions.order_by("at", "id").values_list("from_status", "to_status", "by", "note"))
    assert steps == [
        ("proposed", "assessed", officer.pk, "Assessment complete"),
        ("assessed", "approved", approver.pk, "Cabinet approved 3 March"),
        ("approved", "active", officer.pk, ""),
    ]
    # Going live sets a start date and schedules the first review by the review frequency (annual).
    assert partnership.start_date == datetime.date.today()
    assert partnership.next_review_due == partnership.next_review_after(datetime.date.today())


@pytest.mark.parametrize(
    ("start", "target"),
    [
        (Status.PROPOSED, Status.ACTIVE),
        (Status.CLOSED, Status.ACTIVE),
        (Status.ACTIVE, Status.PROPOSED),
        (Status.REJECTED, Status.ACTIVE),
        (Status.APPROVED, Status.CLOSED),
    ],
)
def test_moves_outside_the_lifecycle_are_refused_and_change_nothing(start, target):
    partnership = ProposedPartnershipFactory(status=start)
    with pytest.raises(TransitionNotAllowed, match="cannot move to"):
        partnership.transition(target)
    partnership.refresh_from_db()
    assert partnership.status == start
    assert not partnership.transitions.exists()


def test_every_status_has_an_entry_and_closed_is_final():
    assert set(lifecycle.TRANSITIONS) == set(Status)
    assert lifecycle.allowed_next(Status.CLOSED) == ()
    for targets in lifecycle.TRANSITIONS.values():
        assert all(target in Status for target in targets)


def test_a_move_makes_an_open_edit_form_stale():
    partnership = ActivePartnershipFactory()
    opened_at = partnership.lock_version
    partnership.start_review()
    stale = type(partnership).objects.get(pk=partnership.pk)
    stale.name = "Renamed in a form opened before the move"
    assert stale.save_checked(opened_at) is False
    partnership.refresh_from_db()
    assert partnership.name != stale.name
