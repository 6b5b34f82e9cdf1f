import pytest

from register import risk
from register.choices import RiskBand
from register.models import RiskEntry
from tests.factories import RiskEntryFactory


@pytest.mark.parametrize(
    ("likelihood", "impact", "score", "band"),
    [
        (1, 1, 1, RiskBand.LOW),
        (2, 2, 4, RiskBand.LOW),
        (1, 5, 5, RiskBand.MEDIUM),
        (3, 4, 12, RiskBand.MEDIUM),
        (3, 5, 15, RiskBand.HIGH),
        (4, 4, 16, RiskBand.HIGH),
        (5, 5, 25, RiskBand.HIGH),
    ],
)
def test_score_and_band_on_the_5x5_matrix(likelihood, impact, score, band):
    assert risk.score(likelihood, impact) == score
    assert risk.band_for(score) == band


def test_every_product_on_the_matrix_has_a_band():
    products = {lik * imp for lik in risk.SCALE for imp in risk.SCALE}
    assert {risk.band_for(p) for p in products} == set(RiskBand)


@pytest.mark.django_db
def test_saved_entry_has_database_scores_matching_python():
    entry = RiskEntryFactory(likelihood=5, impact=4, residual_likelihood=2, residual_impact=3)
    entry.refresh_from_db()
    assert (entry.inherent_score, entry.residual_score) == (20, 6)
    assert (entry.inherent_band, entry.residual_band) == (RiskBand.HIGH, RiskBand.MEDIUM)
    annotated = RiskEntry.objects.with_bands().get(pk=entry.pk)
    assert (annotated.inherent_band_db, annotated.residual_band_db) == ("high", "medium")


@pytest.mark.django_db
def test_unscored_residual_has_no_band():
    entry = RiskEntryFactory(residual_likelihood=None, residual_impact=None)
    assert entry.residual is None and entry.residual_band is None


@pytest.mark.django_db
def test_risk_ids_are_numbered_within_each_partnership():
    first = RiskEntryFactory(risk_id="")
    second = RiskEntryFactory(partnership=first.partnership, risk_id="")
    other = RiskEntryFactory(risk_id="")
    assert (first.risk_id, second.risk_id, other.risk_id) == ("R1", "R2", "R1")
