"""Factories for tests: one per model, and one per partnership status (data-hub style)."""

from .agreements import AgreementFactory, ApprovedAgreementFactory, SignatoryFactory, SignedAgreementFactory
from .assessments import AssessmentFactory, HealthCheckResponseFactory, HealthCheckScoreFactory
from .register import (
    ActivePartnershipFactory,
    ClosedPartnershipFactory,
    DirectorateFactory,
    ExitingPartnershipFactory,
    OrganisationFactory,
    PartnershipFactory,
    PartnershipMemberFactory,
    ProposedPartnershipFactory,
    RiskEntryFactory,
    UnderReviewPartnershipFactory,
    UserFactory,
)
from .reviews import LessonFactory, ObjectiveFactory, PerformanceReviewFactory

__all__ = [
    "ActivePartnershipFactory",
    "AgreementFactory",
    "ApprovedAgreementFactory",
    "AssessmentFactory",
    "ClosedPartnershipFactory",
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
]
