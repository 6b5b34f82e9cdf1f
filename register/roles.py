"""The four roles, as Django groups created by a data migration."""

OFFICER = "Officer"
SCRUTINY = "Scrutiny committee"
LEGAL = "Legal"
REGISTER_ADMIN = "Register administrator"

ALL = (OFFICER, SCRUTINY, LEGAL, REGISTER_ADMIN)

DESCRIPTIONS = {
    OFFICER: "Creates partnerships and edits those they lead or that sit in their directorate.",
    SCRUTINY: "Reads everything, changes nothing.",
    LEGAL: "Reads everything; drafts, approves and issues partnership agreements.",
    REGISTER_ADMIN: "Does everything, including bulk import of the Excel toolkit.",
}
