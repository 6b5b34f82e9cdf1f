"""What several browser tests fill in."""

CHECKLIST = {
    "The issue or opportunity": "Cold homes harm health and cost the NHS.",
    "Why a partnership is the best route": "Partners hold the funding and the installers.",
    "Alternatives considered": "A council-run scheme; a single contract. Neither reaches private tenants.",
    "Legal basis": "Climate Change Act 2008; wellbeing power",
    "Cost: spend and other inputs": "£40,000 a year and 0.5 FTE",
    "Management and accountability": "Board of partners reports to Cabinet yearly",
    "Risk sensitivity": "Medium: installer capacity",
    "SWOT: strengths": "Trusted advice service",
    "SWOT: weaknesses": "Few installers",
    "SWOT: opportunities": "Government grants",
    "SWOT: threats": "Grant schemes closing",
    "Evidence of impact": "Pilot: 120 homes insulated, bills down 20%",
    "Recommendation": "Enter the partnership for three years.",
}


def fill_date(page, name, day):
    page.locator(f"#id_{name}_0").fill(str(day.day))
    page.locator(f"#id_{name}_1").fill(str(day.month))
    page.locator(f"#id_{name}_2").fill(str(day.year))


def fill_checklist(page):
    """The whole assessment: each field by its label, which says "(optional)" where the form allows a blank."""
    for label, text in CHECKLIST.items():
        required, optional = page.get_by_label(label, exact=True), page.get_by_label(f"{label} (optional)", exact=True)
        required.or_(optional).fill(text)
