import datetime
from decimal import Decimal

import factory
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group

from register.choices import (
    RAG,
    ClosureValue,
    CouncilRole,
    LegalForm,
    ObjectivesAchieved,
    PartnershipType,
    ReviewFrequency,
    RiskCategory,
    Sector,
    Significance,
    Status,
)
from register.models import (
    AgreementWaiver,
    ClosureEvaluation,
    Directorate,
    Organisation,
    Partnership,
    PartnershipMember,
    RiskEntry,
    StaffProfile,
)


class DirectorateFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Directorate
        django_get_or_create = ["name"]

    name = factory.Sequence(lambda n: f"Directorate {n}")


class UserFactory(factory.django.DjangoModelFactory):
    """A member of staff. `UserFactory(role="Officer", directorate=d)` puts them in a role group."""

    class Meta:
        model = get_user_model()
        django_get_or_create = ["username"]
        skip_postgeneration_save = True

    username = factory.Sequence(lambda n: f"user{n}")
    first_name = factory.Faker("first_name", locale="en_GB")
    last_name = factory.Faker("last_name", locale="en_GB")
    email = factory.LazyAttribute(lambda u: f"{u.username}@example.gov.uk")
    password = factory.django.Password("correct horse battery staple")

    @factory.post_generation
    def role(self, create, extracted, **kwargs):
        if create and extracted:
            self.groups.add(Group.objects.get(name=extracted))

    @factory.post_generation
    def directorate(self, create, extracted, **kwargs):
        if create and extracted:
            StaffProfile.objects.update_or_create(user=self, defaults={"directorate": extracted})


class OrganisationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Organisation
        django_get_or_create = ["name"]

    name = factory.Sequence(lambda n: f"Partner Organisation {n}")
    sector = Sector.VCSE


class PartnershipFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Partnership

    reference = factory.Sequence(lambda n: f"TST-{n:04d}")
    name = factory.Sequence(lambda n: f"Test Partnership {n}")
    purpose = "Working with partners to improve outcomes for residents."
    partnership_type = PartnershipType.STRATEGIC_ALLIANCE
    legal_form = LegalForm.MOU
    council_role = CouncilRole.MEMBER
    directorate = factory.SubFactory(DirectorateFactory)
    lead_member = "Cllr A Example"
    annual_contribution = Decimal("10000.00")
    significance = Significance.MEDIUM
    review_frequency = ReviewFrequency.ANNUAL
    rag = RAG.GREEN
    status = Status.PROPOSED


class ProposedPartnershipFactory(PartnershipFactory):
    status = Status.PROPOSED


class ActivePartnershipFactory(PartnershipFactory):
    status = Status.ACTIVE
    start_date = factory.LazyFunction(lambda: datetime.date.today() - datetime.timedelta(days=400))
    last_review = factory.LazyFunction(lambda: datetime.date.today() - datetime.timedelta(days=100))
    next_review_due = factory.LazyFunction(lambda: datetime.date.today() + datetime.timedelta(days=265))


class UnderReviewPartnershipFactory(ActivePartnershipFactory):
    status = Status.UNDER_REVIEW


class ExitingPartnershipFactory(ActivePartnershipFactory):
    status = Status.EXITING


class ClosedPartnershipFactory(PartnershipFactory):
    status = Status.CLOSED
    start_date = datetime.date(2018, 4, 1)
    end_date = datetime.date(2023, 3, 31)


class PartnershipMemberFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = PartnershipMember

    partnership = factory.SubFactory(PartnershipFactory)
    organisation = factory.SubFactory(OrganisationFactory)
    contact_name = factory.Faker("name", locale="en_GB")


class RiskEntryFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = RiskEntry

    partnership = factory.SubFactory(ActivePartnershipFactory)
    description = "Partner withdraws funding mid-term"
    category = RiskCategory.FINANCIAL
    owner = factory.Faker("name", locale="en_GB")
    likelihood = 3
    impact = 3
    controls = "Exit clause in agreement"
    residual_likelihood = 2
    residual_impact = 2
    review_date = factory.LazyFunction(lambda: datetime.date.today() + datetime.timedelta(days=90))


class AssessedPartnershipFactory(PartnershipFactory):
    status = Status.ASSESSED


class ApprovedPartnershipFactory(PartnershipFactory):
    status = Status.APPROVED


class AgreementWaiverFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = AgreementWaiver

    partnership = factory.SubFactory(ApprovedPartnershipFactory)
    reason = "A statutory board: its terms of reference stand in for an agreement."


class ClosureEvaluationFactory(factory.django.DjangoModelFactory):
    """A finished closure evaluation; pass `assets=""` and so on for an unfinished one."""

    class Meta:
        model = ClosureEvaluation

    partnership = factory.SubFactory(ExitingPartnershipFactory)
    objectives_achieved = ObjectivesAchieved.PARTLY
    objectives_summary = "Four of the five objectives were met."
    value_for_money = ClosureValue.ADEQUATE
    assets = "No assets held."
    staff = "Seconded staff return to their employers."
    data = "Case records returned to the council; partner copies destroyed."
    money = "Balance of £1,200 returned to partners pro rata."
    partners_told = "Board members told at the final meeting; public notice on the website."
    completed_on = factory.LazyFunction(datetime.date.today)


def answer_scope_screening(partnership, as_a_partnership=True):
    """Answer every scope screening question as a partnership would (or as a contract would)."""
    from register.models import ScopeAnswer, ScopeQuestion

    for question in ScopeQuestion.objects.filter(active=True):
        answer = question.partnership_answer if as_a_partnership else not question.partnership_answer
        ScopeAnswer.objects.update_or_create(partnership=partnership, question=question, defaults={"answer": answer})
