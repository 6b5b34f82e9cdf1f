"""The agreement as a PDF, with WeasyPrint.

The fonts ship with the app (static/pdf/fonts) and are loaded through a FontConfiguration, so the
PDF looks the same on every machine. An approved version renders to the same bytes every time:
its dates come from the approval, never from the clock.

Issuing (drawing the approved PDF or the signed copy and storing it) runs in the background, from
agreements.tasks; the models store what is drawn here and never import this module.

Speed (budget: under 1 s at p95 on a 2-CPU box). Each thread keeps its parsed stylesheet and its
FontConfiguration (fonts already loaded into Pango) between renders.
"""

import atexit
import datetime
import os
import threading
from pathlib import Path

from django.conf import settings
from django.contrib.staticfiles import finders
from django.template.loader import render_to_string
from django.utils import timezone

from .choices import Section
from .facts import facts_for, long_date

STYLESHEET = "pdf/agreement.css"
PDF_VARIANT = "pdf/ua-1"  # tagged PDF with a title and language, as far as WeasyPrint goes


def _w3c(moment):
    return moment.astimezone(datetime.UTC).strftime("%Y-%m-%dT%H:%M:%SZ")


def logo_uri():
    """The council logo as a file URI, when settings.COUNCIL_LOGO names a file that exists."""
    path = Path(settings.COUNCIL_LOGO) if settings.COUNCIL_LOGO else None
    return path.resolve().as_uri() if path and path.is_file() else ""


# The register's facts printed under a section's own text.
FACT_BLOCKS = {
    Section.PARTIES: "agreements/pdf/facts_partners.html",
    Section.AIMS: "agreements/pdf/facts_objectives.html",
    Section.MILESTONES: "agreements/pdf/facts_dates.html",
    Section.LEGAL_STATUS: "agreements/pdf/facts_legal_status.html",
    Section.RISK: "agreements/pdf/facts_risks.html",
    Section.GOVERNANCE: "agreements/pdf/facts_governance.html",
    Section.ROLES: "agreements/pdf/facts_roles.html",
    Section.FINANCE: "agreements/pdf/facts_money.html",
}


def numbered_sections(agreement):
    """[(number, Section, text, facts template or "")] in agreement order, numbered from 1."""
    return [
        (number, section, text, FACT_BLOCKS.get(section, ""))
        for number, (section, text) in enumerate(agreement.sections(), start=1)
    ]


def signature_rows(agreement, facts):
    """[(party name, Signatory or None)] for the council and every partner, in the order they sign."""
    signatories = {signatory.organisation_id: signatory for signatory in agreement.signatories.all()}
    parties = [(facts["council_name"], None)] + [(p["name"], p["organisation_id"]) for p in facts["partners"]]
    return [(name, signatories.get(organisation_id)) for name, organisation_id in parties]


def agreement_context(agreement):
    facts = facts_for(agreement)
    issued_at = agreement.approved_at if agreement.is_issued and agreement.approved_at else timezone.now()
    return {
        "agreement": agreement,
        "facts": facts,
        "title": agreement.title or facts["name"],
        "document_kind": facts["document_kind"],
        "sections": numbered_sections(agreement),
        "signatures_number": len(Section) + 1,
        "signature_rows": signature_rows(agreement, facts),
        "is_draft": not agreement.is_issued,
        "council_name": facts["council_name"],
        "logo_uri": logo_uri(),
        "issued_on": long_date(timezone.localdate(issued_at)),
        "metadata_date": _w3c(issued_at),
    }


def render_agreement_html(agreement):
    return render_to_string("agreements/pdf/agreement.html", agreement_context(agreement))


_per_thread = threading.local()  # Pango font maps are not thread-safe, so each thread has its own
# Drop the exiting thread's fonts before interpreter shutdown: FontConfiguration.__del__ needs shutil.
atexit.register(lambda: _per_thread.__dict__.clear())


def _stylesheet():
    """(CSS, FontConfiguration, base URL) for this thread, parsed again when the stylesheet changes."""
    from weasyprint import CSS
    from weasyprint.text.fonts import FontConfiguration

    path = finders.find(STYLESHEET)
    key = (path, os.stat(path).st_mtime_ns)
    cached = getattr(_per_thread, "stylesheet", None)
    if cached is None or cached[0] != key:
        font_config = FontConfiguration()
        css = CSS(filename=path, font_config=font_config)
        cached = _per_thread.stylesheet = (key, css, font_config, str(Path(path).parent))
    return cached[1:]


def render_agreement_pdf(agreement):
    """The agreement's PDF as bytes."""
    from weasyprint import HTML

    css, font_config, base_url = _stylesheet()
    html = HTML(string=render_agreement_html(agreement), base_url=base_url)
    return html.write_pdf(
        stylesheets=[css],
        font_config=font_config,
        pdf_variant=PDF_VARIANT,
        pdf_identifier=True,  # derived from the content, so identical documents get identical bytes
    )


def issue_pdfs(agreement):
    """Draw and store whatever the agreement is waiting for: its issued PDF once approved, its signed
    copy once signed. Safe to run twice, or on two workers at once: each is stored once. Returns how
    many were stored."""
    stored = 0
    if agreement.is_issued and not agreement.pdf:
        agreement.keep_register_facts()
        stored += agreement.store_pdf(render_agreement_pdf(agreement))
    if agreement.is_signed and not agreement.signed_pdf:
        stored += agreement.store_signed_copy(render_agreement_pdf(agreement))
    return stored
