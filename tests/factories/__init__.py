"""Factories for tests: one per model, and one per partnership status (data-hub style)."""

from .agreements import AgreementFactory, ApprovedAgreementFactory, SignatoryFactory, SignedAgreementFactory
from .assessments import AssessmentFactory, HealthCheckResponseFactory, HealthCheckScoreFactory
from .register import (
    ActivePartnershipFactory,
    AgreementWaiverFactory,
    ApprovedPartnershipFactory,
    AssessedPartnershipFactory,
    ClosedPartnershipFactory,
    ClosureEvaluationFactory,
    DirectorateFactory,
    ExitingPartnershipFactory,
    OrganisationFactory,
    PartnershipFactory,
    PartnershipMemberFactory,
    ProposedPartnershipFactory,
    RiskEntryFactory,
    UnderReviewPartnershipFactory,
    UserFactory,
    answer_scope_screening,
)
from .reviews import LessonFactory, ObjectiveFactory, PerformanceReviewFactory

__all__ = [
    "ActivePartnershipFactory",
    "AgreementFactory",
    "AgreementWaiverFactory",
    "ApprovedAgreementFactory",
    "ApprovedPartnershipFactory",
    "AssessedPartnershipFactory",
    "AssessmentFactory",
    "ClosedPartnershipFactory",
    "ClosureEvaluationFactory",
    "DirectorateFactory",
    "ExitingPartnershipFactory",
    "HealthCheckResponseFactory",
    "HealthCheckScoreFactory",
    "LessonFactory",
    "ObjectiveFactory",
    "OrganisationFactory",
    "PartnershipFactory",
    "PartnershipMemberFactory",
    "PerformanceReviewFactory",
    "ProposedPartnershipFactory",
    "RiskEntryFactory",
    "SignatoryFactory",
    "SignedAgreementFactory",
    "UnderReviewPartnershipFactory",
    "UserFactory",
    "answer_scope_screening",
]
