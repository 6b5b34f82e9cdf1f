import datetime

import pytest

from register.choices import ReviewFrequency, Status
from register.dates import add_months
from register.models import Partnership
from tests.factories import ActivePartnershipFactory, PerformanceReviewFactory

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    ("day", "months", "expected"),
    [
        (datetime.date(2026, 1, 31), 1, datetime.date(2026, 2, 28)),
        (datetime.date(2024, 2, 29), 12, datetime.date(2025, 2, 28)),
        (datetime.date(2026, 11, 24), 3, datetime.date(2027, 2, 24)),
        (datetime.date(2026, 8, 31), 6, datetime.date(2027, 2, 28)),
    ],
)
def test_add_months_clamps_to_month_end(day, months, expected):
    assert add_months(day, months) == expected


@pytest.mark.parametrize(
    ("frequency", "expected"),
    [
        (ReviewFrequency.QUARTERLY, datetime.date(2026, 6, 15)),
        (ReviewFrequency.SIX_MONTHLY, datetime.date(2026, 9, 15)),
        (ReviewFrequency.ANNUAL, datetime.date(2027, 3, 15)),
        (ReviewFrequency.BIENNIAL, datetime.date(2028, 3, 15)),
    ],
)
def test_completing_a_review_moves_the_review_dates_by_the_frequency(frequency, expected):
    partnership = ActivePartnershipFactory(review_frequency=frequency, last_review=datetime.date(2025, 3, 1))
    review = PerformanceReviewFactory(partnership=partnership, review_date=datetime.date(2026, 3, 15))
    review.complete()
    partnership.refresh_from_db()
    assert partnership.last_review == datetime.date(2026, 3, 15)
    assert partnership.next_review_due == expected
    assert review.completed_at is not None


def test_recording_an_older_review_does_not_move_dates_backwards():
    partnership = ActivePartnershipFactory(
        last_review=datetime.date(2026, 6, 1), next_review_due=datetime.date(2027, 6, 1)
    )
    PerformanceReviewFactory(partnership=partnership, review_date=datetime.date(2025, 6, 1)).complete()
    partnership.refresh_from_db()
    assert (partnership.last_review, partnership.next_review_due) == (
        datetime.date(2026, 6, 1),
        datetime.date(2027, 6, 1),
    )


def test_overdue_means_live_and_past_its_review_date():
    today = datetime.date(2026, 11, 24)
    overdue = ActivePartnershipFactory(next_review_due=datetime.date(2026, 11, 23))
    due_today = ActivePartnershipFactory(next_review_due=today)
    closed = ActivePartnershipFactory(status=Status.CLOSED, next_review_due=datetime.date(2020, 1, 1))
    assert overdue.is_review_overdue(today) and not due_today.is_review_overdue(today)
    assert not closed.is_review_overdue(today)
    assert list(Partnership.objects.review_overdue(today)) == [overdue]
