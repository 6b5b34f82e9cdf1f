"""The journey from the issue, in real Chromium: an officer carries a partnership from proposal to a
completed review (a director approves it); scrutiny sees it all and can change nothing. axe-core
checks every main page."""

import datetime
import re

import pytest
from playwright.sync_api import expect

from register.models import Partnership
from tests.browser.helpers import fill_checklist
from tests.factories import ActivePartnershipFactory, LessonFactory, answer_scope_screening

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def fill_date(page, name, day):
    page.locator(f"#id_{name}_0").fill(str(day.day))
    page.locator(f"#id_{name}_1").fill(str(day.month))
    page.locator(f"#id_{name}_2").fill(str(day.year))


def move_lifecycle(page, button, note):
    page.get_by_role("link", name=button, exact=True).click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("are you sure?")
    page.get_by_label("Note").fill(note)
    page.get_by_role("button", name=button, exact=True).click()


def test_officer_runs_the_lifecycle_in_the_browser(
    live_server, page, officer, approver, directorate, login_as, assert_accessible
):
    today = datetime.date.today()
    soon = today + datetime.timedelta(days=10)
    login_as(officer)
    expect(page.get_by_role("heading", name="My partnerships")).to_be_visible()
    assert_accessible(page)

    # Add a partnership: a short first page, then its set-up task list.
    page.get_by_role("link", name="Add a partnership").click()
    assert_accessible(page)
    page.get_by_role("button", name="Add partnership and continue").click()  # empty form: errors first
    expect(page.locator(".govuk-error-summary")).to_contain_text("Enter the partnership name")
    assert_accessible(page)
    page.get_by_label("Partnership name").fill("Northmoor Warm Homes Partnership")
    page.get_by_label("Community / VCSE").check()
    page.get_by_role("button", name="Add partnership and continue").click()
    expect(page.locator(".govuk-notification-banner--success")).to_contain_text("added to the register")
    expect(page.get_by_role("heading", level=1)).to_have_text("Set up Northmoor Warm Homes Partnership")
    assert_accessible(page)

    # Task by task, each saved as you go.
    page.get_by_role("link", name="Partnership details").click()
    assert_accessible(page)
    page.get_by_label("Purpose").fill("Insulate 500 homes of residents in fuel poverty.")
    page.get_by_role("button", name="Save and return to the task list").click()
    page.get_by_role("link", name="Dates, significance and review").click()
    fill_date(page, "next_review_due", soon)
    page.get_by_role("button", name="Save and return to the task list").click()
    page.locator(".govuk-task-list").get_by_role("link", name="Partners", exact=True).click()
    assert_accessible(page)
    page.locator("#id_partners-0-organisation_name").fill("Northmoor Energy Advice CIC")
    page.locator("#id_partners-0-role").select_option(label="Delivery partner")
    page.locator("#id_partners-1-organisation_name").fill("Northmoor Housing Association")
    page.get_by_role("button", name="Save and return to the task list").click()
    tasks = page.locator("#set-up-tasks")
    expect(tasks.locator("li", has_text="The other organisations")).to_contain_text("Completed")
    expect(tasks.locator("li", has_text="Health check")).to_contain_text("Not started")

    page.get_by_role("link", name="Back to the partnership").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Northmoor Warm Homes Partnership")
    partners = page.locator("#partners")
    expect(partners).to_contain_text("Northmoor Energy Advice CIC")
    expect(partners).to_contain_text("Northmoor Housing Association")
    assert_accessible(page)
    partnership = Partnership.objects.get(name="Northmoor Warm Homes Partnership")
    assert partnership.memberships.count() == 2

    answer_scope_screening(partnership)  # the screening page has its own tests

    # Record the assessment, the fact-finding checklist and the decision record.
    page.get_by_role("link", name="Record the assessment").click()
    assert_accessible(page)
    fill_checklist(page)
    page.get_by_role("button", name="Save assessment").click()
    expect(page.locator("#assessment")).to_contain_text("Cold homes harm health")
    page.get_by_role("link", name="Record or change the decision record").click()
    page.get_by_label("Proceed with the partnership").check()
    page.get_by_label("A committee of the council").check()
    fill_date(page, "decision_date", today)
    page.get_by_label("Minute or decision reference").fill("Housing Committee minute 12/2026")
    page.get_by_role("button", name="Save decision record").click()

    # Add a risk.
    page.get_by_role("link", name="Add a risk").click()
    assert_accessible(page)
    page.get_by_label("Risk description").fill("Installers cannot recruit enough staff")
    page.get_by_label("Category").select_option(label="Skills and resourcing")
    page.get_by_label("Risk owner").fill("Sam Housing")
    page.get_by_role("group", name="Likelihood", exact=True).get_by_label("4 - likely or major").check()
    page.get_by_role("group", name="Impact", exact=True).get_by_label("4 - likely or major").check()
    page.get_by_role("group", name="Residual likelihood (optional)", exact=True).get_by_label(
        "2 - unlikely or minor"
    ).check()
    page.get_by_role("group", name="Residual impact (optional)", exact=True).get_by_label(
        "3 - possible or moderate"
    ).check()
    page.get_by_role("button", name="Save risk").click()
    risks = page.locator("#risks")
    expect(risks).to_contain_text("Installers cannot recruit enough staff")
    expect(risks).to_contain_text("16 High")
    expect(risks).to_contain_text("6 Medium")

    # Move it on: assessed; a director approves; an objective and an agreement waiver; active.
    move_lifecycle(page, "Mark as assessed", "Assessment done")
    page.context.clear_cookies()
    login_as(approver)
    page.goto(f"{live_server.url}{partnership.get_absolute_url()}")
    move_lifecycle(page, "Approve", "Committee approved on the date of the decision")
    page.get_by_role("link", name="Grant a waiver for the agreement").click()
    page.get_by_label("Why may the partnership start").fill("Grant-funded pilot; agreement follows in 3 months.")
    page.get_by_role("button", name="Grant the waiver").click()
    page.context.clear_cookies()
    login_as(officer)
    page.goto(f"{live_server.url}{partnership.get_absolute_url()}")
    expect(page.locator("#gate-active")).to_contain_text("Set at least one SMART objective.")

    # Set an objective.
    page.get_by_role("link", name="Add an objective").click()
    assert_accessible(page)
    page.get_by_label("What will be achieved").fill("Insulate homes in fuel poverty")
    page.get_by_label("How it will be measured").fill("Homes insulated, from installer returns")
    page.get_by_label("Target").fill("500 homes")
    fill_date(page, "deadline", today + datetime.timedelta(days=365))
    page.get_by_label("Owner").fill("Sam Housing")
    page.get_by_role("button", name="Save objective").click()
    expect(page.locator("#reviews")).to_contain_text("Insulate homes in fuel poverty")
    move_lifecycle(page, "Make active", "Launched")
    expect(page.locator("#summary")).to_contain_text("Active")
    expect(page.locator("#lifecycle")).to_contain_text("Approved to Active")

    # Complete a review and see the next review date move on.
    before = f"{soon:%-d %B %Y}"
    expect(page.locator("#summary")).to_contain_text(before)
    page.get_by_role("link", name="Record a performance review").click()
    assert_accessible(page)
    fill_date(page, "review_date", today)
    page.get_by_role("group", name="Progress", exact=True).get_by_label("On track").check()
    page.get_by_role("group", name="Overall RAG rating").get_by_label("Green").check()
    page.get_by_label("Summary of performance").fill("120 homes insulated; on track.")
    page.get_by_role("button", name="Complete review").click()
    partnership.refresh_from_db()
    after = f"{partnership.next_review_due:%-d %B %Y}"
    assert partnership.next_review_due > soon
    expect(page.locator(".govuk-notification-banner--success")).to_contain_text(
        f"next review of {partnership.reference} is due {after}"
    )
    assert_accessible(page)
    page.get_by_role("link", name=re.compile("Back to")).click()
    expect(page.locator("#summary")).to_contain_text(after)
    expect(page.locator("#summary")).not_to_contain_text(before)
    assert_accessible(page)


def test_scrutiny_sees_everything_but_no_edit_controls(
    live_server, page, scrutiny, officer, login_as, assert_accessible
):
    partnership = ActivePartnershipFactory(lead_officer=officer, name="Northmoor Safer Roads")
    LessonFactory(partnership=partnership, title="Share collision data monthly")
    login_as(scrutiny)
    expect(page.get_by_role("heading", name="Partnerships dashboard")).to_be_visible()  # scrutiny's landing page
    page.get_by_role("link", name="Register", exact=True).click()
    expect(page.get_by_role("heading", name="Partnership register")).to_be_visible()
    expect(page.get_by_role("link", name="Add a partnership")).to_have_count(0)
    assert_accessible(page)

    page.get_by_label("Search").fill("safer roads")
    page.get_by_role("button", name="Search and filter").click()
    expect(page.locator("#result-count")).to_contain_text("1 partnership match")
    page.get_by_role("link", name="Northmoor Safer Roads").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Northmoor Safer Roads")
    main = page.locator("main")
    for control in ("Edit details and partners", "Add a risk", "Add an objective", "Record a performance review"):
        expect(main.get_by_role("link", name=control)).to_have_count(0)
    expect(main.locator("form")).to_have_count(0)
    assert_accessible(page)

    page.get_by_role("link", name="Lessons learnt").first.click()
    expect(page.locator("main")).to_contain_text("Share collision data monthly")
    assert_accessible(page)
