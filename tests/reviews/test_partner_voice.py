"""Partners answer the health check through a single-use, expiring, revocable link without an account."""

import datetime
import re

import pytest
from django.urls import reverse
from django.utils import timezone

from assessments.models import HealthCheckResponse, HealthStatement
from reviews.assurance import partner as partner_view
from reviews.assurance.models import PartnerInvitation, hash_token
from tests.factories import ActivePartnershipFactory

pytestmark = pytest.mark.django_db


def answers(name="Priya Partner", score="3"):
    data = {"respondent_name": name, "comments": ""}
    for statement in HealthStatement.objects.all():
        data[f"statement_{statement.pk}"] = score
    return data


@pytest.fixture
def invited(client_for, officer, partner, assurance_return, mailoutbox):
    client_for(officer).post(reverse("reviews:invitation_create", args=[assurance_return.pk]), {"partner": partner.pk})
    (email,) = mailoutbox
    link = re.search(r"https?://\S+/partner/\S+/", email.body).group(0)
    return link[link.index("/partner/") :]


def test_the_invitation_email_carries_a_link_whose_token_is_stored_only_as_a_hash(invited, partner, client):
    invitation = PartnerInvitation.objects.get()
    token = invited.split("/")[2]
    assert len(token) >= 40
    assert invitation.token_hash == hash_token(token) and token not in invitation.token_hash
    assert invitation.contact_email == "priya.partner@example.nhs.uk"
    client.logout()
    assert client.get(invited).status_code == 200


def test_answers_become_the_partners_respondent_record_and_the_link_works_once(invited, client, partnership, partner):
    client.logout()
    response = client.post(invited, answers())
    assert response.status_code == 200 and b"Health check sent" in response.content
    record = HealthCheckResponse.objects.get(partnership=partnership)
    assert record.organisation == partner.organisation and record.respondent_name == "Priya Partner"
    assert record.scores.count() == HealthStatement.objects.count()
    assert client.get(invited).status_code == 410
    assert client.post(invited, answers(name="Someone else")).status_code == 410
    assert HealthCheckResponse.objects.count() == 1


def test_an_expired_or_revoked_link_does_not_work(invited, client_for, officer, client):
    invitation = PartnerInvitation.objects.get()
    invitation.expires_at = timezone.now() - datetime.timedelta(seconds=1)
    invitation.save()
    assert client.get(invited).status_code == 410
    invitation.expires_at = timezone.now() + datetime.timedelta(days=1)
    invitation.save()
    client_for(officer).post(reverse("reviews:invitation_revoke", args=[invitation.assurance_return_id, invitation.pk]))
    client.logout()
    assert client.get(invited).status_code == 410


def test_a_token_reaches_no_other_page_or_partnership(invited, client):
    client.logout()
    token = invited.split("/")[2]
    other = ActivePartnershipFactory()
    for url in (
        reverse("home"),
        reverse("register:partnership_detail", args=[other.reference]),
        reverse("assessments:health_check_create", args=[other.reference]),
        reverse("reviews:return", args=[PartnerInvitation.objects.get().assurance_return_id]),
    ):
        for attempt in (url, f"{url}?token={token}"):
            response = client.get(attempt)
            assert response.status_code == 302 and response["Location"].startswith("/accounts/login/")
    page = client.get(invited).content.decode()
    assert other.name not in page


def test_unknown_tokens_are_refused_and_rate_limited(client, monkeypatch):
    monkeypatch.setattr(partner_view, "ATTEMPTS_PER_WINDOW", 3)
    codes = [client.get(reverse("reviews:partner_health_check", args=[f"guess{i}"])).status_code for i in range(5)]
    assert codes == [410, 410, 410, 429, 429]


def test_only_who_may_change_the_partnership_invites_partners(
    client_for, outsider, scrutiny, partner, assurance_return
):
    for user in (outsider, scrutiny):
        url = reverse("reviews:invitation_create", args=[assurance_return.pk])
        assert client_for(user).post(url, {"partner": partner.pk}).status_code == 403
    assert not PartnerInvitation.objects.exists()


def test_principle_and_statement_text_are_shown_as_text_never_run_as_template(invited, client):
    from assessments.models import HealthPrinciple

    principle = HealthPrinciple.objects.first()
    principle.title = "{{ settings.SECRET_KEY }} <i>x</i>"
    principle.save()
    statement = HealthStatement.objects.first()
    statement.text = "<script>alert(1)</script>"
    statement.save()
    client.logout()
    page = client.get(invited).content.decode()
    assert "{{ settings.SECRET_KEY }} &lt;i&gt;x&lt;/i&gt;" in page
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in page and "<script>alert(1)" not in page
    assert page.count('type="radio"') == 4 * HealthStatement.objects.count()
