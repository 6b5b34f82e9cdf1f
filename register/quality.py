"""Data quality: what the register's own records lack, or hold twice, for register administrators.

Each check is a condition on partnerships (a `Q`), so one rule both counts the partnerships on the
register health page (all checks in one aggregate query) and lists them in the register
(`/partnerships/?quality=<key>`), where the count's link goes.
"""

from collections.abc import Callable
from dataclasses import dataclass

from django.db.models import Case, CharField, Count, Q, Value, When
from django.db.models.functions import Lower, Replace, Substr

from . import lifecycle
from .models import Organisation, Partnership, PartnershipMember

# What a partner's name may differ by and still be the same organisation: "The Northmoor Food
# Bank Ltd" and "Northmoor Foodbank" are one name once these are taken out.
NOISE = (" limited", " ltd", "&", "and", " ", ".", ",", "-", "'", "’", "(", ")")


def name_key():
    """An organisation's name in lower case without a leading "The ", spaces, punctuation, "and"
    or "Limited": two organisations with the same key look like duplicates."""
    lowered = Lower("name")
    key = Case(When(name__istartswith="the ", then=Substr(lowered, 5)), default=lowered, output_field=CharField())
    for noise in NOISE:
        key = Replace(key, Value(noise), Value(""))
    return key


def organisations_alike():
    """Organisations whose name looks like another's (one query, as a subquery of their ids)."""
    keyed = Organisation.objects.annotate(key=name_key())
    shared = keyed.order_by().values("key").annotate(named=Count("pk")).filter(named__gt=1).values("key")
    return keyed.filter(key__in=shared).values("pk")


@dataclass(frozen=True)
class Check:
    key: str
    title: str
    description: str
    rule: Callable[[], Q]


OPEN = ~Q(status__in=lifecycle.ENDED)  # closed and rejected partnerships are history, not work
LIVE = Q(status__in=lifecycle.LIVE)

CHECKS = (
    Check(
        "no_lead_officer",
        "No lead officer",
        "Partnerships not closed or rejected with no lead officer: neither a user nor a named person.",
        lambda: OPEN & Q(lead_officer__isnull=True, lead_officer_name=""),
    ),
    Check(
        "no_review_date",
        "No next review date",
        "Live partnerships with no date set for their next review.",
        lambda: LIVE & Q(next_review_due__isnull=True),
    ),
    Check(
        "no_significance",
        "Live without a significance assessment",
        "Live partnerships never scored against the council's significance criteria.",
        lambda: LIVE & Q(significance_scored=""),
    ),
    Check(
        "partner_names_alike",
        "Partners whose names look alike",
        "Partnerships with a partner organisation whose name matches another's but for case, spacing, "
        "punctuation, “The”, “and” or “Limited”: perhaps the same organisation entered twice.",
        # An uncorrelated list of partnerships (few organisations look alike), not EXISTS per
        # partnership: PostgreSQL ran that once for each of 20,000 rows, and compiled it (JIT) too.
        lambda: Q(
            pk__in=PartnershipMember.objects.filter(organisation__in=organisations_alike()).values("partnership")
        ),
    ),
)

BY_KEY = {check.key: check for check in CHECKS}
CHOICES = [(check.key, check.title) for check in CHECKS]


def with_problem(partnerships, key):
    return partnerships.filter(BY_KEY[key].rule())


def counts():
    """{key: number of partnerships} for every check, in one query."""
    return Partnership.objects.aggregate(**{check.key: Count("pk", filter=check.rule()) for check in CHECKS})
