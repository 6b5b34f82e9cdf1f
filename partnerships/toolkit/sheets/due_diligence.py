"""The Due diligence sheet: each of the register's checks for a partnership, done, not needed or
outstanding, when and by whom."""

from register.models import DueDiligenceCheck, DueDiligenceItem
from register.models.due_diligence import CheckStatus

from ..plan import Change
from .answers import AnswerSheet
from .base import MISSING, given

FIELDS = ("status", "checked_on", "note")


class DueDiligenceSheet(AnswerSheet):
    key = "due_diligence"
    key_fields = ("reference", "item")
    model = DueDiligenceCheck
    topic = "item"
    noun = "due diligence checks"
    fields = FIELDS

    def topics(self):
        return DueDiligenceItem.objects.all()

    def plan_values(self, cells):
        status = cells.choice("status", CheckStatus, "due diligence status")
        values = {
            "status": status or MISSING,  # blank: as it is, or outstanding for a new check
            "checked_on": cells.date("checked_on"),
            "note": cells.text("note"),
        }
        who = cells.text("checked_by", max_length=254)
        if who not in (MISSING, ""):
            user = self.context.user_named(who)
            if user is None:
                cells.error(
                    "checked_by",
                    f"No one with the email or name “{who}” can sign in to the register. "
                    "Enter a register user's email, or leave it blank.",
                )
                who = MISSING
            else:
                who = user
        values["checked_by"] = None if who == "" else who
        return given(values)

    def plan_row(self, cells, row):
        identity = super().plan_row(cells, row)
        if row.instance is not None and "checked_by" in row.values:
            old, new = row.instance.checked_by, row.values["checked_by"]
            if old != new:
                row.changes.append(Change("checked_by", "Checked by", old, new))
        return identity

    def apply_row(self, row):
        instance = row.instance or self.new_answer(row)
        self.set_values(instance, row, (*FIELDS, "checked_by"))
        self.context.stamp(instance)
        instance.save()
