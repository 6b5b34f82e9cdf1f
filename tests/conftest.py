"""Named users per role, shared by every test (healthchecks style).

- `officer` leads `partnership`; `colleague` is an officer in the same directorate;
  `outsider` is an officer in another directorate.
- `scrutiny`, `legal` and `admin_user` hold the other roles.
"""

import os

import pytest
from django.core.cache import cache

from register import roles
from tests.factories import ActivePartnershipFactory, DirectorateFactory, UserFactory

os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")  # Playwright's sync API beside live_server

PASSWORD = "correct horse battery staple"


@pytest.fixture
def directorate(db):
    return DirectorateFactory(name="Adult Social Care and Public Health")


@pytest.fixture
def other_directorate(db):
    return DirectorateFactory(name="Growth, Environment and Transport")


@pytest.fixture
def officer(directorate):
    return UserFactory(
        username="olivia.officer", first_name="Olivia", last_name="Officer", role=roles.OFFICER, directorate=directorate
    )


@pytest.fixture
def colleague(directorate):
    return UserFactory(
        username="colin.colleague",
        first_name="Colin",
        last_name="Colleague",
        role=roles.OFFICER,
        directorate=directorate,
    )


@pytest.fixture
def outsider(other_directorate):
    return UserFactory(
        username="owen.outsider",
        first_name="Owen",
        last_name="Outsider",
        role=roles.OFFICER,
        directorate=other_directorate,
    )


@pytest.fixture
def scrutiny(db):
    return UserFactory(username="sam.scrutiny", first_name="Sam", last_name="Scrutiny", role=roles.SCRUTINY)


@pytest.fixture
def legal(db):
    return UserFactory(username="lena.legal", first_name="Lena", last_name="Legal", role=roles.LEGAL)


@pytest.fixture
def admin_user(db):
    return UserFactory(
        username="ada.admin", first_name="Ada", last_name="Admin", role=roles.REGISTER_ADMIN, is_staff=True
    )


@pytest.fixture
def approver(db):
    """A director with the Approver role, who leads no partnership."""
    return UserFactory(username="dana.director", first_name="Dana", last_name="Director", role=roles.APPROVER)


@pytest.fixture
def partnership(officer, directorate):
    return ActivePartnershipFactory(lead_officer=officer, directorate=directorate)


@pytest.fixture
def client_for(client):
    """`client_for(user)` returns the test client signed in as that user."""

    def sign_in(user):
        client.force_login(user)
        return client

    return sign_in


@pytest.fixture(autouse=True)
def empty_cache():
    """Each test starts with an empty cache: rolled-back tests reuse primary keys on SQLite, so a
    figure cached by one test could otherwise look current to the next."""
    cache.clear()


# The rows data migrations make (roles, health-check statements, standard clauses, significance
# criteria, due-diligence checks...): (migration module, function).
REFERENCE_DATA = [
    ("register.migrations.0002_roles", "create_groups"),
    ("register.migrations.0008_approver_role", "create_group"),
    ("register.migrations.0011_significance_seed", "seed"),
    ("register.migrations.0013_due_diligence_items", "seed"),
    ("register.migrations.0015_scope_questions", "seed"),
    ("assessments.migrations.0002_health_check_statements", "load"),
    ("agreements.migrations.0003_standard_clauses", "load"),
    ("reviews.migrations.0005_assurance_questions_and_rating_rule", "load"),
]


def load_reference_data():
    from importlib import import_module

    from django.apps import apps

    from register.permissions import grant_admin_model_permissions

    for module, function in REFERENCE_DATA:
        getattr(import_module(module), function)(apps, None)
    grant_admin_model_permissions()


@pytest.fixture(autouse=True)
def reference_data(request):
    """Transactional tests (every live_server test) empty the database afterwards, taking the rows the
    data migrations made with them. Put them back by running those same migration functions: before
    the test, and again after its flush, so the tests that follow find them too."""
    marker = request.node.get_closest_marker("django_db")
    transactional = "live_server" in request.fixturenames or (marker and marker.kwargs.get("transaction"))
    if not transactional:
        yield
        return
    request.getfixturevalue("transactional_db")  # torn down (the flush) before this fixture's teardown
    load_reference_data()
    yield
    load_reference_data()


# -- Playwright: Debian's Chromium, never a downloaded browser ------------------------------------
CHROMIUM = os.environ.get("CHROMIUM_PATH", "/usr/bin/chromium")


@pytest.fixture(scope="session")
def browser_type_launch_args(browser_type_launch_args):
    return {
        **browser_type_launch_args,
        "executable_path": CHROMIUM,
        "args": [
            "--no-sandbox",
            "--disable-gpu",
            "--disable-background-networking",
            "--disable-component-update",
            "--disable-sync",
            "--no-first-run",
            "--disable-quic",
        ],
    }


def govuk_conditional_radio(node):
    """A GOV.UK radio that reveals questions, flagged only for `aria-expanded`: GOV.UK Frontend sets it
    on purpose (screen readers announce it), a known axe finding (alphagov/govuk-frontend#979)."""
    checks = node.get("any", []) + node.get("all", []) + node.get("none", [])
    attributes = [str(item) for check in checks for item in (check.get("data") or [])]
    expanded_only = bool(attributes) and all(item.startswith("aria-expanded") for item in attributes)
    return "govuk-radios__input" in node["html"] and expanded_only


def known_govuk_exceptions_removed(violation):
    if violation["id"] != "aria-allowed-attr":
        return violation
    return {**violation, "nodes": [node for node in violation["nodes"] if not govuk_conditional_radio(node)]}


@pytest.fixture
def assert_accessible():
    """`assert_accessible(page)` runs axe-core (WCAG 2.2 A/AA rules) and fails on serious or critical issues."""
    from axe_playwright_python.sync_playwright import Axe

    axe = Axe()

    def check(page):
        options = {
            "runOnly": {"type": "tag", "values": ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"]},
            "resultTypes": ["violations"],
        }
        results = axe.run(page, options=options)
        violations = [known_govuk_exceptions_removed(v) for v in results.response["violations"]]
        bad = [v for v in violations if v["nodes"] and v["impact"] in ("serious", "critical")]
        assert not bad, f"{page.url}: " + "; ".join(
            f"{v['id']} ({v['impact']}): {v['help']} at {[n['target'] for n in v['nodes']][:3]}" for v in bad
        )

    return check


@pytest.fixture
def login_as(live_server, page):
    """`login_as(user)` signs in through the real login form in Chromium."""

    def sign_in(user):
        page.goto(f"{live_server.url}/accounts/login/")
        page.get_by_label("Username").fill(user.username)
        page.get_by_label("Password").fill(PASSWORD)
        page.get_by_role("button", name="Sign in").click()
        return page

    return sign_in


@pytest.hookimpl(wrapper=True)
def pytest_runtest_teardown(item, nextitem):
    """After every test that used the database, before it is rolled back: each partnership's stored
    lead officer name (`Partnership.lead_officer_shown_as`, which the register sorts by) is the one
    `lead_officer_display` gives, whatever wrote it (a form, the API, the toolkit import, seed_demo,
    a bulk update, a user renamed or deleted). A write path that forgets it fails here, as an error
    in the test's teardown (a test's own shortcut, a queryset update, must set it too)."""
    stale = []
    if "_django_db_helper" in getattr(item, "funcargs", {}):  # not for a test skipped before its set-up
        from tests.lead_officers import names_out_of_step

        stale = names_out_of_step()
    result = yield  # the test's own teardown: the database rolled back
    if stale:
        pytest.fail(f"Stored lead officer names out of step (reference, stored, shown): {stale[:5]}", pytrace=False)
    return result
