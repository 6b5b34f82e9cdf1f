"""Bar charts drawn on the server as SVG: no JavaScript, nothing fetched from elsewhere.

The geometry is worked out here so the template only places shapes. Each bar has its label above
it and its value beside it in text, so no one needs to tell colours apart to read the chart, and
every chart sits beside a table of the same figures (with links to the lists behind them).
"""

from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal

WIDTH = 400  # viewBox units; the SVG scales to the width of its column
LABEL_HEIGHT = 20
BAR_HEIGHT = 20
GAP = 14
VALUE_SPACE = 110  # room to the right of the longest bar for its value


# Fill and outline for each tone: every fill has at least 3:1 contrast with the white page, except
# amber, which gets a dark outline instead. Labels and values are always written out as text.
TONES = {
    "blue": ("#1d70b8", "#1d70b8"),
    "red": ("#d4351c", "#d4351c"),
    "amber": ("#f47738", "#6e3619"),
    "green": ("#00703c", "#00703c"),
    "grey": ("#505a5f", "#505a5f"),
}
TEXT = "#0b0c0c"
FONT = "Arial, 'DejaVu Sans', sans-serif"


def pounds(value):
    """£1,234,567 (to the nearest pound, halves up), for money on the dashboard and in the report."""
    return f"£{Decimal(value or 0).quantize(Decimal(1), rounding=ROUND_HALF_UP):,}"


def short_pounds(value):
    """£9.3m, £250k or £950: a headline figure that fits a narrow box (tables give it in full)."""
    value = Decimal(value or 0)
    if value >= 1_000_000:
        return f"£{value / 1_000_000:,.1f}m".replace(".0m", "m")
    if value >= 10_000:
        return f"£{value / 1000:,.0f}k"
    return pounds(value)


def count(value):
    return f"{value:,}"


@dataclass
class Bar:
    label: str
    display: str
    fill: str
    stroke: str
    label_y: int
    y: int
    width: float
    value_x: float
    value_y: int


@dataclass
class BarChart:
    key: str
    title: str
    summary: str
    bars: list
    width: int
    height: int
    bar_height: int = BAR_HEIGHT
    text_colour: str = TEXT
    font: str = FONT

    @property
    def title_id(self):
        return f"chart-{self.key}-title"


def _summary(title, rows, fmt):
    if not rows:
        return f"{title}: none."
    return f"{title}: " + "; ".join(f"{row.label} {fmt(row.value)}" for row in rows) + "."


def bar_chart(breakdown, *, fmt=None, skip_zero=False):
    """A horizontal bar chart of a `queries.Breakdown`."""
    fmt = fmt or (pounds if breakdown.unit == "pounds" else count)
    rows = [row for row in breakdown.rows if row.value or not skip_zero]
    largest = max((row.value for row in rows), default=0) or 1
    room = WIDTH - VALUE_SPACE
    bars = []
    y = 0
    for row in rows:
        width = round(float(row.value) / float(largest) * room, 1)
        if row.value and width < 2:
            width = 2.0  # a small figure still shows a sliver
        bars.append(
            Bar(
                label=row.label,
                display=fmt(row.value),
                fill=TONES[row.tone or "blue"][0],
                stroke=TONES[row.tone or "blue"][1],
                label_y=y + LABEL_HEIGHT - 6,
                y=y + LABEL_HEIGHT,
                width=width,
                value_x=width + 6,
                value_y=y + LABEL_HEIGHT + BAR_HEIGHT - 5,
            )
        )
        y += LABEL_HEIGHT + BAR_HEIGHT + GAP
    return BarChart(
        key=breakdown.key,
        title=breakdown.title,
        summary=_summary(breakdown.title, rows, fmt),
        bars=bars,
        width=WIDTH,
        height=max(y - GAP, BAR_HEIGHT),
    )
