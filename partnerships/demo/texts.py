"""Reusable wording for risks, SMART objectives and reviews, shared by the scenario and bulk rows."""

import random
from dataclasses import dataclass

from register.choices import RiskCategory as C


@dataclass(frozen=True)
class Risk:
    category: str
    description: str
    likelihood: int
    impact: int
    controls: str
    residual_likelihood: int
    residual_impact: int


RISKS = {
    "funding_withdrawal": Risk(
        C.FINANCIAL,
        "A partner withdraws or reduces its funding part-way through the year, leaving the council to cover "
        "the gap or cut the service.",
        3, 4,
        "Funding commitments written into the agreement with 12 months' notice to withdraw; quarterly finance "
        "reports to the board.",
        2, 3,
    ),
    "overspend": Risk(
        C.FINANCIAL,
        "Demand-led spending on hospital discharge and home care exceeds the pooled budget, and the council "
        "carries the overspend under the risk-share.",
        5, 5,
        "Monthly budget monitoring by the joint finance group; risk-share capped at 50:50 in the s75 agreement; "
        "recovery plan triggered at a 2% variance.",
        4, 4,
    ),
    "governance_unclear": Risk(
        C.GOVERNANCE,
        "Decision-making between partners is unclear, so decisions are delayed or taken without proper authority.",
        3, 3,
        "Terms of reference reviewed every year; each partner's scheme of delegation checked by legal.",
        2, 2,
    ),
    "data_sharing": Risk(
        C.DATA_PROTECTION,
        "Personal data is shared between partners without a lawful basis or a data sharing agreement, "
        "breaching UK GDPR.",
        3, 5,
        "Information sharing agreement signed by all partners; DPIA completed; annual check by the council's "
        "Data Protection Officer.",
        2, 4,
    ),
    "key_staff": Risk(
        C.PERSONNEL,
        "Key staff leave and the partnership loses knowledge, relationships and momentum.",
        3, 3,
        "Deputy named for every board role; handover notes kept on the shared site.",
        2, 2,
    ),
    "disengagement": Risk(
        C.TRUST,
        "Partners stop attending or send junior representatives, so the board cannot make decisions.",
        3, 3,
        "Attendance reported to the chair each quarter; chief executives' group escalates persistent absence.",
        2, 3,
    ),
    "reputation": Risk(
        C.TRUST,
        "A partner's conduct or failure damages the council's reputation by association.",
        2, 4,
        "Due diligence before joining; joint communications protocol; right to step back in the agreement.",
        1, 4,
    ),
    "procurement": Risk(
        C.PROCUREMENT,
        "Work passed to a partner without competition is challenged as an unlawful direct award under the "
        "Procurement Act 2023.",
        2, 4,
        "Legal advice obtained on the grant route; decision record explains why no procurement was needed.",
        1, 4,
    ),
    "service_failure": Risk(
        C.SERVICE_DELIVERY,
        "Services delivered through the partnership fall below standard and residents are put at risk.",
        3, 5,
        "Joint quality assurance visits; performance indicators reported monthly; improvement notice process.",
        2, 4,
    ),
    "safeguarding": Risk(
        C.SERVICE_DELIVERY,
        "A serious case is not identified or escalated because agencies do not share concerns in time.",
        3, 5,
        "Multi-agency safeguarding hub with daily triage; escalation protocol; rapid reviews and learning "
        "briefings after serious incidents.",
        2, 5,
    ),
    "flood": Risk(
        C.SERVICE_DELIVERY,
        "A major flood overwhelms the partners' response, damaging homes and businesses in the Calder valley.",
        4, 5,
        "Multi-agency flood plan exercised every year; Section 19 investigations; capital schemes prioritised "
        "by the number of homes protected.",
        3, 5,
    ),
    "legal_basis": Risk(
        C.LEGAL,
        "The legal basis for the arrangement is challenged, for example a delegation of functions outside "
        "the council's powers.",
        2, 4,
        "Legal basis set out in the assessment and confirmed by Legal Services; agreement cites the powers used.",
        1, 3,
    ),
    "culture": Risk(
        C.CULTURE,
        "Different organisational cultures and priorities slow joint working and cause duplicated effort.",
        3, 2,
        "Joint induction for new board members; shared outcomes framework.",
        2, 2,
    ),
    "vcse_capacity": Risk(
        C.SKILLS,
        "The voluntary sector partner does not have the capacity to deliver at the scale agreed.",
        3, 3,
        "Capacity-building grant; realistic volumes agreed each year; infrastructure support from Voluntary "
        "Action Northmoor.",
        2, 3,
    ),
    "systems": Risk(
        C.SERVICE_DELIVERY,
        "The partners' case management systems cannot share information, causing delays and duplicate records.",
        3, 3,
        "Interim secure email process; joint digital project funded for a shared record.",
        3, 2,
    ),
    "bus_withdrawal": Risk(
        C.SERVICE_DELIVERY,
        "An operator withdraws commercial routes at short notice, leaving rural communities without a bus.",
        4, 4,
        "Tendered services budget held in reserve; 56-day notice protocol in the Enhanced Partnership scheme.",
        3, 4,
    ),
    "exit_costs": Risk(
        C.FINANCIAL,
        "The costs of leaving (redundancy, pension strain, contract break fees) are higher than estimated.",
        3, 4,
        "Exit cost model agreed with partners; earmarked reserve of £250,000.",
        2, 4,
    ),
    "cyber": Risk(
        C.DATA_PROTECTION,
        "A cyber attack on shared systems stops services and exposes residents' personal data.",
        3, 5,
        "Cyber Essentials Plus; tested offline backups; joint incident response plan exercised twice a year.",
        2, 5,
    ),
    "subsidy": Risk(
        C.LEGAL,
        "Council funding to the company is challenged as an unlawful subsidy under the Subsidy Control Act 2022.",
        2, 3,
        "Subsidy control assessment on file; funding limited to services of public economic interest.",
        1, 3,
    ),
    "demand": Risk(
        C.SERVICE_DELIVERY,
        "Demand rises faster than the partnership's capacity, creating waiting lists.",
        4, 4,
        "Demand modelling shared quarterly; triage criteria agreed; winter surge plan.",
        4, 4,
    ),
    "grant_misuse": Risk(
        C.GOVERNANCE,
        "Money passed to a partner is misused or not properly accounted for.",
        2, 4,
        "Grant agreement with claw-back clause; quarterly returns; audit rights for Internal Audit.",
        1, 4,
    ),
    "staff_transfer": Risk(
        C.PERSONNEL,
        "TUPE transfer of staff is challenged or morale drops, and experienced staff leave.",
        3, 3,
        "Early consultation with trade unions; staff engagement plan; pension admission agreement.",
        2, 3,
    ),
}  # fmt: skip

# Risk keys that suit each theme, used by generated partnerships.
THEME_RISKS = {
    "health": ("overspend", "data_sharing", "demand", "service_failure", "disengagement"),
    "safety": ("data_sharing", "safeguarding", "disengagement", "funding_withdrawal", "key_staff"),
    "children": ("safeguarding", "data_sharing", "demand", "key_staff", "systems"),
    "economy": ("funding_withdrawal", "subsidy", "reputation", "governance_unclear", "key_staff"),
    "environment": ("flood", "funding_withdrawal", "governance_unclear", "legal_basis", "culture"),
    "transport": ("bus_withdrawal", "funding_withdrawal", "governance_unclear", "reputation", "demand"),
    "corporate": ("cyber", "staff_transfer", "exit_costs", "systems", "governance_unclear"),
    "community": ("vcse_capacity", "grant_misuse", "reputation", "funding_withdrawal", "procurement"),
}


@dataclass(frozen=True)
class ObjectiveText:
    title: str
    measure: str
    target: str


OBJECTIVES = {
    "health": (
        ObjectiveText(
            "Reduce emergency hospital admissions for falls among people aged 65 and over",
            "Emergency admissions for falls per 100,000 people aged 65+ (OHID Fingertips)",
            "Below 1,950 per 100,000",
        ),
        ObjectiveText(
            "Help more older people stay at home after a hospital stay",
            "% of people aged 65+ still at home 91 days after discharge into reablement",
            "85%",
        ),
        ObjectiveText(
            "Cut the number of people in hospital who are medically fit to leave",
            "Average daily patients with no criteria to reside at Northmoor hospitals",
            "45 or fewer",
        ),
        ObjectiveText(
            "Increase the number of people in treatment for drug and alcohol dependency",
            "Adults in structured treatment (NDTMS)",
            "1,900 adults",
        ),
    ),
    "safety": (
        ObjectiveText(
            "Reduce anti-social behaviour in Brackenford and Moorside town centres",
            "ASB incidents reported to Northmoor Constabulary in the two town centres",
            "20% fewer than in 2023/24",
        ),
        ObjectiveText(
            "Get victims of domestic abuse to specialist support sooner",
            "% of high-risk cases contacted by an IDVA within 2 working days",
            "90%",
        ),
        ObjectiveText(
            "Reduce first-time entrants to the youth justice system",
            "First-time entrants per 100,000 young people aged 10 to 17",
            "Below 150 per 100,000",
        ),
    ),
    "children": (
        ObjectiveText(
            "Make decisions on safeguarding referrals within one working day",
            "% of contacts to the front door triaged within 24 hours",
            "95%",
        ),
        ObjectiveText(
            "Support more families through early help before problems escalate",
            "Early help assessments completed each year",
            "2,600 assessments",
        ),
        ObjectiveText(
            "Improve school readiness in the most deprived wards",
            "% of children reaching a good level of development at age 5 in the 10 most deprived wards",
            "65%",
        ),
    ),
    "economy": (
        ObjectiveText(
            "Help unemployed residents into sustained work",
            "Residents supported into a job lasting at least 6 months",
            "450 people a year",
        ),
        ObjectiveText(
            "Increase apprenticeship starts with anchor employers",
            "Apprenticeship starts across partner organisations",
            "160 a year",
        ),
        ObjectiveText(
            "Spend more of the partners' budgets with local businesses",
            "% of partners' third-party spend with Northmoor-based suppliers",
            "40%",
        ),
    ),
    "environment": (
        ObjectiveText(
            "Better protect homes at high risk of flooding",
            "Properties better protected by completed flood schemes",
            "350 properties",
        ),
        ObjectiveText(
            "Increase the household recycling rate",
            "% of household waste sent for reuse, recycling or composting (WasteDataFlow)",
            "55%",
        ),
        ObjectiveText(
            "Create or restore habitat for nature recovery",
            "Hectares of priority habitat created or restored",
            "500 hectares",
        ),
    ),
    "transport": (
        ObjectiveText(
            "Improve bus punctuality", "% of buses departing timing points between 1 minute early and 5 late", "85%"
        ),
        ObjectiveText(
            "Grow bus use across the county", "Passenger journeys a year on local bus services", "11.5 million"
        ),
        ObjectiveText(
            "Make it easier to walk and cycle to school",
            "Schools with a completed school streets or safe routes scheme",
            "40 schools",
        ),
    ),
    "corporate": (
        ObjectiveText(
            "Process new Housing Benefit claims quickly", "Average days to process a new claim", "18 days or fewer"
        ),
        ObjectiveText("Collect council tax due in the year", "In-year council tax collection rate", "97.5%"),
        ObjectiveText(
            "Deliver the savings promised by sharing the service",
            "Annual savings against the 2022/23 baseline",
            "£450,000 a year",
        ),
    ),
    "community": (
        ObjectiveText(
            "Grow the number of active volunteers",
            "Volunteers active in the last three months (Volunteer Centre database)",
            "3,000 volunteers",
        ),
        ObjectiveText(
            "Fund grassroots community groups", "Small grants awarded to community groups", "120 grants a year"
        ),
        ObjectiveText(
            "Widen participation in cultural events",
            "% of festival attendees from the 20% most deprived neighbourhoods",
            "25%",
        ),
    ),
}

REVIEW_SUMMARIES = {
    "green": (
        "The partnership is delivering what it promised. Objectives are on track, partners attend and the "
        "budget is balanced.",
        "Good progress this period: targets met or ahead of profile, and the board took its decisions on time.",
    ),
    "amber": (
        "Mixed progress. Most objectives are on track but one is behind profile and the budget is under pressure.",
        "Delivery is slipping in places. Partners have agreed a recovery plan and will report back next quarter.",
    ),
    "red": (
        "Significant concerns: key targets missed, attendance has fallen and the financial position is uncertain.",
        "The partnership is not delivering. The board has escalated to chief officers and is considering options.",
    ),
}

# Several wordings of each, so reviews across the register do not repeat one another word for word;
# `varied` picks one per partnership and review, the same on every run.
REVIEW_ACTIONS = {
    "green": (
        "Keep current arrangements. Refresh the objectives at the next annual review.",
        "No change needed. Lead officer to share the annual report with partners' boards.",
        "Continue as now; look at whether the targets can be stretched next year.",
        "Keep the current governance. Invite a resident representative to the next partnership board.",
    ),
    "amber": (
        "Recovery plan for the off-track objective; finance lead to report the forecast monthly.",
        "Partners to agree extra capacity for the objective at risk; review again in three months.",
        "Board to receive a short exception report at each meeting until the objectives are back on track.",
        "Refresh the risk register and agree an owner for each action before the next quarter.",
    ),
    "red": (
        "Escalate to the Corporate Leadership Team; commission an options appraisal including exit.",
        "Report to the portfolio holder; agree a formal improvement plan with partners within a month.",
        "Pause new commitments; director to meet partners' chief officers to agree whether to continue.",
    ),
}

PROGRESS_COMMENTS = {
    "achieved": (
        "Target met and evidenced in the quarterly return.",
        "Achieved ahead of the deadline; partners have confirmed the figures.",
        "Met. The evidence is in the partnership board's year-end report.",
    ),
    "on_track": (
        "On profile to meet the target by the deadline.",
        "Progress in line with the plan; no action needed.",
        "Quarterly figures show steady progress towards the target.",
    ),
    "at_risk": (
        "Behind profile; partners agreed extra capacity to catch up.",
        "Slipping: recruitment delays at one partner. A catch-up plan is agreed.",
        "At risk because the data arrived late; the next return will show whether it recovers.",
    ),
    "off_track": (
        "Well behind profile; will not be met without a change of approach.",
        "Not on course. The board has asked for options, including resetting the target.",
        "Off track since the funding cut; partners are reviewing what can still be delivered.",
    ),
}


def varied(options, *seed):
    """One of `options`, chosen by `seed` (a partnership's reference, a review's number...): the same
    on every run, so the demo stays idempotent, and different from one partnership to the next."""
    return random.Random(" ".join(str(part) for part in seed)).choice(options)


HEALTH_CHECK_COMMENTS = (
    "Partners are committed but meetings focus on reports rather than decisions.",
    "Strong shared purpose; information sharing still needs work.",
    "We feel like junior partners: the agenda is set by the council.",
    "Good relationships at officer level; senior attendance is patchy.",
    "",
)


def progress_rating(rag, position, final=False):
    """How an objective was rated at a review, given the review's overall RAG and the objective's position.

    At the last review of a closed partnership the first objective was missed and the rest achieved.
    """
    if final:
        return "off_track" if position == 0 else "achieved"
    pattern = {
        "green": ("on_track", "achieved", "on_track"),
        "amber": ("on_track", "at_risk", "on_track"),
        "red": ("off_track", "at_risk", "off_track"),
    }[rag]
    return pattern[position % 3]
