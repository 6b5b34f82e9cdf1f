"""Who reaches what: every URL of the project, for every role, for GET and POST.

Every URL pattern comes from the resolver, so a new view without an entry in MATRIX fails this
test. Each request runs in a savepoint that is rolled back, so a POST that changes something
(submitting an agreement, moving the lifecycle) cannot change what the next request sees.

Columns, in order: anonymous, officer who leads the partnership, officer of another directorate
(outsider), scrutiny, legal, register administrator. Each cell is "GET POST" status codes. POSTs
carry no form data: an allowed POST shows the form's errors (200), acts and redirects (302), or
is refused for the state the record is in; a refused one is 403, or the sign-in page (302) for
anonymous visitors.
"""

import os
from http.cookies import SimpleCookie

import pytest
from django.db import transaction
from django.test import Client
from django.urls import reverse

from register.models import SavedView

from .urls import admin_object_ids, admin_url, all_patterns

pytestmark = [pytest.mark.django_db, pytest.mark.slow]

ROLES = ("anonymous", "officer", "outsider", "scrutiny", "legal", "admin_user")
LOGIN = "/accounts/login/"
ANON = "302 302"  # anonymous: sent to the sign-in page, for every method

# Shorthands for whole rows.
READ_ONLY_PAGE = (ANON, "200 403", "200 403", "200 403", "200 403", "200 403")  # everyone reads; POST refused
READ_PAGE = (ANON, "200 405", "200 405", "200 405", "200 405", "200 405")  # everyone reads; GET-only view
MANAGE = (ANON, "200 200", "403 403", "403 403", "403 403", "200 200")  # lead officer and administrator edit
ADMIN_ONLY = "403 403"
NOBODY = (ANON, "403 403", "403 403", "403 403", "403 403", "403 403")

# name (or name@variant): anonymous, officer (leads), outsider, scrutiny, legal, administrator
MATRIX = {
    # officers get "My partnerships"; everyone else is sent on to the register
    "home": (ANON, "200 405", "200 405", "302 405", "302 405", "302 405"),
    "register:partnership_list": READ_ONLY_PAGE,
    "register:partnership_create": (ANON, "200 200", "200 200", "403 403", "403 403", "200 200"),
    "register:partnership_detail": (ANON, "200 405", "200 403", "200 403", "200 403", "200 405"),
    "register:partnership_update": MANAGE,
    "register:risk_create": MANAGE,
    "register:risk_update": MANAGE,
    "register:transition": MANAGE,
    # any reader keeps their own saved views (POST only); an empty POST is sent back with a message
    "register:saved_view_create": (ANON, "405 302", "405 302", "405 302", "405 302", "405 302"),
    # only the officer who saved it may delete it
    "register:saved_view_delete": (ANON, "405 302", "405 403", "405 403", "405 403", "405 403"),
    # the bare /toolkit/ address sends everyone on to the import page (which checks its own permission)
    "toolkit:index": (ANON, "302 302", "302 302", "302 302", "302 302", "302 302"),
    "register:partnership_history": (ANON, "200 405", "200 403", "200 403", "200 403", "200 405"),
    "register:audit_log": (ANON, "403 403", "403 403", "403 403", "403 403", "200 405"),
    # setting up a partnership: everyone who reads it sees the task list; its pages are for editors
    "register:partnership_tasks": (ANON, "200 405", "200 403", "200 403", "200 403", "200 405"),
    "register:partnership_partners": MANAGE,
    "register:partnership_section_details": MANAGE,
    "register:partnership_section_leads": MANAGE,
    "register:partnership_section_money": MANAGE,
    "register:partnership_section_dates": MANAGE,
    # readers see the assessment read-only; POST needs the right to change the partnership
    "assessments:assessment": (ANON, "200 200", "200 403", "200 403", "200 403", "200 200"),
    "assessments:health_check_create": MANAGE,
    "agreements:list": READ_PAGE,
    "agreements:clauses": READ_PAGE,
    # the standard wording: legal and administrators
    "agreements:clause_update": (ANON, "403 403", "403 403", "403 403", "200 200", "200 200"),
    # redirects to the latest version the user may see
    "agreements:current": (ANON, "302 405", "302 405", "302 405", "302 405", "302 405"),
    "agreements:start": (ANON, "405 302", "403 403", "403 403", "405 302", "405 302"),
    "agreements:compare": READ_PAGE,
    "agreements:detail@issued": READ_PAGE,
    # scrutiny see a version only once legal have approved it
    "agreements:detail@draft": (ANON, "200 405", "200 405", "403 403", "200 405", "200 405"),
    # an issued version never changes
    "agreements:edit@issued": NOBODY,
    # an empty POST carries no version: refused with a message, never saved over the draft
    "agreements:edit@draft": (ANON, "200 200", "403 403", "403 403", "200 200", "200 200"),
    "agreements:submit@issued": NOBODY,
    "agreements:submit@draft": (ANON, "405 302", "403 403", "403 403", "405 302", "405 302"),
    # returning needs a version with legal
    "agreements:return@issued": NOBODY,
    "agreements:return@draft": NOBODY,
    # approval is legal's alone; a version not with legal sends them back to it with a message
    "agreements:approve@issued": (ANON, "403 403", "403 403", "403 403", "302 302", "403 403"),
    "agreements:approve@draft": (ANON, "403 403", "403 403", "403 403", "302 302", "403 403"),
    "agreements:signatures@issued": (ANON, "200 302", "403 403", "403 403", "200 302", "200 302"),
    "agreements:signatures@draft": NOBODY,
    # allowed, then refused with a message while a draft is open
    "agreements:new_version@issued": (ANON, "405 302", "403 403", "403 403", "405 302", "405 302"),
    "agreements:new_version@draft": (ANON, "405 302", "403 403", "403 403", "405 302", "405 302"),
    "agreements:pdf@issued": READ_PAGE,
    "agreements:pdf@draft": (ANON, "200 405", "200 405", "403 403", "200 405", "200 405"),
    "reviews:objective_create": MANAGE,
    "reviews:objective_update": MANAGE,
    "reviews:review_create": MANAGE,
    "reviews:review_detail": (ANON, "200 405", "200 403", "200 403", "200 403", "200 405"),
    "reviews:lesson_create": MANAGE,
    "reviews:lessons": READ_ONLY_PAGE,
    "dashboard:index": READ_ONLY_PAGE,
    "dashboard:partnerships": READ_ONLY_PAGE,
    "dashboard:review_due": READ_ONLY_PAGE,
    "dashboard:review_due_download": READ_ONLY_PAGE,
    "dashboard:compliance": READ_ONLY_PAGE,
    "dashboard:risks": READ_ONLY_PAGE,
    "dashboard:report": READ_ONLY_PAGE,
    # the toolkit import: register administrators only (this import kept no rejected rows: 404)
    "toolkit:upload": (ANON, ADMIN_ONLY, ADMIN_ONLY, ADMIN_ONLY, ADMIN_ONLY, "200 200"),
    "toolkit:preview": (ANON, ADMIN_ONLY, ADMIN_ONLY, ADMIN_ONLY, ADMIN_ONLY, "200 302"),
    "toolkit:confirm": (ANON, ADMIN_ONLY, ADMIN_ONLY, ADMIN_ONLY, ADMIN_ONLY, "405 302"),
    "toolkit:rejects": (ANON, ADMIN_ONLY, ADMIN_ONLY, ADMIN_ONLY, ADMIN_ONLY, "404 405"),
    "toolkit:history": (ANON, ADMIN_ONLY, ADMIN_ONLY, ADMIN_ONLY, ADMIN_ONLY, "200 405"),
    "toolkit:export": READ_PAGE,
    "toolkit:export_csv": READ_PAGE,
    # public: the sign-in page; signing out is POST only
    "login": ("200 200",) * 6,
    "logout": ("405 302",) * 6,
}

PUBLIC = {"login", "logout"}


def cases(world):
    """(key, URL) for every non-admin pattern, with kwargs that name real objects."""
    p = world.partnership
    pk_for = {
        "register:risk_update": world.risk.pk,
        "register:saved_view_delete": SavedView.objects.get_or_create(
            owner=world.partnership.lead_officer, name="Mine"
        )[0].pk,
        "reviews:objective_update": world.objective.pk,
        "reviews:review_detail": world.review.pk,
        "toolkit:preview": world.toolkit_import.pk,
        "toolkit:confirm": world.toolkit_import.pk,
        "toolkit:rejects": world.toolkit_import.pk,
    }
    values = {
        "reference": p.reference,
        "section": world.section,
        "to_status": "under_review",
        "format": "csv",
    }
    found = []
    for name, route, pattern in all_patterns():
        if name.startswith("admin:"):
            continue
        assert pattern.name, f"{route} has no name: name it so the matrix can list it"
        keys = list(pattern.pattern.regex.groupindex)
        kwargs = {key: values[key] for key in keys if key in values}
        if "pk" in keys:
            kwargs["pk"] = pk_for[name]
        if "version_number" in keys:
            found.append((f"{name}@issued", reverse(name, kwargs={**kwargs, "version_number": 1})))
            found.append((f"{name}@draft", reverse(name, kwargs={**kwargs, "version_number": 2})))
            continue
        found.append((name, reverse(name, kwargs=kwargs)))
    return found


class Requester:
    """One signed-in client per role; every request is rolled back afterwards."""

    def __init__(self, users):
        self.clients = {}
        for role, user in users.items():
            client = Client(raise_request_exception=False)
            if user is not None:
                client.force_login(user)
            self.clients[role] = (client, SimpleCookie(client.cookies.output(header="", sep="\n")))

    def __call__(self, role, method, url):
        client, cookies = self.clients[role]
        client.cookies = SimpleCookie(cookies.output(header="", sep="\n"))
        with transaction.atomic():
            response = getattr(client, method)(url)
            transaction.set_rollback(True)
        return response


@pytest.fixture
def requester(world, officer, outsider, scrutiny, legal, admin_user):
    return Requester(
        {
            "anonymous": None,
            "officer": officer,
            "outsider": outsider,
            "scrutiny": scrutiny,
            "legal": legal,
            "admin_user": admin_user,
        }
    )


def observe(requester, url):
    row, locations = [], []
    for role in ROLES:
        codes = []
        for method in ("get", "post"):
            response = requester(role, method, url)
            codes.append(str(response.status_code))
            if role == "anonymous" and response.status_code == 302:
                locations.append(response["Location"])
        row.append(" ".join(codes))
    return row, locations


def test_every_url_answers_every_role_as_the_matrix_says(world, requester):
    found = cases(world)
    keys = {key for key, _ in found}
    if os.environ.get("MATRIX_PRINT"):
        for key, url in found:
            row, _ = observe(requester, url)
            print(f'    "{key}": {tuple(row)!r},')
        pytest.skip("printed the observed matrix")
    missing = sorted(keys - set(MATRIX))
    assert not missing, f"URLs with no entry in MATRIX (add what each role may do): {missing}"
    stale = sorted(set(MATRIX) - keys)
    assert not stale, f"MATRIX entries for URLs that no longer exist: {stale}"
    problems = []
    for key, url in found:
        row, locations = observe(requester, url)
        expected = MATRIX[key]
        for role, want, got in zip(ROLES, expected, row, strict=True):
            if want != got:
                problems.append(f"{key} {url} as {role}: expected {want}, got {got}")
        if key.split("@")[0] not in PUBLIC:
            assert expected[0] == ANON, f"{key}: anonymous visitors must be sent to sign in"
            for location in locations:
                assert location.startswith(LOGIN), f"{key}: anonymous sent to {location}, not the sign-in page"
    assert not problems, "\n".join(problems)


def test_anonymous_visitors_reach_the_sign_in_page_and_static_files(client):
    assert client.get(LOGIN).status_code == 200
    assert client.get("/static/css/app.css").status_code == 200
    assert client.get("/static/govuk/govuk-frontend.min.js").status_code == 200


# -- the admin site, as one group -----------------------------------------------------------------
ADMIN_LOGIN = "/admin/login/"


def admin_cases():
    ids = admin_object_ids()
    for name, route, pattern in all_patterns():
        if name.startswith("admin:") and name not in ("admin:login", "admin:logout"):
            yield name, admin_url(name, route, pattern, ids)


def test_the_admin_site_is_for_staff_only(world, requester):
    """Anonymous visitors and every non-staff role get the admin sign-in page for every admin URL;
    the register administrator (staff) gets real answers to GET and POST, and no server errors."""
    urls = list(admin_cases())
    assert len(urls) > 50
    problems = []
    for name, url in urls:
        for role in ("anonymous", "officer", "outsider", "scrutiny", "legal"):
            for method in ("get", "post"):
                response = requester(role, method, url)
                if response.status_code != 302 or not response["Location"].startswith(ADMIN_LOGIN):
                    problems.append(f"{method.upper()} {url} ({name}) as {role}: {response.status_code}")
        for method in ("get", "post"):  # POSTs are rolled back; an empty form gets its errors, not a 500
            response = requester("admin_user", method, url)
            if response.status_code >= 500 or response.get("Location", "").startswith(ADMIN_LOGIN):
                problems.append(f"{method.upper()} {url} ({name}) as admin_user: {response.status_code}")
    assert not problems, "\n".join(problems)
    admin_page = requester("admin_user", "get", reverse("admin:register_partnership_changelist"))
    assert admin_page.status_code == 200
