"""The change history costs a fixed number of queries however many changes there are."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from register.choices import RAG
from tests.factories import ObjectiveFactory, PartnershipMemberFactory, ProposedPartnershipFactory, RiskEntryFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def partnership(officer, directorate):
    return ProposedPartnershipFactory(lead_officer=officer, directorate=directorate, rag=RAG.GREEN)


def timeline(client, partnership):
    response = client.get(reverse("register:partnership_history", args=[partnership.reference]))
    assert response.status_code == 200


def test_the_timeline_takes_a_fixed_number_of_queries(client_for, officer, partnership, django_assert_num_queries):
    client = client_for(officer)

    def grow():
        risk = RiskEntryFactory(partnership=partnership)
        risk.owner = "Someone else"
        risk.save()
        ObjectiveFactory(partnership=partnership)
        PartnershipMemberFactory(partnership=partnership)
        partnership.refresh_from_db()
        partnership.lead_officer = officer
        partnership.rag = RAG.RED if partnership.rag != RAG.RED else RAG.GREEN
        partnership.save()

    grow()
    with CaptureQueriesContext(connection) as first:
        timeline(client, partnership)
    for _ in range(4):
        grow()
    with django_assert_num_queries(len(first)):
        timeline(client, partnership)
