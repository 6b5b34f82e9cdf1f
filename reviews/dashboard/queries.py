"""The dashboard's figures, worked out in the database.

Everything here costs a fixed number of queries whatever the size of the register: several figures
come from one query through conditional aggregation (`Count(filter=Q(...))`).

Each figure carries a `Link` to the list behind it: the list's URL name and its query string. The
view adds the dashboard's own filters (directorate, type, significance) and turns links into URLs.
"""

from dataclasses import dataclass, field
from decimal import Decimal
from functools import cached_property

from django.db.models import Count, Q, Sum

from register import lifecycle
from register import risk as scoring
from register.choices import RAG, AssuranceRating, LegalForm, PartnershipType, RiskBand, Significance, Status
from register.models import RiskEntry

from . import compliance
from .compliance import LIVE
from .review_due import REVIEW_WINDOWS

LIVE_PARAMS = {"status": [status.value for status in lifecycle.LIVE]}
NOT_RECORDED = "none"  # the query-string value for "not recorded" in the lists' filters
NO_DIRECTORATE = "null"

MONEY = (
    ("annual_contribution", "Annual council contribution"),
    ("in_kind_value", "In-kind contribution value"),
    ("external_funding", "External funding levered"),
    ("income_to_council", "Income to council"),
)


@dataclass(frozen=True)
class Link:
    """The list behind a figure: a URL name in the dashboard namespace, its query and a fragment."""

    name: str
    params: dict = field(default_factory=dict)
    fragment: str = ""


@dataclass
class Row:
    label: str
    value: int | Decimal
    link: Link
    tone: str = ""  # a colour for charts and tags: red, amber, green, grey; never the only cue
    url: str = ""  # filled in for the page (context.py)
    display: str = ""  # the value as text, filled in for the page


@dataclass
class Breakdown:
    key: str
    title: str
    rows: list
    unit: str = "partnerships"
    category: str = "Category"  # the heading of the label column in its table

    @property
    def total(self):
        return sum(row.value for row in self.rows)


# -- the partnership figures ----------------------------------------------------------------------
def _choice_counts(prefix, field_name, choices, within, blank=True):
    counts = {f"{prefix}_{value}": Count("pk", filter=within & Q(**{field_name: value})) for value, _ in choices}
    if blank:
        counts[f"{prefix}_"] = Count("pk", filter=within & Q(**{field_name: ""}))
    return counts


def _choice_rows(totals, prefix, field_name, choices, base_params, tones=None, blank=True):
    tones = tones or {}
    rows = [
        Row(
            label,
            totals[f"{prefix}_{value}"],
            Link("partnerships", {**base_params, field_name: value}),
            tones.get(value, ""),
        )
        for value, label in choices
    ]
    if blank and totals[f"{prefix}_"]:
        rows.append(
            Row(
                "Not recorded",
                totals[f"{prefix}_"],
                Link("partnerships", {**base_params, field_name: NOT_RECORDED}),
                "grey",
            )
        )
    return rows


RAG_TONES = {RAG.RED: "red", RAG.AMBER: "amber", RAG.GREEN: "green"}
ASSURANCE_TONES = {
    AssuranceRating.SUBSTANTIAL: "green",
    AssuranceRating.REASONABLE: "green",
    AssuranceRating.LIMITED: "amber",
    AssuranceRating.NO_ASSURANCE: "red",
}
DIMENSIONS = (
    # key, title, category, field, choices, tones
    ("type", "Live partnerships by type", "Type", "partnership_type", PartnershipType.choices, None),
    ("legal_form", "Live partnerships by legal form", "Legal form", "legal_form", LegalForm.choices, None),
    ("significance", "Live partnerships by significance", "Significance", "significance", Significance.choices, None),
    ("rag", "Live partnerships by overall RAG rating", "RAG rating", "rag", RAG.choices, RAG_TONES),
    (
        "assurance",
        "Live partnerships by assurance rating",
        "Assurance rating",
        "assurance",
        AssuranceRating.choices,
        ASSURANCE_TONES,
    ),
)


class Figures:
    """The dashboard's figures for a set of partnerships, judged at `today`. Three queries."""

    def __init__(self, partnerships, today):
        self.today = today
        self.partnerships = partnerships
        self.totals = partnerships.aggregate(**self._aggregates(today))
        self.by_directorate = self._directorates()
        self.risks = RiskFigures(open_risks(partnerships), today)

    @staticmethod
    def _aggregates(today):
        aggregates = {"all": Count("pk"), "live": Count("pk", filter=LIVE)}
        aggregates |= _choice_counts("status", "status", Status.choices, Q(), blank=False)
        for key, _title, _category, field_name, choices, _tones in DIMENSIONS:
            aggregates |= _choice_counts(key, field_name, choices, LIVE)
        aggregates |= {name: Sum(name, filter=LIVE, default=Decimal(0)) for name, _ in MONEY}
        aggregates |= {f"window_{w.key}": Count("pk", filter=LIVE & w.rule(today)) for w in REVIEW_WINDOWS}
        aggregates |= {f"gap_{gap.key}": Count("pk", filter=gap.condition(today)) for gap in compliance.GAPS}
        aggregates["eligible"] = Count("pk", filter=compliance.ELIGIBLE)
        aggregates["any_gap"] = Count("pk", filter=compliance.any_gap(today))
        return aggregates

    def _directorates(self):
        rows = (
            self.partnerships.filter(LIVE)
            .values("directorate_id", "directorate__name")
            .annotate(count=Count("pk"))
            .order_by("directorate__name")
        )
        return Breakdown(
            "directorate",
            "Live partnerships by directorate",
            [
                Row(
                    row["directorate__name"] or "No directorate",
                    row["count"],
                    Link("partnerships", {**LIVE_PARAMS, "directorate": row["directorate_id"] or NO_DIRECTORATE}),
                    "" if row["directorate_id"] else "grey",
                )
                for row in rows
            ],
            category="Directorate",
        )

    # -- headline figures --------------------------------------------------------------------
    @cached_property
    def all_count(self):
        return Row("Partnerships on the register", self.totals["all"], Link("partnerships"))

    @cached_property
    def live_count(self):
        return Row("Live partnerships", self.totals["live"], Link("partnerships", LIVE_PARAMS))

    @cached_property
    def contribution(self):
        return Row("Annual council contribution", self.totals["annual_contribution"], Link("partnerships", LIVE_PARAMS))

    @cached_property
    def any_gap(self):
        return Row(
            "Live partnerships with a compliance gap", self.totals["any_gap"], Link("compliance", {"gap": "any"})
        )

    # -- breakdowns --------------------------------------------------------------------------
    @cached_property
    def by_status(self):
        return Breakdown(
            "status",
            "All partnerships by status",
            _choice_rows(self.totals, "status", "status", Status.choices, {}, blank=False),
            category="Status",
        )

    @cached_property
    def dimensions(self):
        return [
            Breakdown(
                key, title, _choice_rows(self.totals, key, field_name, choices, LIVE_PARAMS, tones), category=category
            )
            for key, title, category, field_name, choices, tones in DIMENSIONS
        ]

    def dimension(self, key):
        return next(breakdown for breakdown in self.dimensions if breakdown.key == key)

    @cached_property
    def breakdowns(self):
        """Every count breakdown in page order."""
        dimensions = {breakdown.key: breakdown for breakdown in self.dimensions}
        return [
            self.by_status,
            dimensions["type"],
            dimensions["legal_form"],
            self.by_directorate,
            dimensions["significance"],
            dimensions["rag"],
            dimensions["assurance"],
        ]

    @cached_property
    def money(self):
        return Breakdown(
            "money",
            "Money in live partnerships (a year)",
            [Row(label, self.totals[name], Link("partnerships", LIVE_PARAMS)) for name, label in MONEY],
            unit="pounds",
            category="Money",
        )

    @cached_property
    def reviews(self):
        return Breakdown(
            "reviews",
            "Reviews of live partnerships",
            [
                Row(w.title, self.totals[f"window_{w.key}"], Link("review_due", fragment=w.key), tone)
                for w, tone in zip(REVIEW_WINDOWS, ("red", "amber", ""), strict=True)
            ],
            category="Next review",
        )

    @cached_property
    def reviews_overdue(self):
        return Row("Reviews overdue", self.totals["window_overdue"], Link("review_due", fragment="overdue"), "red")

    @cached_property
    def gaps(self):
        return Breakdown(
            "gaps",
            "Compliance gaps in live partnerships",
            [
                Row(gap.title, self.totals[f"gap_{gap.key}"], Link("compliance", {"gap": gap.key}))
                for gap in compliance.GAPS
            ],
            category="Gap",
        )


# -- risks ----------------------------------------------------------------------------------------
def open_risks(partnerships):
    """Open risks on the live partnerships among `partnerships`."""
    return RiskEntry.objects.open().filter(partnership__in=partnerships.filter(LIVE).values("pk"))


@dataclass
class Cell:
    likelihood: int
    impact: int
    count: int
    band: str
    link: Link
    url: str = ""

    @property
    def band_label(self):
        return RiskBand(self.band).label


@dataclass
class HeatMap:
    key: str
    title: str
    rows: list  # [(likelihood, [Cell by impact 1..5])], likelihood 5 first
    total: int
    unscored: int = 0

    impacts = tuple(scoring.SCALE)


HEAT_MAPS = (
    ("inherent", "Inherent risk (before controls)", "likelihood", "impact"),
    ("residual", "Residual risk (after controls)", "residual_likelihood", "residual_impact"),
)


class RiskFigures:
    """Open risks on live partnerships: two 5 x 5 heat maps and counts by band. One query."""

    def __init__(self, risks, today):
        self.today = today
        aggregates = {"total": Count("pk"), "past_review": Count("pk", filter=Q(review_date__lt=today))}
        aggregates["residual_unscored"] = Count("pk", filter=Q(residual_score__isnull=True))
        for key, _title, likelihood, impact in HEAT_MAPS:
            for band in RiskBand:
                aggregates[f"{key}_band_{band.value}"] = Count("pk", filter=Q(**{f"{key}_band_db": band.value}))
            for row in scoring.SCALE:
                for column in scoring.SCALE:
                    aggregates[f"{key}_{row}_{column}"] = Count("pk", filter=Q(**{likelihood: row, impact: column}))
        self.totals = risks.with_bands().aggregate(**aggregates)

    @cached_property
    def total(self):
        return Row("Open risks on live partnerships", self.totals["total"], Link("risks"))

    @cached_property
    def past_review(self):
        return Row(
            "Open risks past their review date",
            self.totals["past_review"],
            Link("risks", {"past_review": "true"}),
            "red",
        )

    def bands(self, key):
        tones = {RiskBand.HIGH: "red", RiskBand.MEDIUM: "amber", RiskBand.LOW: "green"}
        return [
            Row(
                band.label,
                self.totals[f"{key}_band_{band.value}"],
                Link("risks", {f"{key}_band": band.value}),
                tones[band],
            )
            for band in reversed(RiskBand)
        ]

    @cached_property
    def high_residual(self):
        return Row(
            "Open risks still high after controls",
            self.totals["residual_band_high"],
            Link("risks", {"residual_band": RiskBand.HIGH.value}),
            "red",
        )

    @cached_property
    def heat_maps(self):
        maps = []
        for key, title, likelihood, impact in HEAT_MAPS:
            rows = [
                (
                    row,
                    [
                        Cell(
                            row,
                            column,
                            self.totals[f"{key}_{row}_{column}"],
                            scoring.band_for(scoring.score(row, column)),
                            Link("risks", {likelihood: row, impact: column}),
                        )
                        for column in scoring.SCALE
                    ],
                )
                for row in reversed(scoring.SCALE)
            ]
            total = sum(cell.count for _, cells in rows for cell in cells)
            unscored = self.totals["residual_unscored"] if key == "residual" else 0
            maps.append(HeatMap(key, title, rows, total, unscored))
        return maps
