import datetime

import factory
from django.utils import timezone

from agreements.models import AgreementStatus, PartnershipAgreement, Signatory

from .register import ActivePartnershipFactory


class AgreementFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = PartnershipAgreement

    partnership = factory.SubFactory(ActivePartnershipFactory)
    version_number = 1
    status = AgreementStatus.DRAFT
    aims_and_outcomes = "To reduce rough sleeping in the county by 20% by March 2028."
    governance = "A board of one senior officer from each partner meets quarterly."


class ApprovedAgreementFactory(AgreementFactory):
    status = AgreementStatus.APPROVED
    approved_at = factory.LazyFunction(timezone.now)
    effective_from = factory.LazyFunction(datetime.date.today)
    expires_on = factory.LazyFunction(lambda: datetime.date.today() + datetime.timedelta(days=3 * 365))


class SignedAgreementFactory(ApprovedAgreementFactory):
    status = AgreementStatus.SIGNED
    signed_on = factory.LazyFunction(datetime.date.today)


class SignatoryFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Signatory

    agreement = factory.SubFactory(AgreementFactory)
    name = factory.Faker("name", locale="en_GB")
    job_title = "Chief Executive"
