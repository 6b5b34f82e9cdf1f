"""The register list, the partnership page and the home page, as each role sees them."""

import datetime

import pytest
from django.urls import reverse

from register.choices import Status
from tests.factories import (
    ActivePartnershipFactory,
    AssessmentFactory,
    HealthCheckResponseFactory,
    LessonFactory,
    ObjectiveFactory,
    OrganisationFactory,
    PartnershipFactory,
    PartnershipMemberFactory,
    PerformanceReviewFactory,
    RiskEntryFactory,
    SignedAgreementFactory,
)

pytestmark = pytest.mark.django_db

LIST = reverse("register:partnership_list")


def detail(partnership):
    return reverse("register:partnership_detail", args=[partnership.reference])


def test_anonymous_users_are_sent_to_sign_in(client, partnership):
    for url in (reverse("home"), LIST, detail(partnership), reverse("reviews:lessons")):
        response = client.get(url)
        assert response.status_code == 302
        assert response.url.startswith(reverse("login"))


def test_users_without_a_role_are_refused(client_for, partnership):
    from tests.factories import UserFactory

    client = client_for(UserFactory(username="no.role"))
    assert client.get(LIST).status_code == 403
    assert client.get(detail(partnership)).status_code == 403


class TestHome:
    def test_officers_see_what_they_lead_and_what_needs_action(self, client_for, officer, directorate):
        today = datetime.date.today()
        overdue = ActivePartnershipFactory(
            lead_officer=officer, name="Overdue Forum", next_review_due=today - datetime.timedelta(days=3)
        )
        RiskEntryFactory(partnership=overdue, review_date=today - datetime.timedelta(days=1), description="Old risk")
        signed = ActivePartnershipFactory(lead_officer=officer, name="Signed Alliance")
        SignedAgreementFactory(partnership=signed)
        ActivePartnershipFactory(name="Someone Else's")

        page = client_for(officer).get(reverse("home")).content.decode()

        assert "My partnerships" in page
        assert "Overdue Forum" in page and "Signed Alliance" in page
        assert "Someone Else" not in page
        assert "Reviews overdue" in page
        assert "Risks past their review date" in page and "Old risk" in page
        needs_agreement = page.split("without a signed agreement")[1].split("Partnerships you lead")[0]
        assert "Overdue Forum" in needs_agreement and "Signed Alliance" not in needs_agreement

    def test_an_officer_leading_many_sees_the_first_and_a_link_to_all(
        self, client_for, officer, django_assert_max_num_queries
    ):
        from partnerships import views

        today = datetime.date.today()
        client = client_for(officer)

        def page():
            with django_assert_max_num_queries(40) as captured:
                html = client.get(reverse("home")).content.decode()
            return html, len(captured)

        ActivePartnershipFactory.create_batch(
            3, lead_officer=officer, next_review_due=today - datetime.timedelta(days=1)
        )
        _few, few_queries = page()
        overdue = ActivePartnershipFactory.create_batch(
            views.SHOWN + 2, lead_officer=officer, next_review_due=today - datetime.timedelta(days=2)
        )
        html, many_queries = page()
        overdue_list = html.split("Reviews overdue")[1].split("</ul>")[0]
        assert overdue_list.count("<li>") == views.SHOWN
        assert all(p.reference in overdue_list for p in overdue[: views.SHOWN])  # the longest overdue first
        assert f"Showing the first {views.SHOWN}, longest overdue first." in html
        all_overdue = f"?lead_officer={officer.pk}&amp;sort=next_review_due&amp;review_overdue=true"
        assert f'href="{reverse("register:partnership_list")}{all_overdue}">See all your overdue reviews</a>' in html
        assert many_queries == few_queries  # one query a list, whatever its length: none is counted
        assert "Showing the first" not in _few

    def test_risks_past_review_are_the_same_however_they_are_found(self, officer, monkeypatch):
        from partnerships import views

        today = datetime.date.today()
        for days in (5, 1, 9):
            partnership = ActivePartnershipFactory(lead_officer=officer)
            RiskEntryFactory(partnership=partnership, review_date=today - datetime.timedelta(days=days))
            RiskEntryFactory(partnership=partnership, review_date=today + datetime.timedelta(days=days))  # not yet due
        RiskEntryFactory(review_date=today - datetime.timedelta(days=3))  # someone else's

        def found(few_led):
            monkeypatch.setattr(views, "FEW_LED", few_led)
            return [
                (risk.partnership.lead_officer_id, risk.review_date) for risk in views.risks_past_review(officer, today)
            ]

        by_partnership, by_review_date = found(100), found(1)  # the officer leads 3: one way, then the other
        assert by_partnership == by_review_date
        assert by_partnership == [(officer.pk, today - datetime.timedelta(days=days)) for days in (9, 5, 1)]

    @pytest.mark.parametrize(
        ("role", "landing"),
        [("scrutiny", "dashboard:index"), ("legal", "agreements:list"), ("admin_user", "register_health")],
    )
    def test_everyone_else_lands_where_their_work_is(self, client_for, role, landing, request):
        response = client_for(request.getfixturevalue(role)).get(reverse("home"))
        assert response.status_code == 302 and response.url == reverse(landing)


class TestRegisterList:
    def test_lists_partnerships_with_count(self, client_for, scrutiny):
        PartnershipFactory.create_batch(3)
        response = client_for(scrutiny).get(LIST)
        assert response.status_code == 200
        assert "3 partnerships on the register" in response.content.decode()

    def test_search_covers_partner_names(self, client_for, scrutiny):
        hit = PartnershipFactory(name="Safer Streets")
        PartnershipMemberFactory(partnership=hit, organisation=OrganisationFactory(name="Northmoor Constabulary"))
        PartnershipFactory(name="Libraries Consortium")
        page = client_for(scrutiny).get(LIST, {"q": "constabulary"}).content.decode()
        assert "Safer Streets" in page and "Libraries Consortium" not in page
        assert "1 partnership matches your filters" in page

    def test_every_search_word_must_match_in_a_name_purpose_or_partner(self, client_for, scrutiny):
        both = PartnershipFactory(name="Safer Streets")
        PartnershipMemberFactory(partnership=both, organisation=OrganisationFactory(name="Northmoor Constabulary"))
        PartnershipMemberFactory(partnership=both, organisation=OrganisationFactory(name="Constabulary Trust"))
        PartnershipFactory(name="Safer Roads")  # "safer" only
        page = client_for(scrutiny).get(LIST, {"q": "SAFER constabulary"}).content.decode()
        assert "Safer Streets" in page and "Safer Roads" not in page
        assert "1 partnership matches your filters" in page  # listed once, though two partners match

    def test_filters_are_kept_in_the_url_and_combine(self, client_for, scrutiny):
        PartnershipFactory(name="Proposed One", status=Status.PROPOSED)
        ActivePartnershipFactory(name="Active One")
        ActivePartnershipFactory(name="Overdue One", next_review_due=datetime.date.today() - datetime.timedelta(1))
        page = client_for(scrutiny).get(LIST + "?status=active&review_overdue=true").content.decode()
        assert "Overdue One" in page
        assert "Active One" not in page and "Proposed One" not in page
        assert 'href="?status=active&amp;review_overdue=true&amp;sort=name"' in page  # sorting keeps the filters

    def test_sorting_by_a_column_and_reversing(self, client_for, scrutiny):
        PartnershipFactory(name="Alpha")
        PartnershipFactory(name="Zulu")
        client = client_for(scrutiny)
        ascending = client.get(LIST, {"sort": "name"}).content.decode()
        descending = client.get(LIST, {"sort": "-name"}).content.decode()
        assert ascending.index("Alpha") < ascending.index("Zulu")
        assert descending.index("Zulu") < descending.index("Alpha")
        assert 'aria-sort="descending"' in descending

    def test_pagination(self, client_for, scrutiny):
        PartnershipFactory.create_batch(30)
        client = client_for(scrutiny)
        first = client.get(LIST).content.decode()
        assert "govuk-pagination" in first and 'href="?page=2"' in first
        second = client.get(LIST, {"page": 2})
        assert second.status_code == 200
        assert len(second.context["partnerships"]) == 5

    def test_nonsense_filters_do_not_break_the_page(self, client_for, scrutiny):
        response = client_for(scrutiny).get(LIST, {"status": "banana", "directorate": "x", "sort": "hack"})
        assert response.status_code == 200

    def test_add_button_only_for_those_who_may_add(self, client_for, officer, scrutiny):
        assert "Add a partnership" in client_for(officer).get(LIST).content.decode()
        assert "Add a partnership" not in client_for(scrutiny).get(LIST).content.decode()

    def test_scrutiny_cannot_post(self, client_for, scrutiny):
        assert client_for(scrutiny).post(LIST).status_code == 403

    def test_query_count_does_not_grow_with_rows(self, client_for, scrutiny, django_assert_max_num_queries):
        client = client_for(scrutiny)
        for _ in range(3):
            partnership = ActivePartnershipFactory()
            PartnershipMemberFactory(partnership=partnership)
        with django_assert_max_num_queries(12) as few:
            client.get(LIST)
        for _ in range(20):
            partnership = ActivePartnershipFactory()
            PartnershipMemberFactory(partnership=partnership)
        with django_assert_max_num_queries(len(few.captured_queries)):
            client.get(LIST)


class TestPartnershipPage:
    def populate(self, partnership):
        PartnershipMemberFactory(partnership=partnership, organisation=OrganisationFactory(name="Northmoor NHS Trust"))
        RiskEntryFactory(partnership=partnership, likelihood=5, impact=4, residual_likelihood=2, residual_impact=3)
        AssessmentFactory(partnership=partnership)
        HealthCheckResponseFactory(
            partnership=partnership, respondent_name="Alice", scores=dict.fromkeys(range(1, 7), 4)
        )
        HealthCheckResponseFactory(partnership=partnership, respondent_name="Bob", scores=dict.fromkeys(range(1, 7), 2))
        objective = ObjectiveFactory(partnership=partnership, title="Halve waiting times")
        review = PerformanceReviewFactory(partnership=partnership)
        from reviews.models import ObjectiveProgress

        ObjectiveProgress.objects.create(review=review, objective=objective, rating="on_track")
        LessonFactory(partnership=partnership, title="Agree data sharing first")

    def test_shows_the_whole_lifecycle(self, client_for, officer, partnership):
        self.populate(partnership)
        partnership.start_review(by=officer, note="Annual look")
        page = client_for(officer).get(detail(partnership)).content.decode()
        for text in (
            partnership.name,
            "Northmoor NHS Trust",
            "£10,000",
            "20 High",  # inherent score and band
            "6 Medium",  # residual
            "Fact-finding checklist",
            "Alice",
            "Bob",
            "2.0",  # spread between respondents
            "Halve waiting times",
            "On track",
            "Agree data sharing first",
            "Active to Under review",
            "Annual look",
            "Change history",
            "Olivia Officer",
        ):
            assert text in page, text

    def test_editors_see_edit_controls(self, client_for, officer, colleague, partnership):
        for user in (officer, colleague):
            page = client_for(user).get(detail(partnership)).content.decode()
            assert "Edit details and partners" in page
            assert "Add a risk" in page and "Move to under review" in page

    @pytest.mark.parametrize("role", ["scrutiny", "outsider", "legal"])
    def test_readers_see_no_edit_controls(self, client_for, role, request, partnership):
        self.populate(partnership)
        response = client_for(request.getfixturevalue(role)).get(detail(partnership))
        page = response.content.decode()
        assert response.status_code == 200
        for control in ("Edit details", "Add a risk", "Record a performance review", "Add an objective", "/move/"):
            assert control not in page

    def test_unknown_reference_is_404(self, client_for, officer):
        assert client_for(officer).get("/partnerships/NOPE-1/").status_code == 404

    def test_query_count_is_constant(self, client_for, officer, partnership, django_assert_max_num_queries):
        client = client_for(officer)
        self.populate(partnership)
        self.populate_more(partnership)  # a change already: the history reads the rows changes were made from
        with django_assert_max_num_queries(40) as few:
            client.get(detail(partnership))
        for _ in range(8):
            self.populate_more(partnership)
        with django_assert_max_num_queries(len(few.captured_queries)):
            client.get(detail(partnership))

    def populate_more(self, partnership):
        PartnershipMemberFactory(partnership=partnership)
        RiskEntryFactory(partnership=partnership)
        HealthCheckResponseFactory(partnership=partnership, scores=dict.fromkeys(range(1, 7), 3))
        ObjectiveFactory(partnership=partnership)
        PerformanceReviewFactory(partnership=partnership)
        LessonFactory(partnership=partnership)
        partnership.name += "!"
        partnership.save()
