"""The assurance round's test world: a round open this year, with `partnership` (led by `officer`) in it."""

import datetime

import pytest

from reviews.assurance import rounds
from tests.factories import ObjectiveFactory, PartnershipMemberFactory

TODAY = datetime.date(2026, 6, 1)


@pytest.fixture
def partner(partnership):
    """A partner organisation with a named contact who has an email address."""
    return PartnershipMemberFactory(
        partnership=partnership,
        organisation__name="Kent Community Health NHS Trust",
        contact_name="Priya Partner",
        contact_email="priya.partner@example.nhs.uk",
    )


@pytest.fixture
def objective(partnership):
    return ObjectiveFactory(partnership=partnership, title="Cut hospital discharge delays", target="20% fewer")


@pytest.fixture
def assurance_round(partnership, admin_user, mailoutbox):
    opened = rounds.open_round("2026/27", TODAY + datetime.timedelta(days=30), [partnership], by=admin_user)
    mailoutbox.clear()
    return opened


@pytest.fixture
def assurance_return(assurance_round, partnership):
    return assurance_round.returns.get(partnership=partnership)


def complete_answers(questions):
    """POST data answering every question: governance all yes."""
    data = {}
    for question in questions:
        data[f"question_{question.key}"] = "yes" if question.kind == "yes_no" else f"Answer to {question.key}"
    return data
