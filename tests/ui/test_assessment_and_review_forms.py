"""Assessment, health check, objectives, performance reviews and lessons, through the web pages."""

import datetime

import pytest
from django.urls import reverse

from assessments.models import HealthCheckResponse, HealthStatement, PartnershipAssessment
from reviews.models import LessonLearned, Objective, ObjectiveStatus, PerformanceReview
from tests.factories import (
    AssessmentFactory,
    LessonFactory,
    ObjectiveFactory,
    OrganisationFactory,
    PartnershipMemberFactory,
)

pytestmark = pytest.mark.django_db


def date_fields(name, day):
    return {f"{name}_0": str(day.day), f"{name}_1": str(day.month), f"{name}_2": str(day.year)}


def errors(response):
    return response.context.get("error_summary") if response.context else None


class TestAssessment:
    def url(self, partnership):
        return reverse("assessments:assessment", args=[partnership.reference])

    def test_record_then_update_the_assessment(self, client_for, officer, partnership):
        client = client_for(officer)
        data = {
            "issue_or_opportunity": "Too many people wait too long for help",
            "why_partnership": "Only together can we join up the services",
            "legal_basis": "Care Act 2014",
            "recommendation": "Enter the partnership for three years",
        }
        response = client.post(self.url(partnership), data)
        assert response.status_code == 302, errors(response)
        assessment = PartnershipAssessment.objects.get(partnership=partnership)
        assert assessment.recommendation == "Enter the partnership for three years"
        assert assessment.completed_by == officer
        page = client.get(partnership.get_absolute_url()).content.decode()
        assert "Too many people wait too long for help" in page and "Missing" in page  # checklist incomplete

        data.update(legal_basis="Care Act 2014, s3", lock_version=str(assessment.lock_version))
        assert client.post(self.url(partnership), data).status_code == 302
        assessment.refresh_from_db()
        assert assessment.legal_basis == "Care Act 2014, s3"

    def test_invalid_assessment(self, client_for, officer, partnership):
        response = client_for(officer).post(self.url(partnership), {"why_partnership": "Joined-up care"})
        page = response.content.decode()
        assert "Describe the issue or opportunity" in page
        assert not PartnershipAssessment.objects.exists()

    def test_scrutiny_reads_but_cannot_change(self, client_for, scrutiny, partnership):
        AssessmentFactory(partnership=partnership, legal_basis="Children Act 2004, s10")
        client = client_for(scrutiny)
        page = client.get(self.url(partnership)).content.decode()
        assert "Children Act 2004, s10" in page and "<form" not in page.split('id="main-content"')[1]
        assert client.post(self.url(partnership), {"issue_or_opportunity": "x"}).status_code == 403


class TestDecisionRecord:
    def url(self, partnership):
        return reverse("assessments:decision", args=[partnership.reference])

    def test_the_decision_is_recorded_on_its_own_page(self, client_for, officer, partnership):
        AssessmentFactory(partnership=partnership, decision="pending", decision_maker="", decision_date=None)
        data = {
            "decision": "proceed",
            "decision_body": "cabinet",
            "decision_maker": "Cabinet",
            "decision_reference": "Cabinet minute 42/2026",
            **date_fields("decision_date", datetime.date(2026, 3, 2)),
            "lock_version": "1",
        }
        response = client_for(officer).post(self.url(partnership), data)
        assert response.status_code == 302, errors(response)
        assessment = PartnershipAssessment.objects.get(partnership=partnership)
        assert (assessment.decision_body, assessment.decision_date) == ("cabinet", datetime.date(2026, 3, 2))
        assert assessment.decision_reference == "Cabinet minute 42/2026"
        assert assessment.decision_record_gaps() == []

    def test_a_decision_needs_who_when_and_the_minute(self, client_for, officer, partnership):
        response = client_for(officer).post(self.url(partnership), {"decision": "proceed"})
        page = response.content.decode()
        assert "Select who made the decision" in page
        assert "Enter the date of the decision" in page
        assert "Enter the minute or decision reference" in page
        assert not PartnershipAssessment.objects.exists()

    def test_scrutiny_reads_the_decision_but_cannot_change_it(self, client_for, scrutiny, partnership):
        AssessmentFactory(partnership=partnership, decision_reference="Cabinet minute 7/2026")
        client = client_for(scrutiny)
        page = client.get(self.url(partnership)).content.decode()
        assert "Cabinet minute 7/2026" in page and "<form" not in page.split('id="main-content"')[1]
        assert client.post(self.url(partnership), {"decision": "proceed"}).status_code == 403


class TestHealthCheck:
    def url(self, partnership):
        return reverse("assessments:health_check_create", args=[partnership.reference])

    def answers(self, score):
        return {f"statement_{pk}": str(score) for pk in HealthStatement.objects.values_list("pk", flat=True)}

    def test_each_respondent_answers_every_statement(self, client_for, officer, partnership):
        nhs = OrganisationFactory(name="Northmoor NHS Trust")
        PartnershipMemberFactory(partnership=partnership, organisation=nhs)
        client = client_for(officer)
        page = client.get(self.url(partnership)).content.decode()
        assert "Principle 1:" in page and "Strongly agree" in page
        for name, organisation, score in (("Alice", "", 4), ("Bob", str(nhs.pk), 2)):
            data = {
                "respondent_name": name,
                "organisation": organisation,
                **date_fields("completed_on", datetime.date.today()),
                **self.answers(score),
            }
            response = client.post(self.url(partnership), data)
            assert response.status_code == 302, errors(response)
        assert HealthCheckResponse.objects.filter(partnership=partnership).count() == 2
        bob = HealthCheckResponse.objects.get(respondent_name="Bob")
        assert bob.organisation == nhs
        assert bob.scores.count() == HealthStatement.objects.count()
        detail = client.get(partnership.get_absolute_url()).content.decode()
        assert "Look at this" in detail  # spread of 2 between Alice and Bob

    def test_every_statement_must_be_scored(self, client_for, officer, partnership):
        data = {"respondent_name": "", **self.answers(3)}
        data.pop(next(iter(data.keys() - {"respondent_name"})))
        page = client_for(officer).post(self.url(partnership), data).content.decode()
        assert "Enter the name of the person who answered" in page
        assert "Choose how far you agree with statement" in page
        assert "Enter date completed" in page
        assert not HealthCheckResponse.objects.exists()

    def test_a_refused_form_keeps_the_scores_given_and_links_to_the_statement_missed(
        self, client_for, officer, partnership
    ):
        """Each statement is GOV.UK radios (its own template): the error summary links to the first
        option of the statement not scored, and the scores given stay chosen."""
        missed, *scored = HealthStatement.objects.order_by("pk")
        data = {"respondent_name": "Alice", **{f"statement_{statement.pk}": "3" for statement in scored}}
        page = client_for(officer).post(self.url(partnership), data).content.decode()
        assert f'href="#id_statement_{missed.pk}_1"' in page
        assert f'id="id_statement_{missed.pk}_1" name="statement_{missed.pk}" type="radio" value="4">' in page
        assert f'name="statement_{scored[0].pk}" type="radio" value="3" checked>' in page
        assert page.count('class="govuk-radios__input"') == 4 * HealthStatement.objects.count()

    def test_a_partner_of_another_partnership_cannot_be_chosen(self, client_for, officer, partnership):
        stranger = OrganisationFactory(name="Stranger Ltd")
        data = {
            "respondent_name": "Eve",
            "organisation": str(stranger.pk),
            **date_fields("completed_on", datetime.date.today()),
            **self.answers(3),
        }
        assert (
            "Select answering for from the list"
            in client_for(officer).post(self.url(partnership), data).content.decode()
        )

    @pytest.mark.parametrize("role", ["scrutiny", "outsider"])
    def test_read_only_users_are_refused(self, client_for, role, request, partnership):
        client = client_for(request.getfixturevalue(role))
        assert client.get(self.url(partnership)).status_code == 403
        assert client.post(self.url(partnership), {}).status_code == 403


class TestObjectives:
    def data(self, **overrides):
        return {
            "title": "Cut repeat homelessness",
            "measure": "Households returning within a year",
            "target": "Below 10%",
            "owner": "Dana Housing",
            **date_fields("deadline", datetime.date(2027, 3, 31)),
            **overrides,
        }

    def test_set_and_change_an_objective(self, client_for, officer, partnership):
        client = client_for(officer)
        url = reverse("reviews:objective_create", args=[partnership.reference])
        response = client.post(url, self.data())
        assert response.status_code == 302, errors(response)
        objective = Objective.objects.get(partnership=partnership)
        assert objective.deadline == datetime.date(2027, 3, 31) and objective.status == ObjectiveStatus.OPEN
        update = reverse("reviews:objective_update", args=[partnership.reference, objective.pk])
        response = client.post(update, self.data(status="withdrawn", lock_version=str(objective.lock_version)))
        assert response.status_code == 302, errors(response)
        objective.refresh_from_db()
        assert objective.status == ObjectiveStatus.WITHDRAWN

    def test_invalid_objective(self, client_for, officer, partnership):
        url = reverse("reviews:objective_create", args=[partnership.reference])
        page = client_for(officer).post(url, self.data(title="", deadline_0="", deadline_1="", deadline_2="")).content
        assert "Enter what will be achieved" in page.decode() and "Enter the deadline" in page.decode()

    def test_scrutiny_cannot_set_objectives(self, client_for, scrutiny, partnership):
        url = reverse("reviews:objective_create", args=[partnership.reference])
        assert client_for(scrutiny).post(url, self.data()).status_code == 403
        assert not Objective.objects.exists()


class TestPerformanceReview:
    def url(self, partnership):
        return reverse("reviews:review_create", args=[partnership.reference])

    def test_completing_a_review_moves_the_next_review_date(self, client_for, officer, partnership):
        objective = ObjectiveFactory(partnership=partnership, title="Cut waiting times")
        done = ObjectiveFactory(partnership=partnership, title="Open the hub")
        client = client_for(officer)
        assert "Cut waiting times" in client.get(self.url(partnership)).content.decode()
        today = datetime.date.today()
        data = {
            **date_fields("review_date", today),
            "rag": "amber",
            "objectives_met": "partly",
            "summary": "Good progress on the hub; waiting times still long.",
            f"progress_{objective.pk}": "at_risk",
            f"comment_{objective.pk}": "Staff shortages",
            f"progress_{done.pk}": "achieved",
        }
        response = client.post(self.url(partnership), data)
        assert response.status_code == 302, errors(response)
        review = PerformanceReview.objects.get(partnership=partnership)
        assert review.completed_at is not None and review.reviewer == officer
        partnership.refresh_from_db()
        assert partnership.last_review == today
        assert partnership.next_review_due == partnership.next_review_after(today)
        done.refresh_from_db()
        assert done.status == ObjectiveStatus.ACHIEVED
        page = client.get(response.url).content.decode()
        assert "Staff shortages" in page and "At risk" in page
        assert f"{partnership.next_review_due:%-d %B %Y}" in page

    def test_invalid_review(self, client_for, officer, partnership):
        objective = ObjectiveFactory(partnership=partnership)
        page = client_for(officer).post(self.url(partnership), {"summary": ""}).content.decode()
        assert "Select a RAG rating" in page
        assert "Summarise how the partnership is performing" in page
        assert "Enter date of the review" in page
        assert f"Select the progress on “{objective.title}”" in page
        assert not PerformanceReview.objects.exists()

    def test_readers_see_reviews_but_cannot_record_them(self, client_for, scrutiny, partnership):
        from tests.factories import PerformanceReviewFactory

        review = PerformanceReviewFactory(partnership=partnership, summary="All fine")
        client = client_for(scrutiny)
        url = reverse("reviews:review_detail", args=[partnership.reference, review.pk])
        assert "All fine" in client.get(url).content.decode()
        assert "Record a lesson" not in client.get(url).content.decode()
        assert client.post(self.url(partnership), {}).status_code == 403


class TestLessons:
    def test_record_a_lesson(self, client_for, officer, partnership):
        url = reverse("reviews:lesson_create", args=[partnership.reference])
        data = {"title": "Agree data sharing early", "area": "data", "shareable": "on"}
        response = client_for(officer).post(url, data)
        assert response.status_code == 302, errors(response)
        lesson = LessonLearned.objects.get()
        assert lesson.recorded_by == officer and lesson.shareable

    def test_invalid_lesson(self, client_for, officer, partnership):
        url = reverse("reviews:lesson_create", args=[partnership.reference])
        page = client_for(officer).post(url, {"title": "", "area": "nonsense"}).content.decode()
        assert "Enter the lesson in one sentence" in page and "Select area from the list" in page

    def test_library_searches_shareable_lessons_by_area(self, client_for, scrutiny, partnership):
        LessonFactory(partnership=partnership, title="Share data early", area="data")
        LessonFactory(partnership=partnership, title="Budget for exit costs", area="finance")
        LessonFactory(partnership=partnership, title="Secret data lesson", area="data", shareable=False)
        client = client_for(scrutiny)
        everything = client.get(reverse("reviews:lessons")).content.decode()
        assert "Share data early" in everything and "Budget for exit costs" in everything
        assert "Secret data lesson" not in everything
        by_area = client.get(reverse("reviews:lessons"), {"area": "finance"}).content.decode()
        assert "Budget for exit costs" in by_area and "Share data early" not in by_area
        searched = client.get(reverse("reviews:lessons"), {"q": partnership.name}).content.decode()
        assert "2 lessons match your filters" in searched
        assert client.post(reverse("reviews:lessons")).status_code == 403
