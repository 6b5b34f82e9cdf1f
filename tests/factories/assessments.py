import datetime

import factory

from assessments.models import (
    Decision,
    DecisionMaker,
    HealthCheckResponse,
    HealthCheckScore,
    HealthPrinciple,
    PartnershipAssessment,
)

from .register import ProposedPartnershipFactory


class AssessmentFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = PartnershipAssessment

    partnership = factory.SubFactory(ProposedPartnershipFactory)
    issue_or_opportunity = "Rising demand for early help services"
    why_partnership = "No single agency holds all the levers."
    legal_basis = "Children Act 2004, s10"
    spend_and_inputs = "£10,000 a year and 0.2 FTE"
    management_and_accountability = "Board reports to Cabinet annually"
    risk_sensitivity = "Medium"
    swot_strengths = "Shared data"
    swot_weaknesses = "Limited capacity"
    swot_opportunities = "New funding"
    swot_threats = "Partner withdrawal"
    evidence_of_impact = "Pilot reduced referrals by 12%"
    alternatives_considered = "Commissioning the service; doing nothing"
    recommendation = "Enter the partnership for three years"
    decision = Decision.PROCEED
    decision_body = DecisionMaker.DIRECTOR
    decision_maker = "Director of Children's Services"
    decision_date = factory.LazyFunction(datetime.date.today)
    decision_reference = "Delegated decision DD-2026-014"


class HealthCheckResponseFactory(factory.django.DjangoModelFactory):
    """A respondent's health check. `scores={1: 4, 2: 3, ...}` gives a score per principle."""

    class Meta:
        model = HealthCheckResponse
        skip_postgeneration_save = True

    partnership = factory.SubFactory(ProposedPartnershipFactory)
    respondent_name = factory.Faker("name", locale="en_GB")
    completed_on = factory.LazyFunction(datetime.date.today)

    @factory.post_generation
    def scores(self, create, extracted, **kwargs):
        if not create or extracted is None:
            return
        for principle in HealthPrinciple.objects.prefetch_related("statements"):
            if principle.number in extracted:
                for statement in principle.statements.all():
                    HealthCheckScore.objects.create(
                        response=self, principle=principle, statement=statement, score=extracted[principle.number]
                    )


class HealthCheckScoreFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = HealthCheckScore

    response = factory.SubFactory(HealthCheckResponseFactory)
    principle = factory.LazyFunction(lambda: HealthPrinciple.objects.get(number=1))
    score = 3
