"""Wording for assessments and agreements, built from a partnership's own facts.

Used by the curated scenario and by generated partnerships, so every agreement in the demo reads
like one drafted for that partnership rather than placeholder text.
"""

from decimal import Decimal

from agreements.facts import long_date
from register.choices import LegalForm, PartnershipType, ReviewFrequency, Significance

WHY = {
    PartnershipType.STATUTORY: "The law requires the council to take part, and working through one board avoids "
    "each agency duplicating plans, data and reporting.",
    PartnershipType.STRATEGIC_ALLIANCE: "No single organisation holds all the levers: partners bring money, staff "
    "and reach that the council does not have on its own.",
    PartnershipType.COMMUNITY_VCSE: "The voluntary sector partner is trusted by residents the council finds hard to "
    "reach and can draw in grant funding that is not open to councils.",
    PartnershipType.SHARED_SERVICE: "Sharing one service spreads fixed costs, makes small specialist teams "
    "resilient and keeps skills in the county.",
    PartnershipType.CONTRACTUAL: "This is a contract, not a partnership.",
}

ALTERNATIVES = {
    PartnershipType.STATUTORY: "None: the arrangement is required by statute. Options for how to run it (a "
    "combined board with neighbouring areas) were considered and rejected as too remote.",
    PartnershipType.STRATEGIC_ALLIANCE: "Each partner acting alone (duplicated effort, gaps between services); "
    "a jointly owned company (too costly and slow for the benefits expected).",
    PartnershipType.COMMUNITY_VCSE: "Delivering the service in-house (higher cost, weaker community reach); "
    "procuring a contract (the market is small and the work depends on volunteers).",
    PartnershipType.SHARED_SERVICE: "Keeping separate services (higher unit costs, fragile teams); outsourcing "
    "(tested in 2019, no acceptable bids).",
    PartnershipType.CONTRACTUAL: "Not applicable.",
}

SWOT = {
    "strengths": "Shared purpose, established relationships and a track record of joint delivery.",
    "weaknesses": "Different systems and reporting cycles; reliance on a few key people.",
    "opportunities": "New government funding for joint working; shared data to target support.",
    "threats": "Partner budget cuts; changes in national policy; reorganisation of local government.",
}

DECISION_MAKERS = {
    Significance.HIGH: "Cabinet",
    Significance.MEDIUM: "Executive Director under delegated powers",
    Significance.LOW: "Head of Service under delegated powers",
}
# The kind of decision maker (assessments.models.DecisionMaker) for each of the above.
DECISION_BODIES = {Significance.HIGH: "cabinet", Significance.MEDIUM: "director", Significance.LOW: "director"}


def decision_reference(significance, decided_on, number):
    if significance == Significance.HIGH:
        return f"Cabinet minute {number}/{decided_on:%Y}"
    return f"Delegated decision DD-{decided_on:%Y}-{number:03d}"


def closure_evaluation(p, objective_titles):
    """Field values for the ClosureEvaluation of a closed partnership `p`."""
    return {
        "objectives_achieved": "partly",
        "objectives_summary": "; ".join(objective_titles) + ": most targets met; see the final review."
        if objective_titles
        else "See the final performance review.",
        "value_for_money": "adequate",
        "assets": "No assets held by the partnership.",
        "staff": "No staff transferred; seconded officers returned to their own organisations.",
        "data": "Shared case records returned to the council under the data-sharing agreement; partner copies "
        "destroyed and confirmed in writing.",
        "money": f"Final accounts agreed; the council's last contribution of {money(p.annual_contribution)} was "
        "not paid in full and the balance was returned to reserves.",
        "partners_told": "Partners agreed the closure at the final board; residents told through the council's "
        "website and partner newsletters.",
    }


def money(value):
    return "nothing" if not value else f"£{value:,.0f}"


def assessment_text(p, partner_names, risk_descriptions):
    """Field values for a PartnershipAssessment of partnership `p`."""
    legal_form = LegalForm(p.legal_form).label if p.legal_form else "to be decided"
    basis = p.statutory_basis or "General power of competence (Localism Act 2011, s1)"
    in_kind = f" plus {p.in_kind_description.lower()} worth {money(p.in_kind_value)}" if p.in_kind_description else ""
    risks = " ".join(risk_descriptions[:2]) or "No significant risks identified beyond the usual ones."
    return {
        "issue_or_opportunity": p.purpose,
        "why_partnership": WHY[p.partnership_type],
        "alternatives_considered": ALTERNATIVES[p.partnership_type],
        "legal_basis": f"{basis}. Proposed legal form: {legal_form}. Legal Services consulted.",
        "spend_and_inputs": f"Council contribution {money(p.annual_contribution)} a year{in_kind}; external "
        f"funding {money(p.external_funding)}.",
        "management_and_accountability": f"{p.lead_officer_display or 'The lead officer'} represents the council "
        f"and reports to the directorate leadership team; annual report to Cabinet"
        f"{' via ' + p.lead_member if p.lead_member else ''}. Partners: {', '.join(partner_names) or 'to be agreed'}.",
        "risk_sensitivity": f"{Significance(p.significance).label} significance. {risks}",
        "swot_strengths": SWOT["strengths"],
        "swot_weaknesses": SWOT["weaknesses"],
        "swot_opportunities": SWOT["opportunities"],
        "swot_threats": SWOT["threats"],
        "evidence_of_impact": "Similar partnerships in other county areas show better outcomes at lower cost; "
        "local pilot results are in the appendix to the business case.",
        "recommendation": f"That the council enters the {p.name} as a {legal_form.lower()}, with a review after "
        "the first year.",
    }


def agreement_sections(p, partner_names, objective_titles, risk_descriptions):
    """Field values for the twelve sections of a PartnershipAgreement for partnership `p`."""
    parties = "; ".join(["Northmoor County Council", *partner_names])
    frequency = ReviewFrequency(p.review_frequency).phrase
    legal_form = LegalForm(p.legal_form).label if p.legal_form else "An unincorporated partnership"
    ends = f" and ends on {long_date(p.end_date)}" if p.end_date else ""
    starts = f"starts on {long_date(p.start_date)}" if p.start_date else "starts when all parties have signed"
    return {
        "parties": f"This agreement is between: {parties}.",
        # The purpose and the objectives follow from the register: the clause says what the partners commit to.
        "aims_and_outcomes": "The partners share the purpose below and will work towards the objectives set out "
        "below, each with a target, a date and an owner"
        + ("." if objective_titles else ", which the board will agree at its first meeting."),
        "milestones_and_exit": f"The partnership {starts}{ends}. "
        + (p.exit_strategy or "Any partner may leave on six months' written notice, after agreeing an exit plan."),
        "legal_status": f"{legal_form}. "
        + (f"The council takes part under {p.statutory_basis}." if p.statutory_basis else "")
        + " Nothing in this agreement creates a legal partnership or agency between the parties.",
        "risk_management": "The partners keep a joint risk register, reviewed at every board meeting. Main risks: "
        + (" ".join(risk_descriptions[:2]) or "none identified yet."),
        "governance": "A board of one senior representative from each partner, with delegated authority, meets "
        "quarterly. Decisions are by consensus; where consensus fails, by simple majority with the chair's "
        "casting vote.",
        "roles_and_duties": "The council provides the chair and secretariat. Each partner names a lead officer "
        "and a deputy, provides data for the performance report and shares relevant information promptly.",
        "due_diligence": "Each partner keeps its own procurement rules, health and safety duties and insurance "
        "(public liability of at least £5 million). Personal data is shared under the information sharing "
        "agreement in schedule 2, in line with UK GDPR and the Data Protection Act 2018.",
        "financial_accountability": "Each partner makes the contributions set out below. The accountable body reports "
        "spending to the board each quarter and the partners' auditors may "
        "inspect the records.",
        "monitoring_and_reporting": f"Performance against the objectives is reviewed {frequency} and reported to "
        "each partner's governing body once a year.",
        "community_engagement": "The partners consult residents and service users on major changes and publish an "
        "annual summary of progress. Press statements about the partnership are agreed by all partners.",
        "other_terms": "Disputes go first to the board chair, then to the partners' chief executives. This "
        "agreement is governed by the law of England and Wales.",
    }


RESPONSIBILITIES = {
    "lead": "Chairs the board, runs the secretariat and reports progress to the partners.",
    "accountable_body": "Holds the partnership's money, keeps its accounts and reports spending to the board.",
    "funder": "Provides funding and takes part in decisions on how it is spent.",
    "delivery": "Delivers the agreed services to the agreed standard and reports performance each quarter.",
    "member": "Takes part in the board, shares relevant data and carries out the tasks it agrees to.",
    "observer": "Attends the board to advise; takes no part in decisions.",
}


def partner_contribution(p, role, contact, index):
    """Field values for a partner's contribution: a share of the council's, by role, in round pounds."""
    base = p.annual_contribution or Decimal(0)
    share = {"funder": Decimal("0.8"), "accountable_body": Decimal("0.5"), "lead": Decimal("0.4")}.get(
        role, Decimal("0.2") if index % 2 == 0 else Decimal(0)
    )
    annual = (base * share).quantize(Decimal(1000)) if base and share else None
    return {
        "annual_contribution": annual,
        "one_off_contribution": Decimal(5000) if role == "funder" else None,
        "in_kind_description": "Staff time and meeting rooms" if role != "observer" else "",
        "in_kind_value": Decimal(2500 + 500 * index) if role != "observer" else None,
        "responsibilities": RESPONSIBILITIES.get(role, RESPONSIBILITIES["member"]),
        "signatory_name": contact or "",
        "signatory_title": "Authorised signatory" if contact else "",
    }
