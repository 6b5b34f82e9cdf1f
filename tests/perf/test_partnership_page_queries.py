"""The partnership page reads the records a partnership has at most one of (its assessment, agreement
waiver and closure evaluation) in the partnership's own query; the edit form reads its partners with
their organisations in one query (issue 17)."""

import pytest
from django.urls import reverse

from tests.factories import AssessmentFactory, OrganisationFactory, PartnershipMemberFactory
from tests.factories.register import AgreementWaiverFactory, ClosureEvaluationFactory, ExitingPartnershipFactory

pytestmark = pytest.mark.django_db


def page_queries(client, partnership, django_assert_max_num_queries):
    with django_assert_max_num_queries(40) as captured:
        response = client.get(reverse("register:partnership_detail", args=[partnership.reference]))
    assert response.status_code == 200
    return response.content.decode(), [query["sql"] for query in captured.captured_queries]


def test_one_to_one_records_come_with_the_partnership(client_for, admin_user, django_assert_max_num_queries):
    client = client_for(admin_user)
    bare = ExitingPartnershipFactory()
    complete = ExitingPartnershipFactory()
    AssessmentFactory(partnership=complete, why_partnership="No single agency holds all the levers.")
    AgreementWaiverFactory(partnership=complete, reason="A statutory board with terms of reference.")
    ClosureEvaluationFactory(partnership=complete)

    page, queries = page_queries(client, complete, django_assert_max_num_queries)
    assert "No single agency holds all the levers." in page
    assert "A statutory board with terms of reference." in page
    assert "Completed" in page
    for table in ("assessments_partnershipassessment", "register_agreementwaiver", "register_closureevaluation"):
        assert not any(query.startswith(f'SELECT "{table}"') for query in queries), table

    bare_page, bare_queries = page_queries(client, bare, django_assert_max_num_queries)
    assert "Not started. Needed before the partnership closes." in bare_page

    # The change history reads the changed rows of each kind of record that has changes (one query a
    # kind, whatever their number): the bare partnership has no assessment to have changed.
    def not_history(sqls):
        return [sql for sql in sqls if "_historical" not in sql.split(" FROM ", 1)[-1][:60]]

    assert len(not_history(bare_queries)) == len(not_history(queries))


def test_the_edit_form_reads_every_partner_in_one_query(client_for, admin_user, django_assert_max_num_queries):
    client = client_for(admin_user)
    partnership = ExitingPartnershipFactory()
    url = reverse("register:partnership_update", args=[partnership.reference])

    def edit_page_queries():
        with django_assert_max_num_queries(20) as captured:
            response = client.get(url)
        assert response.status_code == 200
        return response.content.decode(), len(captured.captured_queries)

    PartnershipMemberFactory(partnership=partnership, organisation=OrganisationFactory(name="Northmoor NHS Trust"))
    _, few = edit_page_queries()
    for index in range(5):
        PartnershipMemberFactory(partnership=partnership, organisation=OrganisationFactory(name=f"Partner {index}"))
    page, many = edit_page_queries()
    assert 'value="Northmoor NHS Trust"' in page and 'value="Partner 4"' in page
    assert many == few
