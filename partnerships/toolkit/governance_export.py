"""The export's governance sheets: Partners (each partner's contributions and role), Scope screening
and Due diligence, one row per record, in a fixed number of values() queries however many rows.

Columns are declared as (field, value lookup) pairs; the headers are the import's (headers.py), so
an exported workbook imports back with no changes.
"""

from django.db.models import F

from register.choices import PartnerRole
from register.models import DueDiligenceCheck, PartnershipMember, ScopeAnswer
from register.models.due_diligence import CheckStatus

from .headers import export_header

CHUNK = 2000
PARTNER_COLUMNS = ("reference", "organisation", "role", *PartnershipMember.CONTRIBUTION_FIELDS)
SCOPE_COLUMNS = ("reference", "question", "answer")
DUE_DILIGENCE_COLUMNS = ("reference", "item", "status", "checked_on", "checked_by", "note")


def headers(sheet, columns):
    return [export_header(sheet, field) for field in columns]


def blank_as_none(value):
    """Empty text as an empty cell; zero stays zero."""
    return None if value == "" else value


def partner_rows(ids):
    roles = dict(PartnerRole.choices)
    members = PartnershipMember.objects.filter(partnership__in=ids).order_by("partnership__reference", "pk")
    lookups = {"reference": F("partnership__reference"), "organisation": F("organisation__name")}
    plain = [field for field in PARTNER_COLUMNS if field not in lookups]
    for member in members.values(*plain, **{f"_{key}": value for key, value in lookups.items()}).iterator(CHUNK):
        member["role"] = roles.get(member["role"], member["role"])
        yield [blank_as_none(member.get(field, member.get(f"_{field}"))) for field in PARTNER_COLUMNS]


def scope_rows(ids):
    answers = ScopeAnswer.objects.filter(partnership__in=ids)
    answers = answers.order_by("partnership__reference", "question__order", "question_id")
    rows = answers.values_list("partnership__reference", "question__text", "answer").iterator(CHUNK)
    for reference, question, answer in rows:
        yield [reference, question, "Yes" if answer else "No"]


def checker(email, username):
    """Who checked, as the import finds them again: their email, else their username."""
    return email or username or None


def due_diligence_rows(ids):
    statuses = dict(CheckStatus.choices)
    checks = DueDiligenceCheck.objects.filter(partnership__in=ids)
    checks = checks.order_by("partnership__reference", "item__order", "item__name")
    rows = checks.values_list(
        "partnership__reference",
        "item__name",
        "status",
        "checked_on",
        "checked_by__email",
        "checked_by__username",
        "note",
    )
    for reference, item, status, checked_on, email, username, note in rows.iterator(CHUNK):
        yield [reference, item, statuses.get(status, status), checked_on, checker(email, username), note or None]


# (sheet key, title, title rows, columns, rows(ids))
SHEETS = (
    ("partners", "Partners", ["Partners and their contributions"], PARTNER_COLUMNS, partner_rows),
    ("scope_screening", "Scope screening", ["Scope screening answers"], SCOPE_COLUMNS, scope_rows),
    ("due_diligence", "Due diligence", ["Due diligence checks"], DUE_DILIGENCE_COLUMNS, due_diligence_rows),
)
