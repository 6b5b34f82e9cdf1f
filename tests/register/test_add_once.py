"""Adding a partnership: a double click adds one, and a likely duplicate is pointed out first."""

import re
import threading
import uuid
from functools import partial

import pytest
from django.db import connection, connections
from django.urls import reverse

from register.models import Partnership, SubmittedForm
from tests.factories import PartnershipFactory
from tests.ui.test_register_forms import CREATE, errors, partnership_data

pytestmark = pytest.mark.django_db


def rendered_token(client):
    """The one-time token of the "Add a partnership" form, as the browser received it."""
    page = client.get(CREATE).content.decode()
    return re.search(r'name="submission_token" value="([0-9a-f-]{36})"', page).group(1)


def test_submitting_the_same_form_three_times_adds_one_partnership(client_for, officer, directorate):
    client = client_for(officer)
    data = partnership_data(officer, directorate, submission_token=rendered_token(client))
    responses = [client.post(CREATE, data) for _ in range(3)]
    assert Partnership.objects.filter(name=data["name"]).count() == 1
    partnership = Partnership.objects.get(name=data["name"])
    assert [r.status_code for r in responses] == [302, 302, 302], errors(responses[0])
    assert {r.url for r in responses} == {reverse("register:partnership_tasks", args=[partnership.reference])}
    page = client.get(responses[2].url).content.decode()
    assert "This form was already sent, so nothing more was added" in page


def test_each_fresh_form_adds_its_own_partnership(client_for, officer, directorate):
    client = client_for(officer)
    for name in ("Food Partnership North", "Food Partnership South"):
        data = partnership_data(officer, directorate, name=name, submission_token=rendered_token(client))
        assert client.post(CREATE, data).status_code == 302
    assert Partnership.objects.filter(name__startswith="Food Partnership").count() == 2


def test_a_form_with_errors_can_be_corrected_and_sent_with_the_same_token(client_for, officer, directorate):
    client = client_for(officer)
    data = partnership_data(officer, directorate, submission_token=rendered_token(client))
    assert client.post(CREATE, {**data, "name": ""}).status_code == 200
    assert client.post(CREATE, data).status_code == 302
    assert Partnership.objects.filter(name=data["name"]).count() == 1


def test_the_same_name_in_the_same_directorate_is_pointed_out_before_saving(client_for, officer, directorate):
    existing = PartnershipFactory(name="Northmoor Food Partnership", directorate=directorate)
    client = client_for(officer)
    data = partnership_data(officer, directorate, name="northmoor  food partnership")
    warned = client.post(CREATE, data)
    assert warned.status_code == 200
    assert any(
        f"{existing.reference} Northmoor Food Partnership is already on the register" in message
        for _, message in errors(warned)
    )
    assert "Yes, add it: this is a different partnership" in warned.content.decode()
    assert Partnership.objects.count() == 1
    confirmed = client.post(CREATE, {**data, "confirm_duplicate": "on"})
    assert confirmed.status_code == 302, errors(confirmed)
    assert Partnership.objects.count() == 2


def test_the_same_name_in_another_directorate_is_not_a_duplicate(client_for, officer, directorate, other_directorate):
    PartnershipFactory(name="Northmoor Food Partnership", directorate=other_directorate)
    response = client_for(officer).post(CREATE, partnership_data(officer, directorate))
    assert response.status_code == 302, errors(response)


@pytest.mark.django_db(transaction=True)
def test_two_simultaneous_submissions_of_one_form_on_postgresql_add_one_partnership(officer, directorate):
    """A double click sends two requests at once: two database sessions race on the form's token."""
    if connection.vendor != "postgresql":
        pytest.skip("needs concurrent sessions: run with DATABASE_URL=postgres://...")
    token = uuid.uuid4()
    barrier = threading.Barrier(2)
    results = []

    def submit(n):
        try:
            barrier.wait()
            add = partial(PartnershipFactory.create, name="Raced", directorate=directorate)
            results.append(SubmittedForm.once(token, officer, lambda: add().get_absolute_url()))
        finally:
            connections.close_all()

    threads = [threading.Thread(target=submit, args=(n,)) for n in (1, 2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert Partnership.objects.filter(name="Raced").count() == 1
    assert sorted(first for _, first in results) == [False, True]
    assert {url for url, _ in results} == {Partnership.objects.get(name="Raced").get_absolute_url()}
