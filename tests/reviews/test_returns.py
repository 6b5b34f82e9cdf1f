"""The self-assessment return: questions as data, part-done saves, submit, read-only, send back."""

import pytest
from django.urls import reverse

from reviews.assurance.models import ReturnAnswer, ReturnQuestion, ReturnStatus

from .conftest import complete_answers

pytestmark = pytest.mark.django_db


def post(client, assurance_return, data, submit=False):
    assurance_return.refresh_from_db()
    payload = {"lock_version": assurance_return.lock_version, **data}
    if submit:
        payload["submit"] = "1"
    return client.post(reverse("reviews:return", args=[assurance_return.pk]), payload)


def test_questions_are_data_loaded_from_the_fixture():
    keys = set(ReturnQuestion.objects.values_list("key", flat=True))
    assert {"terms_of_reference", "agreement_current", "risk_register_reviewed", "top_risks", "improvements"} <= keys


def test_a_question_added_by_the_administrator_appears_on_the_form(client_for, officer, assurance_return):
    ReturnQuestion.objects.create(
        key="safeguarding", section="governance", kind="yes_no", text="Safeguarding <b>ok</b>?"
    )
    page = client_for(officer).get(reverse("reviews:return", args=[assurance_return.pk])).content.decode()
    assert "Safeguarding &lt;b&gt;ok&lt;/b&gt;?" in page  # a label, escaped: never compiled as a template


def test_saving_part_done_keeps_answers_and_marks_it_in_progress(client_for, officer, assurance_return, objective):
    client = client_for(officer)
    response = post(
        client, assurance_return, {"question_top_risks": "Funding", f"objective_{objective.pk}": "12% fewer"}
    )
    assert response.status_code == 302
    assurance_return.refresh_from_db()
    assert assurance_return.status == ReturnStatus.IN_PROGRESS
    assert ReturnAnswer.objects.get(assurance_return=assurance_return, question__key="top_risks").answer == "Funding"
    assert assurance_return.achievements.get().achievement == "12% fewer"


def test_submitting_an_incomplete_return_says_what_is_missing(client_for, officer, assurance_return):
    response = post(client_for(officer), assurance_return, {"question_top_risks": "Funding"}, submit=True)
    assert response.status_code == 200
    summary = " ".join(message for _, message in response.context["error_summary"])
    assert "Write the summary for the committee" in summary
    assurance_return.refresh_from_db()
    assert assurance_return.status == ReturnStatus.IN_PROGRESS


def test_a_submitted_return_is_read_only_until_sent_back(client_for, officer, admin_user, assurance_return):
    data = {**complete_answers(ReturnQuestion.objects.active()), "summary": "A good year."}
    client = client_for(officer)
    assert post(client, assurance_return, data, submit=True).status_code == 302
    assurance_return.refresh_from_db()
    assert assurance_return.status == ReturnStatus.RETURNED
    assert assurance_return.proposed_rating  # the rule proposed a rating on submission
    page = client.get(reverse("reviews:return", args=[assurance_return.pk]))
    assert b"Send the return" not in page.content
    post(client, assurance_return, {**data, "summary": "Changed"})
    assurance_return.refresh_from_db()
    assert assurance_return.summary == "A good year."

    admin = client_for(admin_user)
    admin.post(reverse("reviews:return_send_back", args=[assurance_return.pk]), {"reason": "Say more on risks"})
    assurance_return.refresh_from_db()
    assert assurance_return.status == ReturnStatus.SENT_BACK
    client = client_for(officer)
    assert b"Say more on risks" in client.get(reverse("reviews:return", args=[assurance_return.pk])).content
    post(client, assurance_return, {**data, "summary": "Changed"})
    assurance_return.refresh_from_db()
    assert assurance_return.summary == "Changed"


def test_a_stale_form_does_not_overwrite_a_newer_save(client_for, officer, assurance_return):
    client = client_for(officer)
    stale = assurance_return.lock_version
    post(client, assurance_return, {"summary": "First"})
    response = client.post(
        reverse("reviews:return", args=[assurance_return.pk]), {"lock_version": stale, "summary": "Second"}
    )
    assert response.status_code == 409
    assurance_return.refresh_from_db()
    assert assurance_return.summary == "First"


def test_officers_of_other_directorates_and_scrutiny_read_but_cannot_change(
    client_for, outsider, scrutiny, assurance_return
):
    for user in (outsider, scrutiny):
        client = client_for(user)
        assert client.get(reverse("reviews:return", args=[assurance_return.pk])).status_code == 200
        assert post(client, assurance_return, {"summary": "Mine now"}).status_code == 403


def test_an_objective_title_is_shown_as_text_not_markup(client_for, officer, assurance_return, objective):
    objective.title = '<script>alert("x")</script>'
    objective.save()
    page = client_for(officer).get(reverse("reviews:return", args=[assurance_return.pk])).content.decode()
    assert "<script>alert" not in page
    assert "&lt;script&gt;alert" in page
