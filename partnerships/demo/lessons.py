"""Lessons learnt for the demo, written for each partnership rather than copied between them.

A lesson is a kind of experience (an exit nobody planned, data that could not be shared...) with
several ways an officer might put it. `write(key, rng, ...)` picks a wording with the
partnership's own random generator and fills in its own facts: a partner's name, how many months
it cost, how much money. The same partnership always gets the same words (the generator is
seeded from its reference), so seed_demo stays idempotent and its tests stable; two partnerships
with the same kind of lesson read like two officers writing.
"""

import random
from dataclasses import dataclass

from reviews.models import LessonArea as A


@dataclass(frozen=True)
class Lesson:
    area: str
    titles: tuple
    details: tuple  # str.format templates: {partner}, {other}, {months}, {amount}, {share}, {year}
    shareable: bool = True


def rng_for(reference, key):
    """The generator for one lesson of one partnership: the same words on every run."""
    return random.Random(f"lesson {reference} {key}")


def write(key, rng, *, partner="one partner", other="the other partners", year=2024):
    """(title, detail) of lesson `key`, in words chosen by `rng`, with the partnership's facts."""
    lesson = LESSONS[key]
    facts = {
        "partner": partner,
        "other": other,
        "months": rng.choice((3, 4, 5, 6, 8, 9, 11, 14, 18)),
        "amount": f"£{rng.choice((38, 64, 85, 120, 240, 410, 760, 1200)):,}k".replace("£1,200k", "£1.2m"),
        "share": rng.choice(("50:50", "60:40", "70:30")),
        "year": year,
    }
    detail = rng.choice(lesson.details).format(**facts)
    return rng.choice(lesson.titles), detail[:1].upper() + detail[1:]  # "One partner told us..."


LESSONS = {
    "exit_plan": Lesson(
        A.EXIT,
        (
            "Agree the exit plan before you sign, not when you leave",
            "Write down who owns what on day one",
            "An exit costs money: put it in the budget from the start",
        ),
        (
            "Unpicking shared staff, assets and data with {partner} took {months} months because nobody had "
            "written down who owned what. Put an asset register and exit costs in the agreement from day one.",
            "When we gave notice, {partner} and the council each claimed the same equipment and the case records. "
            "It took {months} months and legal advice on both sides to settle. The new agreement has an asset "
            "schedule, reviewed every year.",
            "Winding down cost {amount} that no one had budgeted for, mostly redundancy for seconded staff. "
            "Agree at the start who bears exit costs, and review the figure at each annual review.",
        ),
    ),
    "data_early": Lesson(
        A.DATA,
        (
            "Sign the information sharing agreement before the first case meeting",
            "Start the data protection work during the assessment",
            "Data sharing takes longer than you think",
        ),
        (
            "Meetings stalled for {months} months while partners sought their own legal advice. Start the DPIA "
            "during the assessment so data can flow on launch day.",
            "{partner} could not share case details until its information governance board met, which it does "
            "quarterly. Ask each partner early when its sign-off meetings are.",
            "We launched with the service ready but no data sharing agreement, so for {months} months officers "
            "re-keyed referrals by hand. Treat the DPIA as part of the set-up tasks, not an afterthought.",
        ),
    ),
    "senior_sponsor": Lesson(
        A.GOVERNANCE,
        (
            "Each partner needs a named senior sponsor who can commit money",
            "Send people to the board who can say yes",
            "Delegated authority saves months",
        ),
        (
            "Decisions kept being deferred for {months} months because representatives had to go back to their "
            "organisations. Board membership now requires delegated authority.",
            "Three board meetings in a row ended with {partner} taking a decision away to its own executive. "
            "The terms of reference now ask each member to confirm what they can agree on the day.",
            "A {amount} bid was nearly missed because no one on the board could commit match funding. Each partner "
            "now names a senior sponsor who can, and a deputy.",
        ),
    ),
    "pooled_budget": Lesson(
        A.FINANCE,
        (
            "Model demand before agreeing a risk-share on a pooled budget",
            "Cap the risk-share on a pooled fund",
            "Agree what triggers a recovery plan before you need one",
        ),
        (
            "An uncapped {share} risk-share left the council with its part of an unplanned {amount} overspend. "
            "Cap the risk-share and agree what triggers a recovery plan.",
            "Demand for placements rose faster than anyone modelled and the pool was overspent by {amount} by "
            "month {months}. Test the budget against a bad winter before agreeing the split with {partner}.",
            "We agreed a {share} split with {partner} without modelling demand. The agreement now has a cap, a "
            "monthly finance report and an agreed recovery plan trigger.",
        ),
    ),
    "vcse_payment": Lesson(
        A.FINANCE,
        (
            "Pay voluntary sector partners quarterly in advance",
            "Small charities cannot wait for payment in arrears",
            "Match how you pay to the size of the partner",
        ),
        (
            "Paying in arrears created cash-flow problems for {partner}, which nearly withdrew. "
            "Advance payments with claw-back protect both sides.",
            "{partner} told us it had used its reserves to pay volunteers' expenses while waiting {months} weeks "
            "for our invoice run. We now pay a quarter in advance and reconcile at the year end.",
            "Our standard 30-day terms suited {other}, but not a charity with two staff. Agree a payment profile "
            "with each partner at the start, and check it at each review.",
        ),
    ),
    "trust_time": Lesson(
        A.RELATIONSHIPS,
        (
            "Build in time for partners to get to know each other",
            "A joint induction is worth the half-day",
            "Learn each other's duties before you plan together",
        ),
        (
            "The first {months} months were spent on misunderstandings about each other's duties. A joint "
            "induction session would have saved time.",
            "Staff from {partner} and the council had different ideas of what 'urgent' meant. A half-day "
            "together, walking through real cases, did more than any protocol.",
            "We went straight to the action plan. Progress only came once {partner} and the council had visited "
            "each other's services, {months} months in; build that into the first quarter.",
        ),
    ),
    "community_voice": Lesson(
        A.COMMUNITY,
        (
            "Involve residents in designing the service, not just consulting on it",
            "Co-design beats consultation",
            "Pay residents for their time when they help design a service",
        ),
        (
            "Sessions co-designed with parents and {partner} doubled take-up compared with the pilot designed by "
            "professionals.",
            "Residents recruited by {partner} rewrote the leaflet and moved the sessions to the evening; attendance "
            "rose within {months} months. Budget for vouchers so people can afford to take part.",
            "Our consultation drew the usual few voices. Working with {partner} to run design workshops in "
            "community venues reached people the council had never heard from.",
        ),
    ),
    "procurement_route": Lesson(
        A.PROCUREMENT,
        (
            "Check whether it is really a partnership or a contract",
            "One buyer, one supplier, one price: that is a contract",
            "Ask procurement before you call it a partnership",
        ),
        (
            "The arrangement had one buyer, one supplier and a fixed price: it should have been procured. "
            "Legal advised re-procurement, costing {months} months.",
            "We described our arrangement with {partner} as a partnership, but the council paid {amount} a year "
            "for a defined service. Internal audit found it should have been tendered.",
            "The scope screening questions would have caught this: {partner} shared neither the risk nor the "
            "decisions. Answer them honestly before the assessment, not {months} months later.",
        ),
    ),
    "performance_data": Lesson(
        A.DELIVERY,
        (
            "Agree one set of performance figures",
            "One dashboard, one analyst, no arguments",
            "Agree definitions before you agree targets",
        ),
        (
            "{partner} and the council each reported different numbers to their own boards. A single quarterly "
            "dashboard, owned by one analyst, ended the arguments.",
            "{partner} counted people referred and we counted people seen, so the same quarter showed two "
            "results. Agree the definitions of each measure before agreeing targets.",
            "For {months} months the review meeting spent its time reconciling figures. A shared data schedule "
            "with {other} now fixes the sources and the dates.",
        ),
    ),
    "lep_transition": Lesson(
        A.EXIT,
        (
            "Keep the relationships when a body closes",
            "A closure is a chance to keep what worked",
            "Keep the people when the structure changes",
        ),
        (
            "When the functions came in-house, the board was kept as an advisory group with {partner} on it, so "
            "business leaders stayed engaged.",
            "Members from {partner} nearly walked away when the body was wound up. Inviting them onto the new "
            "advisory group, with the same chair, kept their trust.",
            "We mapped every relationship the old body held, {partner} first, {months} months before it closed, "
            "and wrote to each one about what would change. Nobody found out from the press.",
        ),
    ),
    "tension_partner": Lesson(
        A.RELATIONSHIPS,
        (
            "Difficult conversations with a partner's leadership about performance",
            "Handling a performance dispute at senior level",
        ),
        (
            "Notes on the handling of a performance dispute with {partner}. Kept internal.",
            "How the escalation with {partner}'s leadership was handled in {year}, and what we would do "
            "differently. Not for sharing outside the council.",
        ),
        shareable=False,
    ),
    "short_funding": Lesson(
        A.FINANCE,
        (
            "Short-term grants make it hard to keep good staff",
            "Year-to-year funding costs more than it saves",
            "Ask for multi-year settlements where the rules allow",
        ),
        (
            "Year-to-year funding meant staff at {partner} left each spring. Three-year settlements, where "
            "allowed, give continuity.",
            "{partner} lost two experienced workers while waiting to hear whether funding would continue. "
            "Confirming funding {months} months ahead of the year end would have kept them.",
            "Each annual bid took weeks of officer time for {amount}. A three-year agreement with a light annual "
            "review now frees that time for delivery.",
        ),
    ),
}
