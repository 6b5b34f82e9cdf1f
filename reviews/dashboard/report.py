"""The committee report pack: the dashboard, the review-due list and the compliance gaps as a PDF.

The figures are the register as it stands when the pack is made; review dates, end dates and risk
review dates are judged against the chosen "as at" date (usually the committee meeting).
Fonts ship with the app (static/pdf/fonts) and load through a FontConfiguration, so the PDF looks
the same on every machine.
"""

from pathlib import Path

from django.conf import settings
from django.contrib.staticfiles import finders
from django.template.loader import render_to_string
from django.utils import timezone

from . import compliance, review_due
from .context import dashboard_context

STYLESHEET = "dashboard/report.css"
FONT = "Report Sans"  # the @font-face name in the stylesheet


def filename(as_at):
    return f"partnerships-committee-pack-{as_at:%Y-%m-%d}.pdf"


def report_context(partnerships, filterset, as_at):
    context = dashboard_context(partnerships, filterset.scope_params(), as_at, fresh=True)
    for _breakdown, chart in context["charts"]:
        chart.font = FONT
    gap_rows = compliance.annotate_gaps(
        partnerships.filter(compliance.any_gap(as_at)).select_related("directorate", "lead_officer"), as_at
    ).order_by("reference")
    gap_rows = list(gap_rows)
    for partnership in gap_rows:
        partnership.gaps = compliance.gaps_of(partnership)
    context.update(
        as_at=as_at,
        generated_at=timezone.localtime(),
        scope_description=filterset.scope_description(),
        council_name=settings.COUNCIL_NAME,
        review_groups=review_due.grouped(review_due.partnerships_due(partnerships, as_at)),
        gap_rows=gap_rows,
        gap_lists=[(gap, [p for p in gap_rows if gap in p.gaps]) for gap in compliance.GAPS],
    )
    return context


def render_html(partnerships, filterset, as_at):
    return render_to_string("dashboard/report/pack.html", report_context(partnerships, filterset, as_at))


def render_pdf(partnerships, filterset, as_at):
    """The report pack as PDF bytes."""
    from weasyprint import CSS, HTML
    from weasyprint.text.fonts import FontConfiguration

    stylesheet = finders.find(STYLESHEET)
    font_config = FontConfiguration()
    css = CSS(filename=stylesheet, font_config=font_config)
    html = HTML(string=render_html(partnerships, filterset, as_at), base_url=str(Path(stylesheet).parent))
    # Tagged (PDF/UA-1, as the assurance report and agreements are): headings, tables and reading order
    # reach screen readers.
    return html.write_pdf(stylesheets=[css], font_config=font_config, pdf_variant="pdf/ua-1", pdf_tags=True)
