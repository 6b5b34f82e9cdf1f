"""Health-check results: per-principle scores and the spread between respondents."""

import statistics
from dataclasses import dataclass

from django.db.models import Avg

from .models import HealthCheckScore, HealthPrinciple

SCALE_MAX = 4


@dataclass(frozen=True)
class PrincipleResult:
    principle: HealthPrinciple
    respondent_scores: dict  # respondent label -> mean score for this principle
    mean: float | None
    lowest: float | None
    highest: float | None

    @property
    def spread(self):
        """How far apart respondents are (highest minus lowest). Large spreads flag disagreement."""
        return None if self.mean is None else self.highest - self.lowest

    @property
    def needs_attention(self):
        return self.mean is not None and (self.mean < 2.5 or self.spread >= 2)


def health_check_results(partnership):
    """One PrincipleResult per principle, over every respondent's answers for this partnership.

    Two queries whatever the number of respondents.
    """
    rows = (
        HealthCheckScore.objects.filter(response__partnership=partnership)
        .values("response_id", "response__respondent_name", "response__completed_on", "principle_id")
        .annotate(mean=Avg("score"))
        .order_by("response__completed_on", "response_id")
    )
    per_principle = {}
    for row in rows:
        label = f"{row['response__respondent_name']} ({row['response__completed_on']:%d %b %Y})"
        per_principle.setdefault(row["principle_id"], {})[label] = float(row["mean"])
    results = []
    for principle in HealthPrinciple.objects.all():
        scores = per_principle.get(principle.id, {})
        values = list(scores.values())
        results.append(
            PrincipleResult(
                principle=principle,
                respondent_scores=scores,
                mean=statistics.fmean(values) if values else None,
                lowest=min(values) if values else None,
                highest=max(values) if values else None,
            )
        )
    return results
