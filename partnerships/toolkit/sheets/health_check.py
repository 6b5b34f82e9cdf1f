"""The Health check sheet: one respondent per row, one 1-4 score per principle (P1 to P6).

The toolkit records a score for each whole principle, so each becomes a HealthCheckScore with no
statement. Keyed on Ref + date completed + completed by.
"""

from assessments.models import HealthCheckResponse, HealthCheckScore, HealthPrinciple
from register.models import Organisation

from ..headers import PRINCIPLES
from ..plan import Change
from .base import MISSING, SheetImporter, given

SCORE_FIELDS = tuple(f"principle_{number}" for number in PRINCIPLES)


def principle_score(response, number):
    """The score for a whole principle: as recorded, or the rounded mean of its statement scores."""
    whole = [s.score for s in response.scores.all() if s.principle.number == number and s.statement_id is None]
    if whole:
        return whole[0]
    answers = [s.score for s in response.scores.all() if s.principle.number == number]
    return round(sum(answers) / len(answers)) if answers else None


class HealthCheckSheet(SheetImporter):
    key = "health_check"
    key_fields = ("reference", "completed_on", "respondent_name")

    def __init__(self, context):
        super().__init__(context)
        self.principles = {principle.number: principle for principle in HealthPrinciple.objects.all()}
        responses = HealthCheckResponse.objects.select_related("partnership", "organisation").prefetch_related(
            "scores__principle"
        )
        self.existing = {}
        for response in responses.order_by("pk"):
            key = (response.partnership.reference.lower(), response.completed_on, response.respondent_name.lower())
            self.existing.setdefault(key, response)

    def plan_row(self, cells, row):
        reference = self.partnership_reference(cells, row)
        completed_on = cells.date("completed_on", required=True)
        respondent = cells.text("respondent_name", HealthCheckResponse, required=True)
        organisation = cells.text("organisation", max_length=Organisation._meta.get_field("name").max_length)
        values = {"comments": cells.text("comments")}
        scores = {}
        for number in PRINCIPLES:
            field = f"principle_{number}"
            score = cells.number(field, 1, 4)
            if score is not MISSING and number not in self.principles:
                cells.error(field, f"Principle {number} is not set up in the register.")
            elif score not in (MISSING, None):
                scores[number] = score
        row.values = given(values)
        row.extra.update(reference=reference, completed_on=completed_on, respondent=respondent)
        row.extra.update(organisation=organisation, scores=scores)
        if MISSING in (reference, completed_on, respondent):
            row.key = f"{reference if reference is not MISSING else '?'} health check"
            return None
        row.key = f"{reference} health check {completed_on:%d/%m/%Y} by {respondent}"
        identity = (reference.lower(), completed_on, respondent.lower())
        row.instance = self.existing.get(identity)
        if row.instance is not None:
            self.compare(row.instance, row.values, ["comments"], row)
            old_organisation = row.instance.organisation.name if row.instance.organisation else ""
            if organisation is not MISSING and old_organisation.lower() != organisation.lower():
                row.changes.append(Change("organisation", "Organisation", old_organisation, organisation))
            for number, score in scores.items():
                old = principle_score(row.instance, number)
                if old != score:
                    row.changes.append(Change(f"principle_{number}", f"P{number} score", old, score))
        return identity

    def apply_row(self, row):
        extra = row.extra
        instance = row.instance or HealthCheckResponse(
            partnership=self.context.partnership_for(extra["reference"]),
            completed_on=extra["completed_on"],
            respondent_name=extra["respondent"],
            entered_by=self.context.user,
        )
        changed = {change.field for change in row.changes}
        self.set_values(instance, row, ["comments"])
        if extra["organisation"] is not MISSING and (row.instance is None or "organisation" in changed):
            name = extra["organisation"]
            instance.organisation = Organisation.objects.get_or_create_by_name(name)[0] if name else None
        self.context.stamp(instance)
        instance.save()
        for number, score in extra["scores"].items():
            if row.instance is None or f"principle_{number}" in changed:
                HealthCheckScore.objects.update_or_create(
                    response=instance, principle=self.principles[number], statement=None, defaults={"score": score}
                )
