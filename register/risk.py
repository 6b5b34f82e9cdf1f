"""Risk scoring on the council's 5 x 5 matrix: the bands live here and nowhere else."""

from django.db.models import Case, CharField, F, Value, When

from .choices import RiskBand

SCALE = range(1, 6)

# (band, lowest score, highest score). Scores are likelihood x impact, so 13, 14 and 16-19 can
# only arise from the products listed; the bands cover every possible product.
BANDS = (
    (RiskBand.LOW, 1, 4),
    (RiskBand.MEDIUM, 5, 12),
    (RiskBand.HIGH, 15, 25),
)


def score(likelihood, impact):
    if likelihood is None or impact is None:
        return None
    return likelihood * impact


def band_for(value):
    """The band for a score, or None when the risk has not been scored."""
    if value is None:
        return None
    for band, low, high in BANDS:
        if low <= value <= high:
            return band
    raise ValueError(f"{value} is not a score on the 5 x 5 matrix")


def band_expression(field):
    """The same bands as a database expression, for filtering and counting in SQL."""
    return Case(
        *(When(**{f"{field}__gte": low, f"{field}__lte": high}, then=Value(band.value)) for band, low, high in BANDS),
        default=Value(None),
        output_field=CharField(),
    )


__all__ = ["BANDS", "SCALE", "F", "band_expression", "band_for", "score"]
