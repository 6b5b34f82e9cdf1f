"""Who reaches what: every URL of the project, for every role, for GET and POST.

Every URL pattern comes from the resolver, so a new view without an entry in MATRIX fails this
test. Each request runs in a savepoint that is rolled back, so a POST that changes something
(submitting an agreement, moving the lifecycle) cannot change what the next request sees.

Columns, in order: anonymous, officer who leads the partnership, officer of another directorate
(outsider), scrutiny, legal, register administrator; the approver's column is in APPROVER below.
Each cell is "GET POST" status codes. POSTs carry no form data: an allowed POST shows the form's
errors (200), acts and redirects (302), or is refused for the state the record is in; a refused
one is 403, or the sign-in page (302) for anonymous visitors.
"""

import os

import pytest
from django.urls import reverse

from register.models import CheckStatus, DueDiligenceCheck, DueDiligenceItem, SavedView
from tests.factories import OrganisationFactory

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
API_ANON = "401 401"  # the API: anonymous callers are told to authenticate (WWW-Authenticate: Bearer)

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
    # every answer is optional, so an empty POST saves
    "register:partner_contribution": (ANON, "200 302", "200 403", "200 403", "200 403", "200 302"),
    "register:due_diligence": (ANON, "200 403", "200 403", "200 403", "200 403", "200 403"),
    "register:due_diligence_check": (ANON, "200 200", "200 403", "200 403", "200 403", "200 200"),
    # this world's check has no evidence file
    "register:due_diligence_evidence": (ANON, "404 405", "404 405", "404 405", "404 405", "404 405"),
    "register:scope_screening": (ANON, "200 200", "200 403", "200 403", "200 403", "200 200"),
    "register:significance": (ANON, "200 200", "200 403", "200 403", "200 403", "200 200"),
    "register:closure_evaluation": (ANON, "200 200", "200 403", "200 403", "200 403", "200 200"),
    # waiving the agreement: approvers (see APPROVER) and administrators, never the lead officer
    "register:agreement_waiver": (ANON, "200 403", "200 403", "200 403", "200 403", "200 200"),
    # any reader keeps their own saved views (POST only); an empty POST is sent back with a message
    "register:saved_view_create": (ANON, "405 302", "405 302", "405 302", "405 302", "405 302"),
    # only the officer who saved it may delete it
    "register:saved_view_delete": (ANON, "405 302", "405 403", "405 403", "405 403", "405 403"),
    # the bare /toolkit/ address sends everyone on to the import page (which checks its own permission)
    "toolkit:index": (ANON, "302 302", "302 302", "302 302", "302 302", "302 302"),
    "register:partnership_history": (ANON, "200 405", "200 403", "200 403", "200 403", "200 405"),
    "register:audit_log": (ANON, "403 403", "403 403", "403 403", "403 403", "200 405"),
    # the register administrators' landing page: imports, data quality, assurance rounds
    "register_health": (ANON, "403 403", "403 403", "403 403", "403 403", "200 405"),
    # the partner directory: everyone with a role reads it; merging duplicates is for administrators
    "register:organisation_list": READ_PAGE,
    "register:organisation_detail": READ_PAGE,
    "register:organisation_merge": (ANON, ADMIN_ONLY, ADMIN_ONLY, ADMIN_ONLY, ADMIN_ONLY, "200 405"),
    # an empty POST carries no record of what the page showed: shown again with an error, nothing merged
    "register:organisation_merge_confirm": (ANON, ADMIN_ONLY, ADMIN_ONLY, ADMIN_ONLY, ADMIN_ONLY, "200 200"),
    # setting up a partnership: everyone who reads it sees the task list; its pages are for editors
    "register:partnership_tasks": (ANON, "200 405", "200 403", "200 403", "200 403", "200 405"),
    "register:partnership_partners": MANAGE,
    "register:partnership_section_details": MANAGE,
    "register:partnership_section_leads": MANAGE,
    "register:partnership_section_money": MANAGE,
    "register:partnership_section_dates": MANAGE,
    # readers see the assessment read-only; POST needs the right to change the partnership
    "assessments:assessment": (ANON, "200 200", "200 403", "200 403", "200 403", "200 200"),
    "assessments:decision": (ANON, "200 200", "200 403", "200 403", "200 403", "200 200"),
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
    # marking the agreement in force as ended: a version in force, by those who draft it
    "agreements:end@issued": (ANON, "405 302", "403 403", "403 403", "405 302", "405 302"),
    "agreements:end@draft": NOBODY,
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
    "dashboard:review_due_download": (ANON, "302 403", "302 403", "302 403", "302 403", "302 403"),  # a job
    "dashboard:compliance": READ_ONLY_PAGE,
    "dashboard:risks": READ_ONLY_PAGE,
    "dashboard:report": READ_ONLY_PAGE,
    # the toolkit import: register administrators only (this import kept no rejected rows: 404)
    "toolkit:upload": (ANON, ADMIN_ONLY, ADMIN_ONLY, ADMIN_ONLY, ADMIN_ONLY, "200 200"),
    "toolkit:preview": (ANON, ADMIN_ONLY, ADMIN_ONLY, ADMIN_ONLY, ADMIN_ONLY, "200 302"),
    "toolkit:check": (ANON, ADMIN_ONLY, ADMIN_ONLY, ADMIN_ONLY, ADMIN_ONLY, "405 302"),
    "toolkit:confirm": (ANON, ADMIN_ONLY, ADMIN_ONLY, ADMIN_ONLY, ADMIN_ONLY, "405 302"),
    "toolkit:rejects": (ANON, ADMIN_ONLY, ADMIN_ONLY, ADMIN_ONLY, ADMIN_ONLY, "404 405"),
    "toolkit:history": (ANON, ADMIN_ONLY, ADMIN_ONLY, ADMIN_ONLY, ADMIN_ONLY, "200 405"),
    "toolkit:export": READ_PAGE,
    "toolkit:export_csv": READ_PAGE,
    # background jobs: only the owner sees a job; anyone else (here: a job nobody owns) gets 404
    "jobs:detail": (ANON, "404 404", "404 404", "404 404", "404 404", "404 404"),
    "jobs:download": (ANON, "404 404", "404 404", "404 404", "404 404", "404 404"),
    # public: the health check for load balancers (no secrets in it); GET only
    "healthz": ("200 405",) * 6,
    # the annual assurance round: administrators run it; returns are read by every role and changed by
    # whoever may change the partnership; the annual report is for everyone with a role
    "reviews:rounds": (ANON, ADMIN_ONLY, ADMIN_ONLY, ADMIN_ONLY, ADMIN_ONLY, "200 405"),
    "reviews:round_create": (ANON, ADMIN_ONLY, ADMIN_ONLY, ADMIN_ONLY, ADMIN_ONLY, "200 200"),
    "reviews:round_progress": (ANON, ADMIN_ONLY, ADMIN_ONLY, ADMIN_ONLY, ADMIN_ONLY, "200 405"),
    "reviews:round_chase": (ANON, ADMIN_ONLY, ADMIN_ONLY, ADMIN_ONLY, ADMIN_ONLY, "405 302"),
    "reviews:round_close": (ANON, ADMIN_ONLY, ADMIN_ONLY, ADMIN_ONLY, ADMIN_ONLY, "405 302"),
    "reviews:annual_report": READ_PAGE,
    # the matrix asks for format "csv", which the report does not come in
    "reviews:annual_report_download": (ANON, "404 405", "404 405", "404 405", "404 405", "404 405"),
    "reviews:return": (ANON, "200 200", "200 403", "200 403", "200 403", "200 200"),
    "reviews:return_send_back": (ANON, ADMIN_ONLY, ADMIN_ONLY, ADMIN_ONLY, ADMIN_ONLY, "200 200"),
    "reviews:return_rating": (ANON, ADMIN_ONLY, ADMIN_ONLY, ADMIN_ONLY, ADMIN_ONLY, "200 200"),
    "reviews:invitation_create": MANAGE,
    "reviews:invitation_revoke": (ANON, "405 302", "405 403", "405 403", "405 403", "405 302"),
    "reviews:action_create": MANAGE,
    # keeping a remedial action up to date: its partnership's lead officer and administrators
    "reviews:action_update": MANAGE,
    # partners' voice: no account; a wrong token is refused the same way for everyone
    "reviews:partner_health_check": ("410 410",) * 6,
    # public: the sign-in page; signing out is POST only
    "login": ("200 200",) * 6,
    "logout": ("405 302",) * 6,
    # resetting a forgotten password: public; the link below is not a real one, so it "does not work"
    "password_reset": ("200 200",) * 6,
    "password_reset_done": ("200 405",) * 6,
    "password_reset_confirm": ("200 200",) * 6,
    "password_reset_complete": ("200 405",) * 6,
    # the REST API (tests/api/test_permission_matrix.py adds tokens and PATCH): anonymous callers get
    # 401, not a sign-in page; an empty POST is refused as invalid (400) where the rules allow it
    "api:root": (API_ANON, "200 405", "200 405", "200 405", "200 405", "200 405"),
    "api:schema": ("200 405",) * 6,  # public: describes the code, holds no data
    "api:docs": ("200 405",) * 6,
    "api:partnership-list": (API_ANON, "200 400", "200 400", "200 403", "200 403", "200 400"),
    "api:partnership-detail": (API_ANON, "200 405", "200 405", "200 405", "200 405", "200 405"),
    # single sign-on: 404 until configured (tests/sso); the refusal page is public and says 403
    "sso:authenticate": ("404 404",) * 6,
    "sso:callback": ("404 404",) * 6,
    "sso:refused": ("403 405",) * 6,
    # open data: public, GET only
    "register:open_data": ("200 405",) * 6,
    "register:open_data_csv": ("200 405",) * 6,
    "register:open_data_json": ("200 405",) * 6,
    "register:open_data_schema": ("200 405",) * 6,
    "api:partnership-transition": (API_ANON, "405 400", "405 403", "405 403", "405 403", "405 400"),
}

PUBLIC = {
    "login",
    "logout",
    "password_reset",
    "password_reset_done",
    "password_reset_confirm",
    "password_reset_complete",
    "healthz",
    "api:schema",
    "api:docs",
    "reviews:partner_health_check",
}
PUBLIC |= {"sso:authenticate", "sso:callback", "sso:refused"}
PUBLIC |= {"register:open_data", "register:open_data_csv", "register:open_data_json", "register:open_data_schema"}

# The Approver role (directors with delegated authority) is the seventh column. It reads like any
# role and may approve partnerships it does not lead and grant agreement waivers. Its cell for a
# URL is the scrutiny committee's unless listed here, so rows keep their six columns.
APPROVER = {
    "register:agreement_waiver": "200 200",
    "agreements:detail@draft": "200 405",
    "agreements:pdf@draft": "200 405",
}


def expected_row(key):
    row = MATRIX[key]
    return (*row, APPROVER.get(key, row[3]))


def assurance_pks(world):
    """The `pk` of each assurance-round URL: the round for round pages, the return for return pages."""
    assurance_return = world.assurance_return
    round_pk = assurance_return.round_id
    round_names = ("round_progress", "round_chase", "round_close", "annual_report", "annual_report_download")
    return_names = ("return", "return_send_back", "return_rating", "invitation_create", "invitation_revoke")
    return {
        **{f"reviews:{name}": round_pk for name in round_names},
        **{f"reviews:{name}": assurance_return.pk for name in return_names},
        "reviews:action_create": assurance_return.pk,
        "reviews:action_update": assurance_return.actions.get().pk,
    }


def cases(world):
    """(key, URL) for every non-admin pattern, with kwargs that name real objects."""
    p = world.partnership
    pk_for = {
        "register:risk_update": world.risk.pk,
        "register:partner_contribution": p.memberships.first().pk,
        "register:due_diligence_check": DueDiligenceItem.objects.first().pk,
        "register:due_diligence_evidence": DueDiligenceCheck.objects.get_or_create(
            partnership=p, item=DueDiligenceItem.objects.first(), defaults={"status": CheckStatus.DONE}
        )[0].pk,
        "register:saved_view_delete": SavedView.objects.get_or_create(
            owner=world.partnership.lead_officer, name="Mine"
        )[0].pk,
        "reviews:objective_update": world.objective.pk,
        **dict.fromkeys(
            ("register:organisation_detail", "register:organisation_merge", "register:organisation_merge_confirm"),
            p.memberships.first().organisation_id,
        ),
        "reviews:review_detail": world.review.pk,
        "toolkit:preview": world.toolkit_import.pk,
        "toolkit:check": world.toolkit_import.pk,
        "toolkit:confirm": world.toolkit_import.pk,
        "toolkit:rejects": world.toolkit_import.pk,
        **assurance_pks(world),
    }
    values = {
        "reference": p.reference,
        "section": world.section,
        "to_status": "under_review",
        "format": "csv",
        "uidb64": "MQ",
        "job": "00000000-0000-4000-8000-000000000000",
        "token": "not-a-real-token",  # password reset and reviews:partner_health_check: a wrong token reaches nothing
        "duplicate": OrganisationFactory(name="A Duplicate Partner").pk,
        "invitation": world.assurance_return.invitations.get().pk if world.assurance_return else 0,
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


def observe(requester, url):
    row, locations = [], []
    for role in (*ROLES, "approver"):
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
        expected = expected_row(key)
        for role, want, got in zip((*ROLES, "approver"), expected, row, strict=True):
            if want != got:
                problems.append(f"{key} {url} as {role}: expected {want}, got {got}")
        if key.split("@")[0] not in PUBLIC:
            want = API_ANON if key.startswith("api:") else ANON
            assert expected[0] == want, f"{key}: anonymous visitors must be sent to sign in (API: 401)"
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
        for role in ("anonymous", "officer", "outsider", "scrutiny", "legal", "approver"):
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
