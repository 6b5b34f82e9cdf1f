"""GOV.UK tags and formatting for the register's templates (so templates hold no logic)."""

from decimal import Decimal

from django import template
from django.utils.html import format_html

from ..choices import RAG, RiskBand, Status

register = template.Library()

STATUS_COLOURS = {
    Status.PROPOSED: "grey",
    Status.ASSESSED: "light-blue",
    Status.APPROVED: "blue",
    Status.ACTIVE: "green",
    Status.UNDER_REVIEW: "yellow",
    Status.EXITING: "orange",
    Status.CLOSED: "grey",
    Status.REJECTED: "red",
}
RAG_COLOURS = {RAG.RED: "red", RAG.AMBER: "orange", RAG.GREEN: "green"}
BAND_COLOURS = {RiskBand.HIGH: "red", RiskBand.MEDIUM: "orange", RiskBand.LOW: "green"}


def _tag(text, colour):
    return format_html('<strong class="govuk-tag govuk-tag--{}">{}</strong>', colour, text)


@register.simple_tag
def status_tag(status):
    if not status:
        return ""
    status = Status(status)
    return _tag(status.label, STATUS_COLOURS[status])


@register.simple_tag
def rag_tag(rag, missing="Not set"):
    if not rag:
        return missing
    rag = RAG(rag)
    return _tag(rag.label, RAG_COLOURS[rag])


@register.simple_tag
def band_tag(score, band):
    """A risk score with its band, e.g. "12 Medium" as an orange tag."""
    if score is None or band is None:
        return "Not assessed"
    band = RiskBand(band)
    return _tag(f"{score} {band.label}", BAND_COLOURS[band])


@register.simple_tag
def tag(text, colour="grey"):
    return _tag(text, colour)


@register.filter
def money(value):
    """£12,500 (pence shown only when there are some); "Not recorded" when empty."""
    if value is None or value == "":
        return "Not recorded"
    value = Decimal(value)
    text = f"{value:,.0f}" if value == value.to_integral_value() else f"{value:,.2f}"
    return f"£{text}"


@register.filter
def or_not_set(value, text="Not recorded"):
    return value if value not in (None, "") else text


@register.filter
def score(value):
    """A health-check mean to one decimal place, or a dash."""
    return "–" if value is None else f"{value:.1f}"


@register.filter
def minutes(duration):
    """A timedelta as whole minutes (the sign-in lockout page's "Wait 15 minutes")."""
    return int(duration.total_seconds() // 60)
