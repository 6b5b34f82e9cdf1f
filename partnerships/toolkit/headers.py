"""Recognising the toolkit's sheets and column headers, however a council has typed them.

Headers are compared after normalising: lower case, "&" read as "and", anything in brackets and
all punctuation dropped, spaces collapsed. So "LEAD  OFFICER", "Lead officer:" and
"Lead Officer (name)" are all the same header.

The alias lists below are the documentation of what each column may be called. The first name in
each list is the one the export writes. To teach the import a new spelling, add it here.
"""

import re
from dataclasses import dataclass

from .parsers import normalise_label

# sheet key: (name the export writes, other names the sheet may have)
SHEETS = {
    "register": ("Register", ["Partnerships", "Partnership register", "Register of partnerships", "Partnership list"]),
    "risks": ("Risks", ["Risk register", "Risk log", "Partnership risks", "Risk"]),
    "reviews": ("Reviews", ["Performance reviews", "Review log", "Review"]),
    "health_check": ("Health check", ["Health checks", "Healthcheck", "Partnership health check"]),
    "partners": ("Partners", ["Partner contributions", "Contributions", "Partners and contributions"]),
    "scope_screening": ("Scope screening", ["Scope", "Screening", "Scope questions"]),
    "due_diligence": ("Due diligence", ["Due diligence checks", "Checks"]),
}

COLUMNS = {
    "register": {
        "reference": ["Ref", "Reference", "Ref no", "Ref number", "Partnership ref", "Partnership reference", "ID"],
        "name": ["Partnership name", "Name", "Partnership", "Title", "Partnership title"],
        "purpose": ["Purpose / description", "Purpose", "Description", "Aims", "Purpose and aims"],
        "partnership_type": ["Partnership type", "Type", "Type of partnership", "Category"],
        "out_of_scope_reason": ["Reason out of scope", "Out of scope reason", "Why out of scope"],
        "statutory_basis": ["Statutory basis", "Statutory duty", "Legislation", "Legal basis"],
        "legal_form": ["Legal form", "Legal status", "Governance form", "Legal structure", "Form"],
        "partners": [
            "Partner organisations",
            "Partners",
            "Partner bodies",
            "Other partners",
            "Partner organisation",
            "Organisations",
        ],
        "directorate": ["Lead directorate", "Directorate", "Department", "Service area", "Lead department"],
        "lead_officer_name": ["Lead officer", "Lead officer name", "Officer", "Council lead", "Lead contact"],
        "lead_officer_email": ["Lead officer email", "Lead officer e-mail", "Officer email", "Email", "E-mail"],
        "lead_member": ["Lead member", "Lead councillor", "Portfolio holder", "Cabinet member", "Member lead"],
        "council_role": ["Council role", "Council's role", "Role of council", "Role of the council", "Our role"],
        "annual_contribution": [
            "Annual council contribution (£)",
            "Annual contribution",
            "Council contribution",
            "Annual council contribution",
            "Contribution",
            "Annual cost",
        ],
        "in_kind_description": ["In-kind contribution", "In kind", "In-kind", "In-kind support"],
        "in_kind_value": ["In-kind contribution value (£)", "In-kind value", "Value of in-kind contribution"],
        "external_funding": ["External funding levered (£)", "External funding", "Funding levered", "Leverage"],
        "income_to_council": ["Income to council (£)", "Income", "Income to the council"],
        "start_date": ["Start date", "Start", "Date started", "Commenced"],
        "end_date": ["End date", "End", "Expiry date", "Date ended"],
        "status": ["Status", "Partnership status", "Current status"],
        "significance": ["Significance", "Significance rating", "Importance"],
        "assessment_completed": [
            "Assessment completed?",
            "Assessment completed",
            "Assessment done",
            "Assessed",
            "Partnership assessment completed",
        ],
        "agreement_in_place": ["Agreement in place?", "Agreement in place", "Agreement", "Signed agreement"],
        "on_risk_register": ["On risk register?", "On risk register", "Risk register", "Risks recorded"],
        "last_review": ["Last review", "Last review date", "Date of last review", "Last reviewed"],
        "next_review_due": ["Next review due", "Next review", "Next review date", "Review due"],
        "review_frequency": ["Review frequency", "Frequency of review", "Frequency", "Review cycle"],
        "rag": ["Overall RAG", "RAG", "RAG status", "RAG rating", "Overall rating"],
        "assurance": ["Assurance rating", "Assurance", "Assurance level"],
        "exit_strategy": ["Exit strategy", "Exit plan", "Exit arrangements"],
        "notes": ["Notes", "Comments", "Remarks", "Other information"],
        "priorities": ["Corporate priorities", "Corporate priority", "Council priorities", "Priorities"],
        "serious_if_failed": [
            "Serious harm if it failed?",
            "Serious if failed",
            "Would failure seriously harm services or the council's reputation?",
            "Serious harm if failed",
        ],
        "significance_override_reason": [
            "Significance override reason",
            "Why significance is overridden",
            "Override reason",
        ],
    },
    "risks": {
        "reference": ["Partnership ref", "Ref", "Reference", "Partnership reference", "Partnership"],
        "risk_id": ["Risk ID", "Risk ref", "Risk reference", "Risk no", "Risk number", "ID"],
        "description": ["Risk description", "Description", "Risk", "Risk title"],
        "category": ["Category", "Risk category", "Risk type", "Type"],
        "owner": ["Risk owner", "Owner", "Responsible officer"],
        "likelihood": ["Likelihood (1-5)", "Likelihood", "Inherent likelihood", "Probability"],
        "impact": ["Impact (1-5)", "Impact", "Inherent impact", "Severity"],
        "controls": ["Controls / mitigations", "Controls", "Mitigations", "Mitigation", "Controls and mitigations"],
        "residual_likelihood": ["Residual likelihood", "Residual likelihood (1-5)", "Likelihood after controls"],
        "residual_impact": ["Residual impact", "Residual impact (1-5)", "Impact after controls"],
        "review_date": ["Risk review date", "Review date", "Next review", "Date of review"],
        "status": ["Risk status", "Status", "Open / closed"],
        "corporate_risk_ref": ["Corporate risk register reference", "Corporate risk ref", "Corporate risk register"],
    },
    "reviews": {
        "reference": ["Partnership ref", "Ref", "Reference", "Partnership reference", "Partnership"],
        "review_date": ["Review date", "Date of review", "Date reviewed", "Date"],
        "reviewer_name": ["Reviewed by", "Reviewer", "Review officer", "Officer"],
        "period_start": ["Period from", "Period start", "From"],
        "period_end": ["Period to", "Period end", "To"],
        "objectives_met": ["Objectives met?", "Objectives met", "Objectives achieved"],
        "rag": ["RAG", "RAG status", "RAG rating", "Overall RAG"],
        "value_for_money": ["Value for money", "VFM", "Value for money overall", "Overall value for money"],
        "vfm_economy": ["Economy", "VFM economy"],
        "vfm_efficiency": ["Efficiency", "VFM efficiency"],
        "vfm_effectiveness": ["Effectiveness", "VFM effectiveness"],
        "vfm_equity": ["Equity", "VFM equity"],
        "summary": ["Summary of performance", "Summary", "Performance summary", "Performance"],
        "actions": ["Actions agreed", "Actions", "Agreed actions", "Next steps"],
        "lesson": ["Lessons learnt", "Lessons learned", "Lesson learnt", "Lesson learned", "Lessons"],
    },
    "health_check": {
        "reference": ["Partnership ref", "Ref", "Reference", "Partnership reference", "Partnership"],
        "completed_on": ["Date completed", "Date", "Completed on", "Date of health check"],
        "respondent_name": ["Completed by", "Respondent", "Name", "Completed by (name)"],
        "organisation": ["Organisation", "Partner organisation", "Answering for", "On behalf of"],
        "comments": ["Comments", "Notes", "Comment"],
        # principle_1 ... principle_6 are matched by the pattern below ("P1 ...", "Principle 1").
    },
    # One row per partner of a partnership: what it brings, and its place in the agreement.
    "partners": {
        "reference": ["Partnership ref", "Ref", "Reference", "Partnership reference", "Partnership"],
        "organisation": ["Partner organisation", "Partner", "Organisation", "Partner name"],
        "role": ["Role", "Partner role", "Role in the partnership"],
        "annual_contribution": ["Annual contribution (£)", "Annual contribution", "Annual money"],
        "one_off_contribution": ["One-off contribution (£)", "One-off contribution", "One-off money", "One-off"],
        "in_kind_description": ["In-kind contribution", "In kind", "In-kind", "In-kind support"],
        "in_kind_value": ["In-kind contribution value (£)", "In-kind value", "Value of in-kind contribution"],
        "responsibilities": ["Responsibilities", "Responsible for", "What it delivers"],
        "signatory_name": ["Signatory", "Signatory name", "Signs for the partner"],
        "signatory_title": ["Signatory's job title", "Signatory job title", "Signatory title"],
    },
    # One row per partnership and screening question (the questions are the register's own).
    "scope_screening": {
        "reference": ["Partnership ref", "Ref", "Reference", "Partnership reference", "Partnership"],
        "question": ["Question", "Screening question", "Scope question"],
        "answer": ["Answer", "Yes or no", "Answered"],
    },
    # One row per partnership and due diligence check (the checks are the register's own).
    "due_diligence": {
        "reference": ["Partnership ref", "Ref", "Reference", "Partnership reference", "Partnership"],
        "item": ["Check", "Due diligence check", "Item", "Due diligence item"],
        "status": ["Status", "Check status", "Done?"],
        "checked_on": ["Date", "Date checked", "Checked on", "Date done"],
        "checked_by": ["Checked by", "Checked by (email)", "Who checked", "Officer"],
        "note": ["Note", "Notes", "Comments", "Why not needed"],
    },
}

# Columns that are recognised but never imported: the register works them out itself.
CALCULATED = {
    "register": ["Totals", "Scored significance"],
    "risks": ["Inherent score", "Residual score", "Inherent rating", "Residual rating", "Score", "Risk score"],
    "reviews": [],
    "health_check": ["Average", "Average score", "Overall score", "Total"],
    "partners": [],
    "scope_screening": ["Result", "Screening result"],
    "due_diligence": [],
}
# Columns the import adds to a rejected-rows workbook; ignored when that workbook comes back.
ANY_SHEET_IGNORED = ["Error", "Errors", "Excel row", "Original row"]

PRINCIPLES = range(1, 7)
PRINCIPLE_PATTERN = re.compile(r"^(?:p|principle)\s?([1-6])(?:\s|$)")


def normalise_header(text):
    """Header text as compared: brackets, case, punctuation and extra spaces do not matter."""
    return normalise_label(re.sub(r"\(.*?\)", " ", str(text or "")))


def _index(names):
    return {normalise_header(name): name for name in names}


_SHEET_INDEX = {normalise_header(name): key for key, (title, others) in SHEETS.items() for name in [title, *others]}
_COLUMN_INDEX = {
    sheet: {normalise_header(alias): field for field, aliases in columns.items() for alias in aliases}
    for sheet, columns in COLUMNS.items()
}
_IGNORED_INDEX = {sheet: _index([*names, *ANY_SHEET_IGNORED]) for sheet, names in CALCULATED.items()}


def sheet_key(title):
    """The toolkit sheet a worksheet title stands for ("register", "risks"...), or None."""
    return _SHEET_INDEX.get(normalise_header(title))


def sheet_title(key):
    return SHEETS[key][0]


def export_header(sheet, field):
    if field.startswith("principle_"):
        return f"P{field.removeprefix('principle_')}"
    return COLUMNS[sheet][field][0]


def match_header(sheet, text):
    """The field a header stands for; "" for a calculated column that is ignored; None if unknown."""
    normalised = normalise_header(text)
    if not normalised:
        return None
    if sheet == "health_check" and (match := PRINCIPLE_PATTERN.match(normalised)):
        return f"principle_{match.group(1)}"
    if normalised in _COLUMN_INDEX[sheet]:
        return _COLUMN_INDEX[sheet][normalised]
    if normalised in _IGNORED_INDEX[sheet]:
        return ""
    return None


def field_choices(sheet):
    """(field, label) pairs a user may map an unrecognised column to."""
    choices = [(field, aliases[0]) for field, aliases in COLUMNS[sheet].items()]
    if sheet == "health_check":
        choices += [(f"principle_{n}", f"Principle {n} score") for n in PRINCIPLES]
    return choices


@dataclass
class HeaderRow:
    """Where the header is, and which column holds which field."""

    row: int
    fields: dict  # column index (0-based) -> field
    headers: list  # header text per column index, as typed
    unknown: list  # [(column index, header text)] not recognised and not mapped
    duplicates: list  # [(column index, header text, field)] a second column for a field already taken
    mapped: list  # [(column index, header text)] matched by the user's choice rather than by name

    def column_letter(self, index):
        from openpyxl.utils import get_column_letter

        return get_column_letter(index + 1)


def read_header(sheet, row_number, cells, mapping=None):
    """Match one row of header cells. `mapping` is {normalised header: field or "" to ignore}."""
    mapping = mapping or {}
    fields, unknown, duplicates, mapped = {}, [], [], []
    headers = ["" if value is None else str(value).strip() for value in cells]
    taken = set()
    for index, text in enumerate(headers):
        if not text:
            continue
        normalised = normalise_header(text)
        if normalised in mapping:
            field = mapping[normalised]
            mapped.append((index, text))
        else:
            field = match_header(sheet, text)
        if field is None:
            unknown.append((index, text))
        elif field == "":
            continue
        elif field in taken:
            duplicates.append((index, text, field))
        else:
            taken.add(field)
            fields[index] = field
    return HeaderRow(
        row=row_number, fields=fields, headers=headers, unknown=unknown, duplicates=duplicates, mapped=mapped
    )


def score_header(sheet, cells):
    """How many cells of a row look like this sheet's headers (used to find the header row)."""
    return sum(1 for value in cells if isinstance(value, str) and match_header(sheet, value))


def combine_header_rows(sheet, upper, lower):
    """One header row from a two-row header: per column, the lower cell, or it read with the group
    heading above it ("Last" under "Review" is "Last review"), or the upper cell where the lower is blank."""
    width = max(len(upper), len(lower))
    combined, group = [], ""
    for index in range(width):
        top = str(upper[index]).strip() if index < len(upper) and upper[index] is not None else ""
        # A group heading spans the blank cells to its right (merged, where the file says so).
        group = top or (group if index < len(lower) and lower[index] is not None else "")
        top = top or group
        bottom = str(lower[index]).strip() if index < len(lower) and lower[index] is not None else ""
        if not bottom:
            combined.append(top or None)
            continue
        readings = [bottom, f"{bottom} {top}", f"{top} {bottom}"] if top else [bottom]
        combined.append(next((text for text in readings if match_header(sheet, text)), bottom))
    return combined
