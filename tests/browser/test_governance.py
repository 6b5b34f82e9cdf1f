"""Governance in real Chromium: an officer cannot take a partnership past a gate without what it
needs and sees what is missing; they cannot approve their own partnership; an approver approves
once the evidence is there; closing needs the closure evaluation."""

import datetime

import pytest
from playwright.sync_api import expect

from register.choices import Status
from tests.browser.helpers import CHECKLIST, fill_checklist, fill_date
from tests.factories import (
    ExitingPartnershipFactory,
    LessonFactory,
    ProposedPartnershipFactory,
    RiskEntryFactory,
    answer_scope_screening,
)

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def sign_in_as(page, login_as, user):
    page.context.clear_cookies()
    login_as(user)


def test_an_officer_meets_the_gates_and_an_approver_approves(
    live_server, page, officer, approver, directorate, login_as, assert_accessible
):
    partnership = ProposedPartnershipFactory(
        lead_officer=officer, directorate=directorate, name="Northmoor Warm Homes Partnership"
    )
    answer_scope_screening(partnership)
    sign_in_as(page, login_as, officer)
    page.goto(f"{live_server.url}{partnership.get_absolute_url()}")

    # Nothing recorded: the page says what marking it as assessed needs, and offers no button for it.
    gate = page.locator("#gate-assessed")
    expect(gate).to_contain_text("To mark as assessed, you still need to:")
    expect(gate).to_contain_text("Record the partnership assessment.")
    expect(page.get_by_role("link", name="Mark as assessed", exact=True)).to_have_count(0)
    assert_accessible(page)

    # A half-done assessment names exactly what is left.
    page.get_by_role("link", name="Record the assessment").click()
    page.get_by_label("The issue or opportunity").fill(CHECKLIST["The issue or opportunity"])
    page.get_by_label("Why a partnership is the best route").fill(CHECKLIST["Why a partnership is the best route"])
    page.get_by_role("button", name="Save assessment").click()
    expect(gate).to_contain_text("Record the options considered in the assessment.")
    expect(gate).to_contain_text("Answer the fact-finding checklist: Legal basis, Cost, Accountability, Risk, SWOT")
    expect(gate).to_contain_text("Record the recommendation in the assessment.")

    page.get_by_role("link", name="Update the assessment").click()
    fill_checklist(page)
    page.get_by_role("button", name="Save assessment").click()
    expect(page.locator("#gate-assessed")).to_have_count(0)
    page.get_by_role("link", name="Mark as assessed", exact=True).click()
    page.get_by_role("button", name="Mark as assessed", exact=True).click()
    expect(page.locator(".govuk-notification-banner--success")).to_contain_text("is now assessed")

    # Approval: the decision record, a risk, and someone else with the Approver role.
    gate = page.locator("#gate-approved")
    expect(gate).to_contain_text("To approve, you still need to:")
    expect(gate).to_contain_text("Record the decision to proceed in the decision record.")
    expect(gate).to_contain_text("Add at least one risk to the risk register.")
    expect(gate).to_contain_text("Someone with the Approver role who does not lead this partnership must approve it.")
    assert_accessible(page)

    page.get_by_role("link", name="Record or change the decision record").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Decision record")
    page.get_by_label("Proceed with the partnership").check()
    page.get_by_label("Cabinet", exact=True).check()
    page.get_by_label("Name or title (optional)").fill("Cabinet")
    fill_date(page, "decision_date", datetime.date.today())
    page.get_by_label("Minute or decision reference").fill("Cabinet minute 42/2026")
    assert_accessible(page)
    page.get_by_role("button", name="Save decision record").click()
    RiskEntryFactory(partnership=partnership)
    page.reload()

    # The evidence is there, but the lead officer still cannot approve their own partnership.
    expect(gate).not_to_contain_text("decision record")
    expect(gate).not_to_contain_text("risk register")
    expect(gate).to_contain_text("Someone with the Approver role who does not lead this partnership must approve it.")
    expect(page.get_by_role("link", name="Approve", exact=True)).to_have_count(0)
    page.goto(f"{live_server.url}/partnerships/{partnership.reference}/move/approved/")
    expect(page.get_by_role("heading", level=1)).to_have_text("You cannot approve this partnership yet")

    # The director approves.
    sign_in_as(page, login_as, approver)
    page.goto(f"{live_server.url}{partnership.get_absolute_url()}")
    expect(page.locator("#gate-approved")).to_have_count(0)
    page.get_by_role("link", name="Approve", exact=True).click()
    page.get_by_label("Note").fill("Approved under Cabinet minute 42/2026")
    page.get_by_role("button", name="Approve", exact=True).click()
    expect(page.locator(".govuk-notification-banner--success")).to_contain_text("is now approved")
    expect(page.locator("#lifecycle")).to_contain_text("Assessed to Approved")
    expect(page.locator("#lifecycle")).to_contain_text("Dana Director")
    partnership.refresh_from_db()
    assert partnership.status == Status.APPROVED


def test_closing_needs_the_closure_evaluation(live_server, page, officer, directorate, login_as, assert_accessible):
    partnership = ExitingPartnershipFactory(lead_officer=officer, directorate=directorate, name="Northmoor Link")
    LessonFactory(partnership=partnership)
    sign_in_as(page, login_as, officer)
    page.goto(f"{live_server.url}{partnership.get_absolute_url()}")
    gate = page.locator("#gate-closed")
    expect(gate).to_contain_text("To close, you still need to:")
    expect(gate).to_contain_text("Complete the closure evaluation.")
    expect(page.get_by_role("link", name="Close", exact=True)).to_have_count(0)

    page.get_by_role("link", name="Start the closure evaluation").click()
    assert_accessible(page)
    page.get_by_role("group", name="Were the objectives achieved?").get_by_label("Partly achieved").check()
    page.get_by_label("What was achieved").fill("Four of five targets met.")
    page.get_by_role("group", name="Value for money").get_by_label("Good value for money").check()
    for label in ("What happens to assets", "What happens to staff", "What happens to data"):
        page.get_by_label(label).fill("Returned to the council.")
    page.get_by_label("What happens to money").fill("Balance returned to partners.")
    page.get_by_label("What partners and the public were told").fill("Told at the final board.")
    page.get_by_role("button", name="Save closure evaluation").click()

    expect(page.locator("#gate-closed")).to_have_count(0)
    page.get_by_role("link", name="Close", exact=True).click()
    page.get_by_role("button", name="Close", exact=True).click()  # no reason given
    expect(page.locator(".govuk-error-summary")).to_contain_text("Enter why the partnership is making this move")
    page.get_by_label("Note").fill("Funding ended; partners agreed to close.")
    page.get_by_role("button", name="Close", exact=True).click()
    expect(page.locator(".govuk-notification-banner--success")).to_contain_text("is now closed")
    expect(page.locator("#summary")).not_to_contain_text("Next review due")
    expect(page.get_by_role("link", name="Edit details and partners")).to_have_count(0)
    assert_accessible(page)
