import datetime

import factory

from register.choices import RAG
from reviews.models import LessonArea, LessonLearned, Objective, ObjectivesMet, PerformanceReview, ValueForMoney

from .register import ActivePartnershipFactory


class ObjectiveFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Objective

    partnership = factory.SubFactory(ActivePartnershipFactory)
    title = factory.Sequence(lambda n: f"Reduce repeat referrals (objective {n})")
    measure = "Repeat referrals within 12 months"
    target = "Below 15%"
    deadline = factory.LazyFunction(lambda: datetime.date.today() + datetime.timedelta(days=365))
    owner = factory.Faker("name", locale="en_GB")


class PerformanceReviewFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = PerformanceReview

    partnership = factory.SubFactory(ActivePartnershipFactory)
    review_date = factory.LazyFunction(datetime.date.today)
    reviewer_name = factory.Faker("name", locale="en_GB")
    period_start = factory.LazyAttribute(lambda r: r.review_date - datetime.timedelta(days=365))
    period_end = factory.LazyAttribute(lambda r: r.review_date)
    objectives_met = ObjectivesMet.PARTLY
    rag = RAG.AMBER
    value_for_money = ValueForMoney.ADEQUATE
    summary = "Milestones largely delivered; attendance at board meetings steady."
    actions = "Agree SMART targets for next year"


class LessonFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = LessonLearned

    partnership = factory.SubFactory(ActivePartnershipFactory)
    title = "Early agreement on data sharing saved months"
    area = LessonArea.DATA
