"""The dashboard's figures match counts worked out independently from what the factories made."""

import datetime
import re
from decimal import Decimal

import pytest
from django.urls import reverse

from register.choices import RAG, AssuranceRating, LegalForm, PartnershipType, Significance
from register.models import Partnership
from reviews.dashboard.queries import Figures
from tests.factories import (
    ActivePartnershipFactory,
    ClosedPartnershipFactory,
    DirectorateFactory,
    ExitingPartnershipFactory,
    ProposedPartnershipFactory,
    RiskEntryFactory,
    UnderReviewPartnershipFactory,
)

TODAY = datetime.date.today()


def figure(html, label):
    """The number shown in the headline figure with this label."""
    match = re.search(r'app-figure__value">([^<]+)</span>\s*<span class="app-figure__label">' + re.escape(label), html)
    assert match, f"no figure labelled {label!r}"
    return match.group(1)


def table_value(html, label):
    """The value beside a row header in the dashboard's tables (linked or not)."""
    match = re.search(r">" + re.escape(label) + r"</th>\s*<td[^>]*>(?:<a [^>]*>)?([^<]+)", html)
    assert match, f"no row labelled {label!r}"
    return match.group(1)


@pytest.fixture
def register(directorate, other_directorate, officer):
    """A small register: 4 live partnerships (2 directorates), 1 proposed and 1 closed."""
    return {
        "a": ActivePartnershipFactory(
            directorate=directorate,
            partnership_type=PartnershipType.STATUTORY,
            legal_form=LegalForm.JOINT_COMMITTEE,
            significance=Significance.HIGH,
            rag=RAG.RED,
            assurance=AssuranceRating.LIMITED,
            annual_contribution=Decimal("120000.00"),
            external_funding=Decimal("50000.00"),
            income_to_council=Decimal("2500.50"),
            lead_officer=officer,
        ),
        "b": UnderReviewPartnershipFactory(
            directorate=directorate,
            partnership_type=PartnershipType.SHARED_SERVICE,
            significance=Significance.HIGH,
            rag=RAG.AMBER,
            annual_contribution=Decimal("30000.00"),
            in_kind_value=Decimal("8000.00"),
        ),
        "c": ExitingPartnershipFactory(
            directorate=other_directorate, rag="", annual_contribution=None, significance=Significance.LOW
        ),
        "d": ActivePartnershipFactory(directorate=other_directorate, rag=RAG.GREEN),
        "proposed": ProposedPartnershipFactory(directorate=directorate, annual_contribution=Decimal("999999")),
        "closed": ClosedPartnershipFactory(directorate=directorate, annual_contribution=Decimal("777777")),
    }


def test_headline_figures_and_money_match_the_register(client_for, scrutiny, register):
    from register.models import Partnership

    live = [p for p in Partnership.objects.all() if p.status in ("active", "under_review", "exiting")]
    contribution = sum((p.annual_contribution or 0) for p in live)
    html = client_for(scrutiny).get(reverse("dashboard:index")).content.decode()

    assert figure(html, "Live partnerships") == str(len(live)) == "4"
    assert figure(html, "Annual council contribution") == "£160k"
    assert table_value(html, "Annual council contribution") == f"£{contribution:,.0f}" == "£160,000"
    assert table_value(html, "In-kind contribution value") == "£8,000"
    assert table_value(html, "External funding levered") == "£50,000"
    assert table_value(html, "Income to council") == "£2,501"  # whole pounds on the dashboard


def test_counts_by_status_type_directorate_significance_and_rag(client_for, scrutiny, register, directorate):
    html = client_for(scrutiny).get(reverse("dashboard:index")).content.decode()
    assert table_value(html, "Active") == "2"
    assert table_value(html, "Proposed") == "1"
    assert table_value(html, "Closed") == "1"
    assert table_value(html, "Statutory") == "1"
    assert table_value(html, "Strategic alliance") == "2"  # the factory default, for c and d
    assert table_value(html, directorate.name) == "2"  # live only: a and b
    assert table_value(html, "Joint committee") == "1"
    assert table_value(html, "Red") == "1"
    assert table_value(html, "Amber") == "1"
    assert table_value(html, "Limited") == "1"


def test_filters_narrow_every_figure(client_for, scrutiny, register, directorate):
    client = client_for(scrutiny)
    html = client.get(reverse("dashboard:index"), {"directorate": directorate.pk}).content.decode()
    assert figure(html, "Live partnerships") == "2"
    assert table_value(html, "Annual council contribution") == "£150,000"

    html = client.get(
        reverse("dashboard:index"), {"significance": "high", "partnership_type": "statutory"}
    ).content.decode()
    assert figure(html, "Live partnerships") == "1"


def test_every_figure_links_to_a_list_of_exactly_that_many(client_for, scrutiny, register, directorate):
    client = client_for(scrutiny)
    html = client.get(reverse("dashboard:index"), {"directorate": directorate.pk}).content.decode()
    links = re.findall(r'<a class="govuk-link" href="(/dashboard/partnerships/[^"]*)">(\d+)<', html)
    assert len(links) > 8
    for url, number in links:
        listing = client.get(url.replace("&amp;", "&")).content.decode()
        shown = re.search(r'id="result-count" role="status">(\d+) partnership', listing).group(1)
        assert shown == number, url


def test_risk_heat_map_counts_and_drill_down(client_for, scrutiny, register):
    RiskEntryFactory(partnership=register["a"], likelihood=5, impact=4, residual_likelihood=2, residual_impact=2)
    RiskEntryFactory(partnership=register["b"], likelihood=5, impact=4, residual_likelihood=4, residual_impact=4)
    RiskEntryFactory(partnership=register["b"], likelihood=1, impact=1, residual_likelihood=1, residual_impact=1)
    RiskEntryFactory(partnership=register["a"], likelihood=5, impact=4, status="closed")  # closed: not counted
    RiskEntryFactory(partnership=register["closed"], likelihood=5, impact=4)  # closed partnership: not counted
    client = client_for(scrutiny)
    html = client.get(reverse("dashboard:index")).content.decode()

    cell = re.search(r'href="(/dashboard/risks/\?likelihood=5&amp;impact=4)">(\d+)<', html)
    assert cell.group(2) == "2"
    listing = client.get(cell.group(1).replace("&amp;", "&")).content.decode()
    assert "2 risks" in listing
    assert register["a"].reference in listing and register["b"].reference in listing
    assert register["closed"].reference not in listing

    high_after_controls = re.search(r'href="(/dashboard/risks/\?residual_band=high)"', html)
    listing = client.get(high_after_controls.group(1)).content.decode()
    assert "1 risk<" in listing and register["b"].reference in listing


@pytest.mark.parametrize("day", [TODAY, TODAY + datetime.timedelta(days=400)])
def test_the_grouped_counts_agree_with_one_conditional_aggregate_per_figure(register, day):
    """`Figures._totals` (a few grouped queries added up in Python) against the plain definition."""
    RiskEntryFactory(partnership=register["a"])
    ActivePartnershipFactory(partnership_type=PartnershipType.CONTRACTUAL, next_review_due=None)  # out of scope
    partnerships = Partnership.objects.all()
    expected = partnerships.aggregate(**Figures._aggregates(day))
    assert Figures._totals(partnerships, day) == {key: value or 0 for key, value in expected.items()}


def test_dashboard_uses_a_fixed_number_of_queries(client_for, scrutiny, django_assert_max_num_queries):
    client = client_for(scrutiny)

    def grow(n):
        for _ in range(n):
            partnership = ActivePartnershipFactory(directorate=DirectorateFactory())
            RiskEntryFactory(partnership=partnership)

    client.get(reverse("dashboard:index"))  # the first count
    grow(3)  # each view after a change counts again (the tests' queue runs the recount at once)
    with django_assert_max_num_queries(30) as small:
        assert client.get(reverse("dashboard:index")).status_code == 200
    grow(30)
    with django_assert_max_num_queries(30) as large:
        assert client.get(reverse("dashboard:index")).status_code == 200
    assert len(large.captured_queries) == len(small.captured_queries)


@pytest.mark.parametrize(
    ("value", "shown"),
    [
        (0, "£0"),
        (Decimal("9999.50"), "£10,000"),
        (Decimal("250400"), "£250k"),
        (Decimal("9324000"), "£9.3m"),
        (Decimal("12000000"), "£12m"),
    ],
)
def test_headline_money_is_short_enough_to_read_at_a_glance(value, shown):
    from reviews.dashboard.charts import short_pounds

    assert short_pounds(value) == shown


def test_the_risk_list_pages_through_the_worst_risks_first(client_for, scrutiny, monkeypatch):
    """Worst residual score first, then inherent; equal scores by partnership (as they joined the
    register) and risk id: the order the list's index holds, so a page is read without a sort. The
    pages, put together, are the whole list in that order."""
    from reviews.dashboard.views import RiskListView

    older, newer = ActivePartnershipFactory(), ActivePartnershipFactory()
    worst = RiskEntryFactory(partnership=newer, likelihood=5, impact=5, residual_likelihood=4, residual_impact=4)
    tied = [
        RiskEntryFactory(partnership=partnership, likelihood=3, impact=3, residual_likelihood=2, residual_impact=2)
        for partnership in (newer, older, newer, older)
    ]
    RiskEntryFactory(partnership=ClosedPartnershipFactory(), likelihood=5, impact=5)  # not live: not listed
    ordered = [worst, *sorted(tied, key=lambda risk: (risk.partnership_id, risk.risk_id))]
    expected = [(risk.partnership.reference, risk.risk_id) for risk in ordered]
    monkeypatch.setattr(RiskListView, "paginate_by", 2)
    client = client_for(scrutiny)
    row = re.compile(r">([^<]+)</a><br>.*?<strong>([^<]+)</strong>", re.DOTALL)
    shown = []
    for page in (1, 2, 3):
        shown += row.findall(client.get(reverse("dashboard:risks"), {"page": page}).content.decode())
    assert shown == expected
