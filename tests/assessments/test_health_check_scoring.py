import pytest

from assessments.models import HealthPrinciple, HealthStatement
from assessments.scoring import health_check_results
from tests.factories import HealthCheckResponseFactory, ProposedPartnershipFactory

pytestmark = pytest.mark.django_db


def test_six_principles_with_statements_are_loaded_from_the_fixture():
    titles = list(HealthPrinciple.objects.values_list("title", flat=True))
    assert len(titles) == 6
    assert titles[0] == "Recognise and accept the need for partnership"
    assert all(HealthStatement.objects.filter(principle__number=n).count() >= 3 for n in range(1, 7))


def test_per_principle_mean_and_spread_between_respondents():
    partnership = ProposedPartnershipFactory()
    HealthCheckResponseFactory(partnership=partnership, respondent_name="Council", scores={1: 4, 2: 3, 4: 1})
    HealthCheckResponseFactory(partnership=partnership, respondent_name="NHS", scores={1: 2, 2: 3, 4: 4})
    HealthCheckResponseFactory(scores={1: 1})  # another partnership's answers do not count

    results = {r.principle.number: r for r in health_check_results(partnership)}
    assert (results[1].mean, results[1].spread) == (3.0, 2)
    assert (results[2].mean, results[2].spread) == (3.0, 0)
    assert (results[4].mean, results[4].spread) == (2.5, 3)
    assert results[3].mean is None and results[3].spread is None
    assert results[1].needs_attention and not results[2].needs_attention


def test_mixed_statement_scores_average_within_a_respondent():
    partnership = ProposedPartnershipFactory()
    response = HealthCheckResponseFactory(partnership=partnership, scores={})
    principle = HealthPrinciple.objects.get(number=5)
    for statement, score in zip(principle.statements.all(), [4, 2, 3], strict=True):
        response.scores.create(principle=principle, statement=statement, score=score)
    (result,) = [r for r in health_check_results(partnership) if r.principle.number == 5]
    assert result.mean == 3.0
    assert response.principle_scores() == {5: 3.0}


def test_results_use_two_queries_whatever_the_number_of_respondents(django_assert_num_queries):
    partnership = ProposedPartnershipFactory()
    for _ in range(5):
        HealthCheckResponseFactory(partnership=partnership, scores=dict.fromkeys(range(1, 7), 3))
    with django_assert_num_queries(2):
        health_check_results(partnership)
