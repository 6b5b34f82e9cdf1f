"""In Chromium, axe-checked: the set-up task list from a new partnership to ready for approval, and
the change history showing old → new values for a risk and an objective."""

import pytest
from playwright.sync_api import expect

from register.choices import Status
from register.models import Partnership
from tests.browser.helpers import fill_checklist
from tests.factories import ObjectiveFactory, RiskEntryFactory, answer_scope_screening

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

SAVE = "Save and return to the task list"


def fill_date(page, name, day):
    for index, value in enumerate((day.day, day.month, day.year)):
        page.locator(f"#id_{name}_{index}").fill(str(value))


def test_task_list_takes_a_new_partnership_to_ready_for_approval(
    live_server, page, officer, login_as, assert_accessible
):
    login_as(officer)
    page.goto(f"{live_server.url}/partnerships/new/")
    page.get_by_label("Partnership name").fill("Northmoor Food Partnership")
    page.get_by_label("Community / VCSE").check()
    page.get_by_role("button", name="Add partnership and continue").click()
    tasks = page.locator("#set-up-tasks")
    expect(tasks.locator("li", has_text="Health check")).to_contain_text("Cannot start yet")
    assert_accessible(page)

    page.get_by_role("link", name="Money", exact=True).click()
    assert_accessible(page)
    page.get_by_label("Annual council contribution (£)").fill("12,500")
    page.get_by_role("button", name=SAVE).click()
    expect(tasks.locator("li", has_text="Money")).to_contain_text("Completed")

    page.locator(".govuk-task-list").get_by_role("link", name="Partners", exact=True).click()
    page.locator("#id_partners-0-organisation_name").fill("Northmoor Foodbank")
    page.get_by_role("button", name=SAVE).click()

    answer_scope_screening(Partnership.objects.get())  # the screening page has its own tests
    page.get_by_role("link", name="Partnership assessment").click()
    page.get_by_label("The issue or opportunity").fill("Food poverty is rising.")
    page.get_by_label("Why a partnership is the best route").fill("Partners hold the food and the volunteers.")
    page.get_by_role("button", name="Save assessment").click()
    page.goto(f"{live_server.url}/partnerships/{Partnership.objects.get().reference}/set-up/")
    expect(tasks.locator("li", has_text="Partnership assessment")).to_contain_text("In progress")
    expect(page.locator("#gate-blockers")).to_contain_text("Record the options considered in the assessment.")

    page.get_by_role("link", name="Partnership assessment").click()
    fill_checklist(page)
    page.get_by_role("button", name="Save assessment").click()
    page.goto(f"{live_server.url}/partnerships/{Partnership.objects.get().reference}/set-up/")
    expect(tasks.locator("li", has_text="Partnership assessment")).to_contain_text("Completed")
    page.get_by_role("link", name="Mark as assessed").click()
    page.get_by_label("Note").fill("Set-up tasks done")
    page.get_by_role("button", name="Mark as assessed", exact=True).click()
    partnership = Partnership.objects.get()
    assert partnership.status == Status.ASSESSED
    page.goto(f"{live_server.url}/partnerships/{partnership.reference}/set-up/")
    expect(page.locator("#next-step")).to_have_text("Next step: approve")  # ready for approval
    assert_accessible(page)
    page.set_viewport_size({"width": 1280, "height": 900})
    page.screenshot(path="screenshots/task-list.png", full_page=True)


def test_timeline_shows_old_and_new_values(live_server, page, officer, partnership, login_as, assert_accessible):
    partnership.lead_officer = officer
    partnership.save()
    risk = RiskEntryFactory(partnership=partnership, owner="Sam Owner")
    objective = ObjectiveFactory(partnership=partnership, target="Below 15%")
    login_as(officer)
    page.goto(f"{live_server.url}/partnerships/{partnership.reference}/risks/{risk.pk}/")
    page.get_by_label("Risk owner").fill("Pat Newowner")
    page.get_by_role("button", name="Save").first.click()
    expect(page.locator(".govuk-notification-banner--success")).to_be_visible()
    page.goto(f"{live_server.url}/partnerships/{partnership.reference}/objectives/{objective.pk}/")
    page.get_by_label("Target").fill("Below 10%")
    page.get_by_role("button", name="Save").first.click()
    expect(page.locator(".govuk-notification-banner--success")).to_be_visible()

    page.goto(f"{live_server.url}/partnerships/{partnership.reference}/history/")
    timeline = page.locator("#timeline")
    risk_change = timeline.locator("li", has_text=f"Changed risk {risk.risk_id}")
    expect(risk_change).to_contain_text("Sam Owner")
    expect(risk_change).to_contain_text("Pat Newowner")
    expect(risk_change).to_contain_text("Olivia Officer")
    objective_change = timeline.locator("li", has_text="Changed objective")
    expect(objective_change).to_contain_text("Below 15%")
    expect(objective_change).to_contain_text("Below 10%")
    assert_accessible(page)
    page.screenshot(path="screenshots/timeline.png", full_page=True)

    page.get_by_label("Show changes to").select_option("risks")
    page.get_by_role("button", name="Show").click()
    expect(timeline).not_to_contain_text("Changed objective")
