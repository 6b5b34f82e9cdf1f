"""The demo partnerships' later records: performance reviews, agreements and their signatories,
partners' health checks and lessons learnt (a part of Scenario, in partnerships/demo/scenario.py)."""

import datetime

from django.utils import timezone
from simple_history.utils import bulk_create_with_history

from agreements.models import AgreementStatus, PartnershipAgreement, Signatory
from assessments.models import HealthCheckResponse, HealthCheckScore
from register.choices import RAG, ReviewFrequency, Status
from register.dates import add_months
from register.models import Partnership
from reviews.models import (
    LessonLearned,
    ObjectiveProgress,
    ObjectivesMet,
    PerformanceReview,
    ValueForMoney,
)

from . import documents, lessons, texts


def at_five(day):
    """A timezone-aware moment on `day`, for backdated history."""
    return timezone.make_aware(datetime.datetime.combine(day, datetime.time(17, 0)))


class RecordsMixin:
    # -- reviews ---------------------------------------------------------------------------------
    def review_dates(self, p, spec):
        """Completed review dates, oldest first, placed so the next review falls due on the story's day."""
        months = ReviewFrequency(spec.frequency).months
        if spec.status in (Status.ACTIVE, Status.UNDER_REVIEW, Status.EXITING) and spec.review_in is not None:
            last = add_months(self.today + datetime.timedelta(days=spec.review_in), -months)
        elif spec.status == Status.CLOSED and self.end_date:
            last = self.end_date - datetime.timedelta(days=60)
        else:
            return []
        dates = [add_months(last, -months * k) for k in range(3)]
        return sorted(day for day in dates if day >= add_months(self.start_date, months) or day == last)

    def add_reviews(self, p, spec):
        days = self.review_dates(p, spec)
        reviews = []
        previous_end = self.start_date
        for index, day in enumerate(days):
            rag = spec.rag if index == len(days) - 1 else (RAG.GREEN if index % 2 == 0 else RAG.AMBER)
            vfm = {RAG.GREEN: ValueForMoney.GOOD, RAG.AMBER: ValueForMoney.ADEQUATE, RAG.RED: ValueForMoney.POOR}[rag]
            review = PerformanceReview(
                partnership=p,
                review_date=day,
                reviewer=self.lead,
                reviewer_name="" if self.lead else self.lead_display,
                period_start=previous_end,
                period_end=day,
                objectives_met={
                    RAG.GREEN: ObjectivesMet.FULLY,
                    RAG.AMBER: ObjectivesMet.PARTLY,
                    RAG.RED: ObjectivesMet.NOT_MET,
                }[rag],
                rag=rag,
                value_for_money=vfm,
                vfm_economy=vfm,
                vfm_efficiency=ValueForMoney.ADEQUATE if rag != RAG.RED else ValueForMoney.POOR,
                vfm_effectiveness=vfm,
                vfm_equity=ValueForMoney.GOOD if rag == RAG.GREEN else ValueForMoney.ADEQUATE,
                summary=self.rng.choice(texts.REVIEW_SUMMARIES[rag]),
                actions=texts.varied(texts.REVIEW_ACTIONS[rag], p.reference, index),
            )
            self.stamp(review, day)
            self.stamp(p, day)
            review.complete(by=self.lead)
            PerformanceReview.objects.filter(pk=review.pk).update(completed_at=at_five(day))
            for position, objective in enumerate(self.objectives):
                rating = texts.progress_rating(
                    rag, position, final=spec.status == Status.CLOSED and index == len(days) - 1
                )
                progress = ObjectiveProgress(
                    review=review,
                    objective=objective,
                    rating=rating,
                    comment=texts.varied(texts.PROGRESS_COMMENTS[rating], p.reference, index, position),
                )
                self.stamp(progress, day)
                progress.save()
            previous_end = day + datetime.timedelta(days=1)
            reviews.append(review)
        if not days and spec.review_in is not None:
            Partnership.objects.filter(pk=p.pk).update(
                next_review_due=self.today + datetime.timedelta(days=spec.review_in)
            )
        return reviews

    # -- agreements, health checks, lessons -----------------------------------------------------------
    def add_agreements(self, p, spec):
        sections = documents.agreement_sections(
            p,
            [m.organisation.name for m in self.members],
            [o.title for o in self.objectives],
            [r.description for r in self.risks],
        )
        frozen_statuses = (AgreementStatus.APPROVED, AgreementStatus.SIGNED, AgreementStatus.SUPERSEDED)
        signed_statuses = (AgreementStatus.SIGNED, AgreementStatus.SUPERSEDED)
        for version, status in enumerate(spec.agreements, start=1):
            if status in (AgreementStatus.DRAFT, AgreementStatus.SUBMITTED, AgreementStatus.APPROVED):
                drafted = self.today - datetime.timedelta(days=40)  # work in progress
                effective = self.today - datetime.timedelta(days=10)
            elif version == 1:
                drafted = (self.start_date or self.today) - datetime.timedelta(days=30)
                effective = self.start_date
            else:  # a later version that replaced the first
                drafted = self.today - datetime.timedelta(days=240)
                effective = drafted + datetime.timedelta(days=30)
            if status == AgreementStatus.SIGNED and spec.status == Status.CLOSED:
                status = AgreementStatus.ENDED  # the partnership closed: its agreement ended with it
            frozen = status in frozen_statuses or status == AgreementStatus.ENDED
            if status == AgreementStatus.SUPERSEDED:
                expires = self.today - datetime.timedelta(days=211)
            else:
                expires = self.end_date
            agreement = PartnershipAgreement(
                partnership=p,
                version_number=version,
                status=status,
                effective_from=effective if frozen else None,
                expires_on=expires if frozen else None,
                created_by=self.lead or self.admin,
                submitted_at=at_five(drafted + datetime.timedelta(days=7)) if status != AgreementStatus.DRAFT else None,
                submitted_by=(self.lead or self.admin) if status != AgreementStatus.DRAFT else None,
                approved_at=at_five(drafted + datetime.timedelta(days=21)) if frozen else None,
                approved_by=self.legal if frozen else None,
                signed_on=(drafted + datetime.timedelta(days=28))
                if status in signed_statuses or status == AgreementStatus.ENDED
                else None,
                ended_on=self.end_date if status == AgreementStatus.ENDED else None,
                **sections,
            )
            self.stamp(agreement, drafted)
            agreement.save()
            if status != AgreementStatus.DRAFT:
                self.add_signatories(agreement)

    def add_signatories(self, agreement):
        signed = agreement.signed_on
        council = Signatory(
            agreement=agreement,
            name=self.spec.lead_member or "Dr Sarah Lindley",
            job_title="Cabinet Member" if self.spec.lead_member else "Chief Executive",
            signed_on=signed,
        )
        rows = [council] + [
            Signatory(
                agreement=agreement,
                organisation=m.organisation,
                name=m.contact_name,
                job_title="Authorised signatory",
                signed_on=signed,
            )
            for m in self.members
            if m.contact_name
        ]
        bulk_create_with_history(
            rows, Signatory, default_date=at_five(signed or self.today), default_user=self.lead or self.admin
        )

    def add_health_checks(self, p, spec):
        respondents = [(self.lead_display, None)] + [
            (m.contact_name, m.organisation) for m in self.members if m.contact_name
        ]
        for index, (name, organisation) in enumerate(respondents[: spec.respondents]):
            completed = self.today - datetime.timedelta(days=45 - 4 * index)
            response = HealthCheckResponse(
                partnership=p,
                respondent_name=name,
                organisation=organisation,
                completed_on=completed,
                comments=texts.HEALTH_CHECK_COMMENTS[(spec.number + index) % len(texts.HEALTH_CHECK_COMMENTS)],
                entered_by=self.lead or self.admin,
            )
            self.stamp(response, completed)
            response.save()
            # The council tends to score itself higher than partners do; one principle divides them.
            level = 3.3 - 0.4 * index
            divisive = spec.number % 6 + 1
            scores = []
            for statement in self.statements:
                value = level + self.rng.gauss(0, 0.6)
                if statement.principle.number == divisive:
                    value = 4 if index == 0 else 1.6
                scores.append(
                    HealthCheckScore(
                        response=response,
                        principle=statement.principle,
                        statement=statement,
                        score=min(4, max(1, round(value))),
                    )
                )
            bulk_create_with_history(
                scores, HealthCheckScore, default_date=at_five(completed), default_user=self.lead or self.admin
            )

    def add_lessons(self, p, spec):
        review = self.reviews[-1] if self.reviews else None
        recorded = (
            self.end_date
            if spec.status == Status.CLOSED
            else (review.review_date if review else self.today - datetime.timedelta(days=30))
        )
        partners = [member.organisation.name for member in self.members]
        for key in spec.lessons:
            lesson = lessons.LESSONS[key]
            title, detail = lessons.write(
                key,
                lessons.rng_for(p.reference, key),
                partner=partners[0] if partners else "one partner",
                other=partners[1] if len(partners) > 1 else "the other partners",
                year=recorded.year,
            )
            row = LessonLearned(
                partnership=p,
                review=review,
                title=title,
                detail=detail,
                area=lesson.area,
                shareable=lesson.shareable,
                recorded_by=self.lead or self.admin,
                recorded_on=recorded,
            )
            self.stamp(row, recorded)
            row.save()
