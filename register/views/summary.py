"""Rows for the partnership page's summary lists, built here so the template stays simple."""

from django.urls import reverse
from django.utils.formats import date_format
from django.utils.html import format_html, linebreaks
from django.utils.safestring import mark_safe

from ..templatetags.register_tags import money, rag_tag, status_tag, tag

NOT_RECORDED = "Not recorded"


def _date(value):
    return date_format(value, "j F Y") if value else NOT_RECORDED


def _text(value):
    return mark_safe(linebreaks(value, autoescape=True)) if value else NOT_RECORDED


def significance_text(p):
    level = p.get_significance_display() or NOT_RECORDED
    if p.significance_overridden:
        level = format_html("{} {}", level, tag("Overridden", "orange"))
    url = reverse("register:significance", args=[p.reference])
    return format_html('{} <a class="govuk-link" href="{}">How it is scored</a>', level, url)


def rag_with_source(p):
    """The overall RAG, saying whether it follows the latest review or was set by hand."""
    if not p.rag:
        return rag_tag(p.rag)
    if p.rag_overridden:
        source = "set by hand, overriding the reviews"
    elif p.last_review:
        source = f"from the latest review, {_date(p.last_review)}"
    else:
        source = "recorded before any review here"
    return format_html('{} <span class="govuk-body-s">({})</span>', rag_tag(p.rag), source)


def summary_rows(p):
    next_review = _date(p.next_review_due)
    if p.is_review_overdue():
        next_review = format_html("{} {}", next_review, tag("Overdue", "red"))
    rows = [
        ("Reference", p.reference),
        ("Status", status_tag(p.status)),
        ("Type", p.get_partnership_type_display()),
        ("Purpose", _text(p.purpose)),
    ]
    if not p.in_scope:
        rows.append(("Why it is out of scope", _text(p.out_of_scope_reason)))
    rows += [
        ("Statutory basis", p.statutory_basis or "Not statutory"),
        ("Legal form", p.get_legal_form_display() or NOT_RECORDED),
        ("Council's role", p.get_council_role_display() or NOT_RECORDED),
        ("Lead directorate", p.directorate or NOT_RECORDED),
        ("Lead officer", p.lead_officer_display or NOT_RECORDED),
        ("Lead councillor", p.lead_member or NOT_RECORDED),
        ("Significance", significance_text(p)),
        ("Overall RAG", rag_with_source(p)),
        ("Assurance rating", p.get_assurance_display() or NOT_RECORDED),
        ("Start date", _date(p.start_date)),
        ("End date", _date(p.end_date) if p.end_date else "No fixed end date"),
    ]
    if not p.has_ended:  # a closed or rejected partnership has no more reviews
        rows += [("Review frequency", p.get_review_frequency_display()), ("Next review due", next_review)]
    rows += [
        ("Last review", _date(p.last_review)),
        ("Exit strategy", _text(p.exit_strategy)),
    ]
    if p.notes:
        rows.append(("Notes", _text(p.notes)))
    return rows


def money_rows(p):
    in_kind = money(p.in_kind_value)
    if p.in_kind_description:
        in_kind = f"{in_kind} ({p.in_kind_description})" if p.in_kind_value is not None else p.in_kind_description
    return [
        ("Annual council contribution", money(p.annual_contribution)),
        ("In-kind contribution", in_kind),
        ("External funding levered", money(p.external_funding)),
        ("Income to council", money(p.income_to_council)),
    ]


def _in_kind(description, value):
    if value is None:
        return description or "None"
    return f"{money(value)} ({description})" if description else money(value)


def contribution_rows(p, members, council_name):
    """Rows for "What each partner contributes": the council first, then every partner, then totals."""
    rows = [
        {
            "party": council_name,
            "annual": money(p.annual_contribution),
            "one_off": "None",
            "in_kind": _in_kind(p.in_kind_description, p.in_kind_value),
            "member": None,
        }
    ]
    rows += [
        {
            "party": member.organisation.name,
            "annual": money(member.annual_contribution),
            "one_off": money(member.one_off_contribution) if member.one_off_contribution is not None else "None",
            "in_kind": _in_kind(member.in_kind_description, member.in_kind_value),
            "member": member,
        }
        for member in members
    ]
    totals = p.contribution_totals(members)
    return rows, {key: money(value) for key, value in totals.items()}
