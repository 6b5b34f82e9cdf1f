import pytest

from tests.factories import ActivePartnershipFactory, AssessmentFactory, ObjectiveFactory, RiskEntryFactory

pytestmark = pytest.mark.django_db


def test_every_change_records_who_changed_what(officer):
    partnership = ActivePartnershipFactory(name="Community Safety Partnership")
    partnership._history_user = officer
    partnership.name = "Safer Northmoor Partnership"
    partnership.save()

    latest, previous = partnership.history.all()[:2]
    assert latest.history_user == officer
    delta = latest.diff_against(previous)
    assert [(c.field, c.old, c.new) for c in delta.changes] == [
        ("name", "Community Safety Partnership", "Safer Northmoor Partnership")
    ]


@pytest.mark.parametrize("factory", [RiskEntryFactory, AssessmentFactory, ObjectiveFactory])
def test_related_records_keep_history_too(factory):
    obj = factory()
    obj.save()
    assert obj.history.count() == 2


def test_partnership_page_shows_a_record_with_no_history_rows(client_for, officer, partnership):
    # Rows bulk-inserted by `seed_demo --scale` or a database restore may have no history yet.
    partnership.history.all().delete()
    response = client_for(officer).get(partnership.get_absolute_url())
    assert response.status_code == 200
    assert partnership.name in response.content.decode()
