import statistics

from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.urls import reverse

from partnerships.history import HistoricalRecords
from register.models.base import TimeStamped, Versioned, user_fk


class Decision(models.TextChoices):
    PENDING = "pending", "Not yet decided"
    PROCEED = "proceed", "Proceed with the partnership"
    PROCEED_WITH_CONDITIONS = "conditions", "Proceed with conditions"
    DO_NOT_PROCEED = "do_not_proceed", "Do not proceed"


class DecisionMaker(models.TextChoices):
    """Who may take the decision to enter a partnership, under the council's constitution."""

    FULL_COUNCIL = "full_council", "Full council"
    CABINET = "cabinet", "Cabinet"
    CABINET_MEMBER = "cabinet_member", "Cabinet member (individual executive decision)"
    COMMITTEE = "committee", "A committee of the council"
    CHIEF_EXECUTIVE = "chief_executive", "Chief executive under delegated powers"
    DIRECTOR = "director", "Director under delegated powers"


# The decisions that let a partnership be approved.
TO_PROCEED = (Decision.PROCEED, Decision.PROCEED_WITH_CONDITIONS)


def _checklist(label, help_text):
    return models.TextField(label, blank=True, help_text=help_text)


class PartnershipAssessment(TimeStamped, Versioned):
    """Why a partnership is the right vehicle, and the fact-finding done before deciding."""

    partnership = models.OneToOneField("register.Partnership", on_delete=models.CASCADE, related_name="assessment")
    issue_or_opportunity = models.TextField(
        "The issue or opportunity", help_text="What need or opportunity would the partnership address?"
    )
    why_partnership = models.TextField(
        "Why a partnership is the best route",
        help_text="What can partners achieve together that the council cannot alone?",
    )
    alternatives_considered = models.TextField(
        blank=True, help_text="Other ways of meeting the need (in-house, commissioning, a contract) and why not."
    )
    # Fact-finding checklist
    legal_basis = _checklist("Legal basis", "The power or duty the council relies on, and any legal advice taken.")
    spend_and_inputs = _checklist("Cost: spend and other inputs", "Money, staff time, buildings and other resources.")
    management_and_accountability = _checklist(
        "Management and accountability", "Who makes decisions, who the council's representatives report to."
    )
    risk_sensitivity = _checklist("Risk sensitivity", "The main risks to the council and how sensitive they are.")
    swot_strengths = _checklist("SWOT: strengths", "")
    swot_weaknesses = _checklist("SWOT: weaknesses", "")
    swot_opportunities = _checklist("SWOT: opportunities", "")
    swot_threats = _checklist("SWOT: threats", "")
    evidence_of_impact = _checklist("Evidence of impact", "What shows that this way of working achieves results?")

    recommendation = models.TextField(
        "Recommendation",
        blank=True,
        help_text="What the assessing officer recommends the decision maker decides, and why.",
    )

    decision = models.CharField(max_length=20, choices=Decision.choices, default=Decision.PENDING)
    decision_body = models.CharField(
        "Decision maker", max_length=20, choices=DecisionMaker.choices, blank=True, help_text=""
    )
    decision_maker = models.CharField(
        "Name or title",
        max_length=120,
        blank=True,
        help_text="The person or meeting, e.g. Cabinet Member for Housing, or Director of Children's Services.",
    )
    decision_date = models.DateField(null=True, blank=True)
    decision_reference = models.CharField(
        "Minute or decision reference",
        max_length=120,
        blank=True,
        help_text="The minute number or published decision reference, e.g. Cabinet minute 42/2026.",
    )
    completed_by = user_fk("+")

    history = HistoricalRecords(excluded_fields=["updated_at"])

    CHECKLIST = (
        ("legal_basis", "Legal basis"),
        ("spend_and_inputs", "Cost"),
        ("management_and_accountability", "Accountability"),
        ("risk_sensitivity", "Risk"),
        ("swot", "SWOT"),
        ("evidence_of_impact", "Evidence of impact"),
    )

    def __str__(self):
        return f"Assessment of {self.partnership}"

    def get_absolute_url(self):
        return reverse("assessments:assessment", args=[self.partnership.reference])

    def checklist_status(self):
        """[(label, done)] for the six fact-finding items."""
        swot = all((self.swot_strengths, self.swot_weaknesses, self.swot_opportunities, self.swot_threats))
        return [(label, swot if key == "swot" else bool(getattr(self, key).strip())) for key, label in self.CHECKLIST]

    @property
    def checklist_complete(self):
        return all(done for _, done in self.checklist_status())

    @property
    def decided_to_proceed(self):
        return self.decision in TO_PROCEED

    def decision_record_gaps(self):
        """What the decision record still lacks for the partnership to be approved, in plain English."""
        gaps = []
        if not self.decided_to_proceed:
            gaps.append("Record the decision to proceed in the decision record.")
        if not self.decision_body:
            gaps.append("Record who made the decision (Cabinet, a committee, a director under delegation...).")
        if self.decision_date is None:
            gaps.append("Record the date of the decision.")
        if not self.decision_reference.strip():
            gaps.append("Record the minute or decision reference.")
        return gaps


class HealthPrinciple(models.Model):
    """One of the six partnership principles. Loaded from fixtures/health_check.json."""

    number = models.PositiveSmallIntegerField(unique=True)
    title = models.CharField(max_length=120)
    description = models.TextField(blank=True)

    class Meta:
        ordering = ["number"]

    def __str__(self):
        return f"P{self.number} {self.title}"


class HealthStatement(models.Model):
    principle = models.ForeignKey(HealthPrinciple, on_delete=models.CASCADE, related_name="statements")
    number = models.PositiveSmallIntegerField()
    text = models.TextField()

    class Meta:
        ordering = ["principle__number", "number"]
        constraints = [models.UniqueConstraint(fields=["principle", "number"], name="statement_number_unique")]

    def __str__(self):
        return f"{self.principle.number}.{self.number} {self.text}"


class HealthCheckResponse(TimeStamped):
    """One respondent's answers to the health check. Each partner answers separately."""

    partnership = models.ForeignKey("register.Partnership", on_delete=models.CASCADE, related_name="health_checks")
    respondent_name = models.CharField(max_length=120, help_text="Who answered.")
    organisation = models.ForeignKey(
        "register.Organisation",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text="The partner they answered for. Leave blank for the council.",
    )
    completed_on = models.DateField()
    comments = models.TextField(blank=True)
    entered_by = user_fk("+")

    history = HistoricalRecords(excluded_fields=["updated_at"])

    class Meta:
        ordering = ["-completed_on", "id"]

    def __str__(self):
        return f"{self.partnership.reference} health check by {self.respondent_name} on {self.completed_on:%d %b %Y}"

    def principle_scores(self):
        """{principle number: mean score 1-4} for this respondent. Uses prefetched scores if present."""
        by_principle = {}
        for answer in self.scores.all():
            by_principle.setdefault(answer.principle_id, []).append(answer.score)
        numbers = dict(HealthPrinciple.objects.values_list("id", "number")) if by_principle else {}
        return {numbers[pid]: statistics.fmean(values) for pid, values in by_principle.items()}


class HealthCheckScore(models.Model):
    """A score from 1 (strongly disagree) to 4 (strongly agree).

    Against a statement when answered in the app; against a whole principle (statement empty)
    when the toolkit recorded one score per principle.
    """

    response = models.ForeignKey(HealthCheckResponse, on_delete=models.CASCADE, related_name="scores")
    principle = models.ForeignKey(HealthPrinciple, on_delete=models.PROTECT, related_name="+")
    statement = models.ForeignKey(HealthStatement, null=True, blank=True, on_delete=models.PROTECT, related_name="+")
    score = models.PositiveSmallIntegerField(validators=[MinValueValidator(1), MaxValueValidator(4)])

    history = HistoricalRecords()

    class Meta:
        constraints = [
            models.CheckConstraint(condition=models.Q(score__range=(1, 4)), name="health_score_1_4"),
            models.UniqueConstraint(
                fields=["response", "statement"],
                condition=models.Q(statement__isnull=False),
                name="one_score_per_statement",
            ),
            models.UniqueConstraint(
                fields=["response", "principle"],
                condition=models.Q(statement__isnull=True),
                name="one_whole_principle_score",
            ),
        ]

    def __str__(self):
        return f"{self.principle_id}/{self.statement_id}: {self.score}"
