"""The dashboard's figures, worked out in the database.

Everything here costs a fixed number of queries whatever the size of the register: several figures
come from one query through conditional aggregation (`Count(filter=Q(...))`).

Each figure carries a `Link` to the list behind it: the list's URL name and its query string. The
view adds the dashboard's own filters (directorate, type, significance) and turns links into URLs.
"""

from dataclasses import dataclass, field
from decimal import Decimal
from functools import cached_property

from django.db.models import BooleanField, Count, ExpressionWrapper, Q, Sum

from register import lifecycle
from register import risk as scoring
from register.choices import RAG, AssuranceRating, LegalForm, PartnershipType, RiskBand, Significance, Status
from register.models import RiskEntry

from . import compliance
from .compliance import LIVE
from .review_due import REVIEW_WINDOWS, review_window

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
def _flag(condition):
    return ExpressionWrapper(condition, output_field=BooleanField())


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
    """The dashboard's figures for a set of partnerships, judged at `today`. Four queries.

    `counted` is what the queries return (see `count`); pass it in to rebuild the figures
    without querying, as the cache does (cache.py).
    """

    def __init__(self, partnerships, today, counted=None):
        self.today = today
        self.partnerships = partnerships
        self.counted = counted if counted is not None else self.count(partnerships, today)
        self.counted_at, self.recounting = None, False  # set when these are the figures as last counted
        self.totals = self.counted["totals"]
        self.by_directorate = self._directorates(self.counted["directorates"])
        self.by_priority = self._priorities(self.counted.get("priorities", []))
        self.risks = RiskFigures(self.counted["risks"], today)

    @classmethod
    def count(cls, partnerships, today):
        """Every number the dashboard shows, as plain data that can be kept in a cache."""
        directorates = (
            partnerships.filter(LIVE)
            .values("directorate_id", "directorate__name")
            .annotate(count=Count("pk"))
            .order_by("directorate__name")
        )
        priorities = (
            partnerships.filter(LIVE, priorities__isnull=False)
            .values("priorities__id", "priorities__name")
            .annotate(count=Count("pk"))
            .order_by("priorities__name")
        )
        return {
            "totals": cls._totals(partnerships, today),
            "directorates": list(directorates),
            "priorities": list(priorities),
            "risks": RiskFigures.count(open_risks(partnerships), today),
        }

    @staticmethod
    def _aggregates(today):
        """Every figure as one conditional aggregate: the definition `_totals` must agree with."""
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

    @staticmethod
    def _totals(partnerships, today):
        """The same figures as `_aggregates`, in two queries that stay fast at 20,000 partnerships.

        Fifty-odd `COUNT(...) FILTER (...)` columns cost the database one test per column per row.
        Instead the database groups the register by the columns the breakdowns count (a few
        hundred groups at most, with the money summed per group) and the groups are added up
        here; the review windows and compliance gaps are counted over live partnerships only.
        """
        totals = dict.fromkeys(Figures._aggregates(today), 0)
        live = {status.value for status in lifecycle.LIVE}
        fields = [field_name for _key, _title, _category, field_name, _choices, _tones in DIMENSIONS]
        money = [name for name, _ in MONEY]
        groups = partnerships.order_by().values("status", *fields).annotate(n=Count("pk"), **{m: Sum(m) for m in money})
        for group in groups:
            n = group["n"]
            totals["all"] += n
            status_key = f"status_{group['status']}"
            if status_key in totals:
                totals[status_key] += n
            if group["status"] not in live:
                continue
            totals["live"] += n
            for key, _title, _category, field_name, _choices, _tones in DIMENSIONS:
                name = f"{key}_{group[field_name]}"
                if name in totals:
                    totals[name] += n
            for name in money:
                totals[name] += group[name] or 0
        for name in money:
            totals[name] = Decimal(totals[name])
        # Live partnerships grouped by review window, by being in scope and by which rules they
        # break (a few dozen groups). The rows are live already, so each rule is tested once per
        # partnership, without repeating the live and in-scope tests; a broken rule is a gap only
        # in scope (compliance.ELIGIBLE), and "any gap" needs no second test.
        flags = {f"gap_{gap.key}": _flag(gap.rule(today)) for gap in compliance.GAPS}
        flags["eligible"] = _flag(compliance.IN_SCOPE)
        groups = (
            partnerships.filter(LIVE)
            .order_by()
            .annotate(window=review_window(today, live=True), **flags)
            .values("window", *flags)
            .annotate(n=Count("pk"))
        )
        for group in groups:
            n = group["n"]
            if group["window"]:
                totals[f"window_{group['window']}"] += n
            if not group["eligible"]:
                continue
            totals["eligible"] += n
            gaps = [name for name in flags if name.startswith("gap_") and group[name]]
            for name in gaps:
                totals[name] += n
            totals["any_gap"] += n if gaps else 0
        return totals

    @staticmethod
    def _directorates(rows):
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

    @staticmethod
    def _priorities(rows):
        return Breakdown(
            "priority",
            "Live partnerships by corporate priority",
            [
                Row(
                    row["priorities__name"],
                    row["count"],
                    Link("partnerships", {**LIVE_PARAMS, "priority": row["priorities__id"]}),
                )
                for row in rows
            ],
            category="Corporate priority",
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
            self.by_priority,
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


def _band(value):
    """The band of a score as stored (register.risk.band_expression), or None outside every band."""
    return next((band.value for band, low, high in scoring.BANDS if low <= value <= high), None)


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

    def __init__(self, totals, today):
        self.today = today
        self.totals = totals

    @staticmethod
    def count(risks, today):
        """Counts by heat-map cell, band and review date: the database groups the risks by their
        ratings (at most a few hundred groups) and the groups are added up here, which is several
        times faster than sixty `COUNT(...) FILTER (...)` columns over every open risk."""
        ratings = [field for _key, _title, likelihood, impact in HEAT_MAPS for field in (likelihood, impact)]
        totals = {"total": 0, "past_review": 0, "residual_unscored": 0}
        for key, _title, _likelihood, _impact in HEAT_MAPS:
            totals |= {f"{key}_band_{band.value}": 0 for band in RiskBand}
            totals |= {f"{key}_{row}_{column}": 0 for row in scoring.SCALE for column in scoring.SCALE}
        past = _flag(Q(review_date__lt=today))
        groups = risks.order_by().annotate(past=past).values("past", *ratings).annotate(n=Count("pk"))
        for group in groups:
            n = group["n"]
            totals["total"] += n
            totals["past_review"] += n if group["past"] else 0
            if group["residual_likelihood"] is None or group["residual_impact"] is None:
                totals["residual_unscored"] += n
            for key, _title, likelihood, impact in HEAT_MAPS:
                row, column = group[likelihood], group[impact]
                if row is None or column is None:
                    continue
                if f"{key}_{row}_{column}" in totals:
                    totals[f"{key}_{row}_{column}"] += n
                band = _band(row * column)
                if band is not None:
                    totals[f"{key}_band_{band}"] += n
        return totals

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
