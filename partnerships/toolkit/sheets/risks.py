"""The Risks sheet: a partnership's risk register, keyed on the partnership's Ref and the Risk ID.

The score columns are formulas in the toolkit; the register works scores out itself, so they are
recognised and ignored.
"""

from register.choices import RiskCategory, RiskStatus
from register.models import RiskEntry

from .base import MISSING, SheetImporter, given

FIELDS = (
    "description",
    "category",
    "owner",
    "likelihood",
    "impact",
    "controls",
    "residual_likelihood",
    "residual_impact",
    "review_date",
    "status",
    "corporate_risk_ref",
)


class RisksSheet(SheetImporter):
    key = "risks"
    key_fields = ("reference", "risk_id")

    def __init__(self, context):
        super().__init__(context)
        self.existing = {
            (risk.partnership.reference.lower(), risk.risk_id.lower()): risk
            for risk in RiskEntry.objects.select_related("partnership")
        }

    def plan_row(self, cells, row):
        reference = self.partnership_reference(cells, row)
        risk_id = cells.text("risk_id", RiskEntry, required=True)
        row.key = f"{reference if reference is not MISSING else '?'} {risk_id if risk_id is not MISSING else '?'}"
        values = {
            "description": cells.text("description", required=True),
            "category": cells.choice("category", RiskCategory, "risk category", required=True),
            "owner": cells.text("owner", RiskEntry, required=True),
            "likelihood": cells.number("likelihood", 1, 5, required=True),
            "impact": cells.number("impact", 1, 5, required=True),
            "controls": cells.text("controls"),
            "residual_likelihood": cells.number("residual_likelihood", 1, 5),
            "residual_impact": cells.number("residual_impact", 1, 5),
            "review_date": cells.date("review_date"),
            "status": cells.choice("status", RiskStatus, "risk status") or MISSING,
            "corporate_risk_ref": cells.text("corporate_risk_ref", RiskEntry),
        }
        row.values = given(values)
        row.title = values["description"] if values["description"] is not MISSING else ""
        if MISSING in (reference, risk_id):
            return None
        identity = (reference.lower(), risk_id.lower())
        row.instance = self.existing.get(identity)
        row.extra["reference"] = reference
        row.extra["risk_id"] = risk_id
        if row.instance is not None:
            self.compare(row.instance, row.values, FIELDS, row)
        return identity

    def apply_row(self, row):
        instance = row.instance or RiskEntry(
            partnership=self.context.partnership_for(row.extra["reference"]), risk_id=row.extra["risk_id"]
        )
        self.set_values(instance, row, FIELDS)
        if row.instance is not None:
            instance.lock_version += 1
        self.context.stamp(instance)
        instance.save()
