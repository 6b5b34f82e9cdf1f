"""The facts an agreement takes from the register, so nobody retypes them.

`register_facts(partnership)` returns plain, JSON-ready values already worded for the agreement
(money as "£12,500", dates as "1 April 2026"). An approved version keeps a copy, so it always
shows the facts it was approved on even after the register moves on.
"""

from decimal import Decimal

from django.conf import settings
from django.utils.dateformat import format as format_date

from register.choices import LegalForm, RiskStatus

# Legal forms whose agreement is a memorandum of understanding, which binds nobody.
NOT_BINDING = {LegalForm.MOU, LegalForm.FORUM, ""}


def money(value):
    """£12,500 for whole pounds, £12,500.50 otherwise; "" when not recorded."""
    if value is None:
        return ""
    value = Decimal(value)
    return f"£{value:,.0f}" if value == value.to_integral_value() else f"£{value:,.2f}"


def long_date(value):
    return format_date(value, "j F Y") if value else ""


def is_binding(legal_form):
    return legal_form not in NOT_BINDING


def document_kind(legal_form):
    return "Partnership agreement" if is_binding(legal_form) else "Memorandum of understanding"


def legal_status_statement(partnership):
    """The sentence that says whether the document binds the partners, from the partnership's legal form."""
    if not is_binding(partnership.legal_form):
        return (
            "This memorandum of understanding is not legally binding. It records what the partners intend "
            "and how they will work together; it does not create a contract or any legal obligation between "
            "them, and no partner may enforce it against another in any court."
        )
    return (
        f"This agreement is legally binding on the partners. The partnership's legal form is: "
        f"{partnership.get_legal_form_display().lower()}."
    )


def _risk(risk):
    return {
        "risk_id": risk.risk_id,
        "description": risk.description,
        "category": risk.get_category_display(),
        "owner": risk.owner,
        "likelihood": risk.likelihood,
        "impact": risk.impact,
        "inherent": risk.inherent,
        "inherent_band": risk.inherent_band.label if risk.inherent_band else "",
        "residual": risk.residual,
        "residual_band": risk.residual_band.label if risk.residual_band else "",
        "controls": risk.controls,
    }


def _in_kind(description, value):
    if value is None:
        return description
    return f"{money(value)} ({description})" if description else money(value)


def party_contributions(partnership, members):
    """The council's and each partner's contribution, role and responsibilities, worded for the agreement."""
    council = {
        "party": settings.COUNCIL_NAME,
        "role": partnership.get_council_role_display(),
        "annual": money(partnership.annual_contribution),
        "one_off": "",
        "in_kind": _in_kind(partnership.in_kind_description, partnership.in_kind_value),
        "responsibilities": "",
        "signatory": "",
    }
    partners = [
        {
            "party": member.organisation.name,
            "role": member.get_role_display(),
            "annual": money(member.annual_contribution),
            "one_off": money(member.one_off_contribution),
            "in_kind": _in_kind(member.in_kind_description, member.in_kind_value),
            "responsibilities": member.responsibilities,
            "signatory": ", ".join(filter(None, (member.signatory_name, member.signatory_title))),
        }
        for member in members
    ]
    return [council, *partners]


def register_facts(partnership):
    """Everything the agreement quotes from the register, in four queries."""
    members = list(partnership.memberships.select_related("organisation"))
    risks = partnership.risks.filter(status=RiskStatus.OPEN).order_by("id")
    objectives = getattr(partnership, "objectives", None)  # added by the reviews app, when installed
    contributions = [
        ("Annual council contribution", money(partnership.annual_contribution)),
        ("In-kind contribution", partnership.in_kind_description),
        ("In-kind contribution value", money(partnership.in_kind_value)),
        ("External funding levered", money(partnership.external_funding)),
        ("Income to the council", money(partnership.income_to_council)),
    ]
    return {
        "reference": partnership.reference,
        "name": partnership.name,
        "purpose": partnership.purpose,
        "council_name": settings.COUNCIL_NAME,
        "council_role": partnership.get_council_role_display(),
        "partnership_type": partnership.get_partnership_type_display(),
        "legal_form": partnership.get_legal_form_display(),
        "document_kind": document_kind(partnership.legal_form),
        "legally_binding": is_binding(partnership.legal_form),
        "legal_status_statement": legal_status_statement(partnership),
        "statutory_basis": partnership.statutory_basis,
        "directorate": str(partnership.directorate or ""),
        "lead_officer": partnership.lead_officer_display,
        "lead_officer_email": (partnership.lead_officer.email if partnership.lead_officer else "")
        or partnership.lead_officer_email,
        "lead_member": partnership.lead_member,
        "start_date": long_date(partnership.start_date),
        "end_date": long_date(partnership.end_date),
        "review_frequency": partnership.get_review_frequency_display(),
        "next_review_due": long_date(partnership.next_review_due),
        "exit_strategy": partnership.exit_strategy,
        "partners": [
            {
                "organisation_id": member.organisation_id,
                "name": member.organisation.name,
                "sector": member.organisation.get_sector_display(),
                "role": member.get_role_display(),
                "contact": member.contact_name,
                "email": member.contact_email,
            }
            for member in members
        ],
        "contributions": [[label, value] for label, value in contributions if value],
        "party_contributions": party_contributions(partnership, members),
        "contribution_totals": {key: money(value) for key, value in partnership.contribution_totals(members).items()},
        "other_money": [
            [label, value]
            for label, value in (
                ("External funding levered", money(partnership.external_funding)),
                ("Income to the council", money(partnership.income_to_council)),
            )
            if value
        ],
        "risks": [_risk(risk) for risk in risks],
        "objectives": [
            {
                "title": objective.title,
                "measure": objective.measure,
                "target": objective.target,
                "deadline": long_date(objective.deadline),
                "owner": objective.owner,
            }
            for objective in (objectives.all() if objectives is not None else [])
        ],
    }


def facts_for(agreement):
    """The facts as approved for an issued version; the register's current facts for a draft."""
    if agreement.is_issued and agreement.register_facts:
        return agreement.register_facts
    return register_facts(agreement.partnership)
