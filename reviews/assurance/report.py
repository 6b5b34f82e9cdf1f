"""The committee's annual report of a round: as a page, a tagged PDF (WeasyPrint) and a .docx.

One context feeds all three, so they cannot disagree.
"""

from dataclasses import dataclass
from decimal import Decimal

from django.conf import settings
from django.template.loader import render_to_string
from django.utils import timezone

from partnerships.pdf import stylesheet
from register.choices import AssuranceRating

from .models import RemedialAction

STYLESHEET = "reviews/annual-report.css"
CONTENT_TYPES = {
    "pdf": "application/pdf",
    "docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
}
NOT_RATED = "Not yet rated"
BAR_WIDTH = 300  # the longest bar, in the chart's own units (the SVG viewBox is 400 wide)


def rating_label(value):
    return AssuranceRating(value).label if value else NOT_RATED


@dataclass
class Row:
    assurance_return: object
    previous: object  # the partnership's return in the previous round, or None

    @property
    def partnership(self):
        return self.assurance_return.partnership

    @property
    def rating(self):
        return rating_label(self.assurance_return.rating)

    @property
    def previous_rating(self):
        return rating_label(self.previous.rating) if self.previous else "Not in last round"

    @property
    def changed(self):
        return self.previous is not None and self.previous.rating != self.assurance_return.rating

    @property
    def change(self):
        """How the rating moved since last year, in words."""
        if self.previous is None:
            return "New this round"
        if not self.changed:
            return "No change"
        return f"{self.previous_rating} to {self.rating}"

    @property
    def reason(self):
        if not (self.assurance_return.rating or self.assurance_return.proposed_rating):
            return "rating not yet proposed"
        found = self.assurance_return.rating_reason or "; ".join(self.assurance_return.proposed_reasons)
        return found or "no concerns found"


def context(assurance_round):
    previous_round = assurance_round.previous()
    returns = list(
        assurance_round.returns.select_related("partnership__directorate", "partnership__lead_officer").order_by(
            "partnership__reference"
        )
    )
    previous = (
        {r.partnership_id: r for r in previous_round.returns.select_related("partnership")} if previous_round else {}
    )
    rows = [Row(r, previous.get(r.partnership_id)) for r in returns]
    in_round = {r.partnership_id for r in returns}
    counts = [(label, sum(1 for row in rows if row.rating == label)) for label in AssuranceRating.labels]
    counts.append((NOT_RATED, sum(1 for row in rows if row.rating == NOT_RATED)))
    largest = max((count for _, count in counts), default=0) or 1
    actions = list(
        RemedialAction.objects.filter(partnership_id__in=in_round)
        .filter(raised_in__deadline__lte=assurance_round.deadline)
        .select_related("partnership", "raised_in")
        .order_by("partnership__reference", "due_date")
    )
    money = sum((row.partnership.annual_contribution or Decimal(0) for row in rows), Decimal(0))
    in_kind = sum((row.partnership.in_kind_value or Decimal(0) for row in rows), Decimal(0))
    return {
        "round": assurance_round,
        "previous_round": previous_round,
        "council_name": settings.COUNCIL_NAME,
        "generated_at": timezone.localtime(),
        "rows": rows,
        "counts": counts,
        "bars": [
            {"label": label, "count": count, "y": 10 * i, "width": round(BAR_WIDTH * count / largest)}
            for i, (label, count) in enumerate(counts)
        ],
        "chart_height": 10 * len(counts),
        "new_entries": [row for row in rows if row.previous is None],
        "removals": [row for row in rows if row.assurance_return.recommend_removal],
        "left": [r for pid, r in previous.items() if pid not in in_round],
        "changes": [row for row in rows if row.changed],
        "actions": actions,
        "today": timezone.localdate(),
        "money": money,
        "in_kind": in_kind,
    }


def title(assurance_round):
    return f"Annual review of significant partnerships {assurance_round.name}"


def filename(assurance_round, extension):
    return f"annual-review-of-partnerships-{assurance_round.name.replace('/', '-')}.{extension}"


def render_pdf(assurance_round):
    """The report as a tagged PDF (PDF/UA-1), titled and with its language set."""
    from weasyprint import HTML

    css, font_config, base_url = stylesheet(STYLESHEET)  # parsed once per thread
    html = render_to_string("reviews/assurance/report/annual.html", {**context(assurance_round), "pdf": True})
    document = HTML(string=html, base_url=base_url)
    return document.write_pdf(stylesheets=[css], font_config=font_config, pdf_variant="pdf/ua-1", pdf_tags=True)


def render_docx(assurance_round):
    """The report as a Word document for the committee clerk."""
    import io

    from docx import Document

    data = context(assurance_round)
    document = Document()
    document.core_properties.title = title(assurance_round)
    document.core_properties.language = "en-GB"
    document.add_heading(title(assurance_round), 0)
    document.add_paragraph(data["council_name"])

    def table(headers, body):
        grid = document.add_table(rows=1, cols=len(headers))
        grid.style = "Table Grid"
        for cell, text in zip(grid.rows[0].cells, headers, strict=True):
            cell.text = text
        for values in body:
            for cell, text in zip(grid.add_row().cells, values, strict=True):
                cell.text = str(text)

    document.add_heading("Summary by assurance rating", 1)
    table(["Rating", "Partnerships"], data["counts"])
    document.add_heading("New entries and proposed removals", 1)
    for row in data["new_entries"]:
        document.add_paragraph(f"New: {row.partnership}", style="List Bullet")
    for row in data["removals"]:
        document.add_paragraph(f"Proposed for removal: {row.partnership}", style="List Bullet")
    document.add_heading("Ratings that changed since last year", 1)
    table(
        ["Partnership", "Last year", "This year", "Reason"],
        [(str(row.partnership), row.previous_rating, row.rating, row.reason) for row in data["changes"]],
    )
    document.add_heading("Partnerships", 1)
    for row in data["rows"]:
        document.add_heading(str(row.partnership), 2)
        document.add_paragraph(f"Rating: {row.rating} ({row.change}). {row.reason}.")
        document.add_paragraph(row.assurance_return.summary or "No summary given.")
    document.add_heading("Remedial actions", 1)
    table(
        ["Partnership", "Action", "Owner", "Due", "Status"],
        [
            (a.partnership.reference, a.description, a.owner, f"{a.due_date:%d %b %Y}", a.get_status_display())
            for a in data["actions"]
        ],
    )
    document.add_heading("Resources committed", 1)
    document.add_paragraph(f"Money: £{data['money']:,.2f}. In kind: £{data['in_kind']:,.2f}.")
    document.add_heading("Appendix: the register in scope", 1)
    table(
        ["Reference", "Name", "Directorate", "Lead officer", "Contribution", "Rating"],
        [
            (
                row.partnership.reference,
                row.partnership.name,
                str(row.partnership.directorate or ""),
                row.partnership.lead_officer_display,
                f"£{row.partnership.annual_contribution or 0:,.2f}",
                row.rating,
            )
            for row in data["rows"]
        ],
    )
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()
