import datetime

from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.urls import reverse

from partnerships.history import HistoricalRecords

from .. import risk as scoring
from ..choices import RiskCategory, RiskStatus
from .base import TimeStamped, Versioned

ONE_TO_FIVE = [MinValueValidator(1), MaxValueValidator(5)]


def _rating(verbose_name, help_text, **kwargs):
    return models.PositiveSmallIntegerField(
        verbose_name,
        validators=ONE_TO_FIVE,
        choices=[(n, str(n)) for n in scoring.SCALE],
        help_text=help_text,
        **kwargs,
    )


class RiskEntryQuerySet(models.QuerySet):
    def open(self):
        return self.filter(status=RiskStatus.OPEN)

    def past_review_date(self, today=None):
        return self.open().filter(review_date__lt=today or datetime.date.today())

    def with_bands(self):
        return self.annotate(
            inherent_band_db=scoring.band_expression("inherent_score"),
            residual_band_db=scoring.band_expression("residual_score"),
        )


class RiskEntry(TimeStamped, Versioned):
    """One line of a partnership's risk register."""

    partnership = models.ForeignKey(
        "register.Partnership",
        on_delete=models.CASCADE,
        related_name="risks",
        db_index=False,  # the heat-map index below (and the unique Risk ID) start with it
    )
    risk_id = models.CharField(
        "Risk ID", max_length=20, help_text="Short reference within this partnership, such as R1."
    )
    description = models.TextField("Risk description", help_text="What could go wrong, and what would happen.")
    category = models.CharField(max_length=20, choices=RiskCategory.choices)
    owner = models.CharField("Risk owner", max_length=120, help_text="The person who manages this risk.")
    likelihood = _rating("Likelihood", "Before controls: 1 = rare, 5 = almost certain.")
    impact = _rating("Impact", "Before controls: 1 = negligible, 5 = severe.")
    inherent_score = models.GeneratedField(
        expression=models.F("likelihood") * models.F("impact"),
        output_field=models.PositiveSmallIntegerField(),
        db_persist=True,
    )
    controls = models.TextField("Controls and mitigations", blank=True)
    residual_likelihood = _rating("Residual likelihood", "After controls, 1 to 5.", null=True, blank=True)
    residual_impact = _rating("Residual impact", "After controls, 1 to 5.", null=True, blank=True)
    residual_score = models.GeneratedField(
        expression=models.F("residual_likelihood") * models.F("residual_impact"),
        output_field=models.PositiveSmallIntegerField(null=True),
        db_persist=True,
    )
    review_date = models.DateField("Risk review date", null=True, blank=True)
    status = models.CharField(max_length=12, choices=RiskStatus.choices, default=RiskStatus.OPEN)
    corporate_risk_ref = models.CharField(
        "Corporate risk register reference",
        max_length=40,
        blank=True,
        help_text="If this risk is also on the council's corporate risk register, its reference there.",
    )

    objects = RiskEntryQuerySet.as_manager()
    history = HistoricalRecords()

    class Meta:
        verbose_name = "risk entry"
        verbose_name_plural = "risk entries"
        ordering = ["partnership", "risk_id"]
        constraints = [
            models.UniqueConstraint(fields=["partnership", "risk_id"], name="risk_id_unique_per_partnership"),
            models.CheckConstraint(condition=models.Q(likelihood__range=(1, 5)), name="risk_likelihood_1_5"),
            models.CheckConstraint(condition=models.Q(impact__range=(1, 5)), name="risk_impact_1_5"),
            models.CheckConstraint(
                condition=models.Q(residual_likelihood__isnull=True) | models.Q(residual_likelihood__range=(1, 5)),
                name="risk_residual_likelihood_1_5",
            ),
            models.CheckConstraint(
                condition=models.Q(residual_impact__isnull=True) | models.Q(residual_impact__range=(1, 5)),
                name="risk_residual_impact_1_5",
            ),
        ]
        indexes = [
            models.Index(fields=["status", "review_date"]),
            # The open risks worst first (dashboard risk list), ties in the order of the last two columns:
            # the first page is read from the index, with no sort.
            models.Index(
                fields=["status", "-residual_score", "-inherent_score", "partnership", "risk_id"],
                name="risk_worst_first_idx",
            ),
            # The dashboard's heat maps read every open risk's ratings straight from this index.
            models.Index(
                fields=[
                    *("partnership", "status", "likelihood", "impact"),
                    *("residual_likelihood", "residual_impact", "review_date"),
                ],
                name="risk_heat_map_idx",
            ),
        ]

    def __str__(self):
        return f"{self.partnership.reference} {self.risk_id}: {self.description[:60]}"

    def get_absolute_url(self):
        return reverse("register:risk_update", args=[self.partnership.reference, self.pk])

    # Scores are computed here too, so an unsaved entry (a form preview) shows the right numbers.
    @property
    def inherent(self):
        return scoring.score(self.likelihood, self.impact)

    @property
    def residual(self):
        return scoring.score(self.residual_likelihood, self.residual_impact)

    @property
    def inherent_band(self):
        return scoring.band_for(self.inherent)

    @property
    def residual_band(self):
        return scoring.band_for(self.residual)

    def is_past_review_date(self, today=None):
        today = today or datetime.date.today()
        return self.status == RiskStatus.OPEN and self.review_date is not None and self.review_date < today

    def save(self, *args, **kwargs):
        if not self.risk_id:
            self.risk_id = self.partnership.next_risk_id()
        super().save(*args, **kwargs)
