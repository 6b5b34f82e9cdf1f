"""The roles, as Django groups created by a data migration."""

OFFICER = "Officer"
SCRUTINY = "Scrutiny committee"
LEGAL = "Legal"
REGISTER_ADMIN = "Register administrator"
APPROVER = "Approver"

ALL = (OFFICER, SCRUTINY, LEGAL, REGISTER_ADMIN, APPROVER)

DESCRIPTIONS = {
    OFFICER: "Creates partnerships and edits those they lead or that sit in their directorate.",
    SCRUTINY: "Reads everything, changes nothing.",
    LEGAL: "Reads everything; drafts, approves and issues partnership agreements.",
    REGISTER_ADMIN: "Does everything, including bulk import of the Excel toolkit.",
    APPROVER: "Directors and others with delegated authority: approve partnerships they do not lead, "
    "and waive an agreement with a reason.",
}
