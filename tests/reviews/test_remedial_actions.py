"""Remedial actions: raised from the improvements on a sent return, kept up to date by the lead officer
and administrators, carried from round to round until done, overdue ones on the home page and dashboard."""

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from register.choices import Status
from register.dates import add_months
from reviews.assurance import rounds
from reviews.assurance.models import ActionStatus, RemedialAction, ReturnQuestion

from .conftest import TODAY, complete_answers

pytestmark = pytest.mark.django_db

IMPROVEMENTS = "- Refresh the terms of reference\n\n* Agree a data sharing agreement\nnone"


def send(client, assurance_return, improvements=IMPROVEMENTS):
    assurance_return.refresh_from_db()
    data = {
        **complete_answers(ReturnQuestion.objects.active()),
        "question_improvements": improvements,
        "summary": "A steady year.",
        "lock_version": assurance_return.lock_version,
        "submit": "1",
    }
    return client.post(reverse("reviews:return", args=[assurance_return.pk]), data)


def descriptions(partnership):
    return sorted(partnership.remedial_actions.values_list("description", flat=True))


def test_sending_the_return_makes_each_improvement_an_action_for_the_lead_officer(
    client_for, officer, assurance_return, partnership
):
    assert send(client_for(officer), assurance_return).status_code == 302
    actions = list(partnership.remedial_actions.order_by("id"))
    assert [a.description for a in actions] == ["Refresh the terms of reference", "Agree a data sharing agreement"]
    today = timezone.localdate()
    for action in actions:
        assert action.owner == "Olivia Officer"
        assert action.status == ActionStatus.OPEN
        assert action.raised_in == assurance_return.round and action.from_return == assurance_return
        # due six months on: the round's "months to do a remedial action", which administrators edit
        assert action.due_date == add_months(today, assurance_return.round.action_due_months) and (
            assurance_return.round.action_due_months == 6
        )
    page = client_for(officer).get(reverse("reviews:return", args=[assurance_return.pk])).content.decode()
    assert "Refresh the terms of reference" in page and "Change<span" in page


def test_saving_part_done_raises_no_actions(client_for, officer, assurance_return, partnership):
    client_for(officer).post(
        reverse("reviews:return", args=[assurance_return.pk]),
        {"question_improvements": IMPROVEMENTS, "lock_version": assurance_return.lock_version},
    )
    assert not partnership.remedial_actions.exists()


def test_sending_again_after_being_sent_back_adds_only_new_improvements(
    client_for, officer, admin_user, assurance_return, partnership
):
    client = client_for(officer)
    send(client, assurance_return)
    started = partnership.remedial_actions.get(description="Refresh the terms of reference")
    started.progress = "Draft circulated"
    started.save()
    client_for(admin_user).post(
        reverse("reviews:return_send_back", args=[assurance_return.pk]), {"reason": "Add the finance point"}
    )
    send(client, assurance_return, "Refresh the terms of reference\nReport the accounts to every partner")
    # the untouched action for the improvement no longer proposed has gone; the started one stays once
    assert descriptions(partnership) == ["Refresh the terms of reference", "Report the accounts to every partner"]
    assert partnership.remedial_actions.get(description="Refresh the terms of reference").progress == (
        "Draft circulated"
    )


def test_raising_twice_for_the_same_return_never_duplicates(client_for, officer, assurance_return, partnership):
    send(client_for(officer), assurance_return)
    assert RemedialAction.objects.raise_from(assurance_return) == []  # a second request arriving with the same return
    assert partnership.remedial_actions.count() == 2


def test_a_double_click_on_send_raises_each_action_once(client_for, officer, assurance_return, partnership):
    client = client_for(officer)
    assurance_return.refresh_from_db()
    version = assurance_return.lock_version
    data = {
        **complete_answers(ReturnQuestion.objects.active()),
        "question_improvements": IMPROVEMENTS,
        "summary": "A steady year.",
        "lock_version": version,
        "submit": "1",
    }
    url = reverse("reviews:return", args=[assurance_return.pk])
    first, second = client.post(url, data), client.post(url, data)
    assert first.status_code == 302 and second.status_code == 302  # the second finds it sent already
    assert partnership.remedial_actions.count() == 2


# -- the action's own page -----------------------------------------------------------------------


@pytest.fixture
def action(assurance_return, partnership):
    return RemedialAction.objects.create(
        partnership=partnership,
        raised_in=assurance_return.round,
        from_return=assurance_return,
        description="Refresh the terms of reference",
        owner="Olivia Officer",
        due_date=TODAY,
    )


def edit(client, action, **changes):
    action.refresh_from_db()
    data = {
        "owner": action.owner,
        "due_date_0": action.due_date.day,
        "due_date_1": action.due_date.month,
        "due_date_2": action.due_date.year,
        "status": action.status,
        "progress": action.progress,
        "lock_version": action.lock_version,
        **changes,
    }
    return client.post(reverse("reviews:action_update", args=[action.pk]), data)


def test_the_lead_officer_updates_owner_due_date_status_and_progress(client_for, officer, action, partnership):
    client = client_for(officer)
    page = client.get(reverse("reviews:action_update", args=[action.pk])).content.decode()
    assert "Progress note (optional)" in page and "Refresh the terms of reference" in page
    response = edit(
        client,
        action,
        owner="Colin Colleague",
        due_date_0="31",
        due_date_1="3",
        due_date_2="2027",
        status=ActionStatus.IN_PROGRESS,
        progress="Draft with the partners",
    )
    assert response.status_code == 302 and response["Location"] == partnership.get_absolute_url() + "#assurance"
    action.refresh_from_db()
    assert (action.owner, action.due_date, action.status, action.progress) == (
        "Colin Colleague",
        datetime.date(2027, 3, 31),
        ActionStatus.IN_PROGRESS,
        "Draft with the partners",
    )


def test_bad_input_is_listed_in_the_error_summary_and_nothing_is_saved(client_for, admin_user, action):
    response = edit(client_for(admin_user), action, owner="", due_date_0="31", due_date_1="2", due_date_2="2027")
    assert response.status_code == 200
    messages = [message for _, message in response.context["error_summary"]]
    assert "Enter owner" in messages and len(messages) == 2
    assert "govuk-error-summary" in response.content.decode()
    action.refresh_from_db()
    assert action.owner == "Olivia Officer"


def test_a_stale_save_is_refused_and_the_newer_one_kept(client_for, officer, admin_user, action):
    action.refresh_from_db()
    stale_version = action.lock_version
    edit(client_for(admin_user), action, status=ActionStatus.DONE, progress="Signed off")
    response = edit(client_for(officer), action, progress="Still drafting", lock_version=stale_version)
    assert response.status_code == 409
    action.refresh_from_db()
    assert (action.status, action.progress) == (ActionStatus.DONE, "Signed off")


@pytest.mark.parametrize("role", ["colleague", "outsider", "scrutiny", "legal", "approver"])
def test_only_the_lead_officer_and_administrators_change_an_action(client_for, request, role, action):
    client = client_for(request.getfixturevalue(role))
    assert client.get(reverse("reviews:action_update", args=[action.pk])).status_code == 403
    assert edit(client, action, owner="Someone else").status_code == 403
    action.refresh_from_db()
    assert action.owner == "Olivia Officer"


def test_a_closed_partnerships_actions_are_for_administrators(client_for, officer, admin_user, action, partnership):
    type(partnership).objects.filter(pk=partnership.pk).update(status=Status.CLOSED)
    assert client_for(officer).get(reverse("reviews:action_update", args=[action.pk])).status_code == 403
    assert client_for(admin_user).get(reverse("reviews:action_update", args=[action.pk])).status_code == 200


def test_the_page_never_sends_the_user_off_the_site(client_for, officer, action, partnership):
    response = edit(client_for(officer), action, next="https://evil.example/")
    assert response["Location"] == partnership.get_absolute_url() + "#assurance"


# -- carried from round to round -----------------------------------------------------------------


def test_an_action_not_done_is_carried_into_the_next_round_until_done(
    client_for, officer, admin_user, action, assurance_return, partnership
):
    assurance_return.round.close()
    next_round = rounds.open_round("2027/28", TODAY.replace(year=2027), [partnership], by=admin_user)
    next_return = next_round.returns.get()
    client = client_for(officer)
    page = client.get(reverse("reviews:return", args=[next_return.pk])).content.decode()
    assert "Refresh the terms of reference" in page  # on next year's return, with its round
    assert "2026/27" in page
    panel = client.get(partnership.get_absolute_url()).content.decode()
    assert "Refresh the terms of reference" in panel
    edit(client, action, status=ActionStatus.DONE)
    panel = client.get(partnership.get_absolute_url()).content.decode()
    assert "Refresh the terms of reference" not in panel.split('id="assurance"')[1]  # done: off the to-do list


def test_overdue_actions_show_on_the_lead_officer_s_home_page_and_the_dashboard(client_for, officer, scrutiny, action):
    action.due_date = datetime.date(2020, 1, 1)
    action.save()
    assert "Refresh the terms of reference" in client_for(officer).get(reverse("home")).content.decode()
    dashboard = client_for(scrutiny).get(reverse("dashboard:index")).content.decode()
    assert "1 remedial action is overdue across the register" in dashboard


def test_an_action_added_by_hand_is_added_once_however_often_the_form_is_sent(
    client_for, officer, assurance_return, partnership
):
    client = client_for(officer)
    url = reverse("reviews:action_create", args=[assurance_return.pk])
    form_page = client.get(url)
    token = form_page.context["form"].initial["submission_token"]
    assert f'name="submission_token" value="{token}"' in form_page.content.decode()
    data = {
        "description": "Appoint a deputy chair",
        "owner": "Olivia Officer",
        "due_date_0": "1",
        "due_date_1": "3",
        "due_date_2": "2027",
        "status": "open",
        "submission_token": token,
    }
    first, second = client.post(url, data), client.post(url, data)
    assert first.status_code == second.status_code == 302
    assert second["Location"] == first["Location"]
    assert list(partnership.remedial_actions.values_list("description", flat=True)) == ["Appoint a deputy chair"]
