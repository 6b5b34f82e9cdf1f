"""The issue's "Done when" journey in Chromium: the administrator opens a round, the lead officer sends
the return, a partner answers through the emailed link (which then fails, as does an expired one), the
administrator confirms the rating, and the annual report PDF shows the partnership's change on last year."""

import datetime
import io
import re

import pytest
from django.core import mail
from django.utils import timezone
from playwright.sync_api import expect
from pypdf import PdfReader

from assessments.models import HealthCheckResponse, HealthStatement
from register.choices import AssuranceRating
from reviews.assurance import rounds
from reviews.assurance.models import AssuranceRound, PartnerInvitation, ReturnQuestion, ReturnStatus
from tests.factories import PartnershipMemberFactory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def fill_date(page, name, day):
    page.locator(f"#id_{name}_0").fill(str(day.day))
    page.locator(f"#id_{name}_1").fill(str(day.month))
    page.locator(f"#id_{name}_2").fill(str(day.year))


def test_the_assurance_round_from_opening_to_the_annual_report(
    live_server, page, partnership, officer, admin_user, login_as, assert_accessible
):
    PartnershipMemberFactory(
        partnership=partnership,
        organisation__name="Northmoor Carers Trust",
        contact_name="Priya Partner",
        contact_email="priya@carers.example.org",
    )
    last_year = rounds.open_round("2025/26", datetime.date(2025, 7, 1), [partnership], notify=False)
    previous = last_year.returns.get()
    previous.status = ReturnStatus.RETURNED
    previous.save()
    previous.confirm_rating(AssuranceRating.SUBSTANTIAL, "Everything in place")
    last_year.close()

    # The administrator opens this year's round; the partnership is proposed by default.
    login_as(admin_user)
    page.goto(f"{live_server.url}/assurance/new/")
    assert_accessible(page)
    page.get_by_label("Round name").fill("2026/27")
    fill_date(page, "deadline", timezone.localdate() + datetime.timedelta(days=30))
    every = page.get_by_label("Every live partnership of high or medium significance (1)")
    expect(every).to_be_checked()
    page.screenshot(path="screenshots/assurance-round-new.png", full_page=True)
    # Listing partnerships by reference: one that is not in the register is named, and nothing is lost.
    page.get_by_label("Only the partnerships I list").check()
    page.get_by_label("Partnership references").fill(f"{partnership.reference}\nNCC-9999")
    page.get_by_role("button", name="Open the round").click()
    expect(page.locator(".govuk-error-summary")).to_contain_text("Not a live partnership in the register: NCC-9999")
    expect(page.get_by_label("Partnership references")).to_have_value(f"{partnership.reference}\nNCC-9999")
    expect(page.get_by_label("Round name")).to_have_value("2026/27")
    assert_accessible(page)
    page.screenshot(path="screenshots/assurance-round-new-error.png", full_page=True)
    page.get_by_label(re.compile("Every live partnership")).check()
    page.get_by_role("button", name="Open the round").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Round 2026/27")
    assert_accessible(page)
    assert [message.to for message in mail.outbox] == [[officer.email]]

    # The lead officer finds the task on their home page and sends the return.
    page.context.clear_cookies()
    login_as(officer)
    page.get_by_role("link", name=f"Return 2026/27 for {partnership.reference}").click()
    assert_accessible(page)
    for question in ReturnQuestion.objects.active():
        if question.kind == "yes_no":
            page.locator(f'input[name="question_{question.key}"][value="yes"]').check()
        else:
            page.locator(f"#id_question_{question.key}").fill("Set out in the partnership's records.")
    page.locator("#id_question_improvements").fill("Refresh the terms of reference")
    page.get_by_label("Summary for the committee").fill("Hospital discharge delays fell by a fifth.")
    page.get_by_role("button", name="Send the return").click()
    expect(page.locator(".govuk-notification-banner--success")).to_contain_text("sent")
    expect(page.get_by_role("button", name="Send the return")).to_have_count(0)

    # The improvement is now a remedial action, on the partnership page's Annual assurance panel.
    page.goto(f"{live_server.url}{partnership.get_absolute_url()}#assurance")
    assurance = page.locator("section#assurance")
    expect(assurance).to_contain_text("Refresh the terms of reference")
    assert_accessible(page)
    assurance.screenshot(path="screenshots/assurance-panel.png")
    assurance.get_by_role("link", name=re.compile("Change the action")).click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Update a remedial action")
    assert_accessible(page)
    page.get_by_role("button", name="Save the action").click()  # nothing changed: saves as it was
    expect(assurance).to_contain_text("Refresh the terms of reference")  # back on the partnership page
    assurance.get_by_role("link", name=re.compile("Change the action")).click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Update a remedial action")
    page.get_by_label("Owner").fill("")
    page.get_by_role("button", name="Save the action").click()
    expect(page.locator(".govuk-error-summary")).to_contain_text("Enter owner")
    assert_accessible(page)
    page.screenshot(path="screenshots/action-edit-error.png", full_page=True)
    page.get_by_label("Owner").fill("Olivia Officer")
    page.get_by_label("In progress").check()
    page.get_by_label("Progress note (optional)").fill("Draft sent to the partners")
    page.screenshot(path="screenshots/action-edit.png", full_page=True)
    page.get_by_role("button", name="Save the action").click()
    expect(assurance).to_contain_text("Progress: Draft sent to the partners")
    expect(assurance).to_contain_text("In progress")

    # ...and invites a partner to answer the health check.
    page.goto(live_server.url + AssuranceRound.objects.get(name="2026/27").returns.get().get_absolute_url())
    page.get_by_role("link", name="Invite a partner to answer the health check").click()
    assert_accessible(page)
    page.get_by_label(re.compile("Priya Partner")).check()
    page.get_by_role("button", name="Send invitation").click()
    link = re.search(r"https?://\S+/partner/\S+/", mail.outbox[-1].body).group(0)
    link = live_server.url + link[link.index("/partner/") :]

    # The partner answers through the link, without an account; the link then fails.
    page.context.clear_cookies()
    page.goto(link)
    expect(page.get_by_role("heading", level=1)).to_have_text("Partnership health check")
    assert_accessible(page)
    for statement in HealthStatement.objects.all():
        page.locator(f'input[name="statement_{statement.pk}"][value="3"]').check()
    page.get_by_role("button", name="Send health check").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Health check sent")
    assert HealthCheckResponse.objects.get(partnership=partnership).organisation.name == "Northmoor Carers Trust"
    page.goto(link)
    expect(page.get_by_role("heading", level=1)).to_have_text("This link does not work")

    # An expired link fails too.
    this_return = AssuranceRound.objects.get(name="2026/27").returns.get()
    expired, token = PartnerInvitation.issue(this_return, partnership.memberships.get().organisation, "P", "p@x.org")
    expired.expires_at = timezone.now() - datetime.timedelta(minutes=1)
    expired.save()
    page.goto(f"{live_server.url}/partner/{token}/")
    expect(page.get_by_role("heading", level=1)).to_have_text("This link does not work")

    # The administrator confirms the proposed rating.
    login_as(admin_user)
    page.goto(f"{live_server.url}{this_return.get_absolute_url()}")
    page.get_by_role("link", name="Confirm or change the rating").click()
    assert_accessible(page)
    page.get_by_role("button", name="Confirm rating").click()
    this_return.refresh_from_db()
    assert this_return.rating
    rating = AssuranceRating(this_return.rating).label

    # The annual report: page, then PDF with the partnership, its rating and its change on last year.
    page.goto(f"{live_server.url}/assurance/{this_return.round_id}/report/")
    assert_accessible(page)
    page.get_by_role("link", name="Download the report (PDF)").click()  # drawn in the background
    expect(page.get_by_role("heading", level=1)).to_have_text("Your annual assurance report is ready")
    assert_accessible(page)
    page.screenshot(path="screenshots/annual-report-job.png", full_page=True)
    download = page.get_by_role("link", name=re.compile(r"Download annual-review-of-partnerships-2026-27\.pdf"))
    response = page.request.get(live_server.url + download.get_attribute("href"))
    assert response.headers["content-type"] == "application/pdf"
    reader = PdfReader(io.BytesIO(response.body()))
    text = " ".join(" ".join(p.extract_text().split()) for p in reader.pages)
    assert partnership.name in text
    assert f"Substantial to {rating}" in text
