"""What the Scope screening and Due diligence sheets share: rows keyed on Ref + one of the register's
own questions or checks (kept by administrators), matched by their wording, never created by an import."""

from .. import parsers
from .base import LOOKUP_BATCH, MISSING, SheetImporter


class AnswerSheet(SheetImporter):
    """Subclasses set `model` (the answer), `topic` (the question's field on it), `topics` (the queryset)
    and `noun`, and read their own values in `plan_values`."""

    model = None
    topic = ""
    noun = ""

    def topics(self):
        raise NotImplementedError

    def plan(self, sheet_plan, rows, after_batch=None):
        self.by_wording = {}
        for topic in self.topics().order_by("active", "-pk"):  # the active ones last: they win a tie
            self.by_wording[parsers.normalise_label(str(topic))] = topic
        self.existing, self.answers_read = {}, set()
        return super().plan(sheet_plan, rows, after_batch)

    def plan_batch(self, sheet_plan, rows, seen):
        """Read the saved answers of the partnerships this batch names (in a few queries), then plan it."""
        key_index = sheet_plan.column_index("reference")
        if key_index is not None:
            self.context.load_partnerships(raw.value(key_index) for raw in rows)
        ids = sorted({partnership.pk for partnership in self.context.partnerships.values()} - self.answers_read)
        self.answers_read.update(ids)
        for start in range(0, len(ids), LOOKUP_BATCH):
            for answer in self.model.objects.filter(partnership_id__in=ids[start : start + LOOKUP_BATCH]):
                self.existing[(answer.partnership_id, getattr(answer, f"{self.topic}_id"))] = answer
        return super().plan_batch(sheet_plan, rows, seen)

    def plan_row(self, cells, row):
        reference = self.partnership_reference(cells, row)
        wording = cells.text(self.topic, required=True)
        topic = MISSING
        if wording is not MISSING:
            topic = self.by_wording.get(parsers.normalise_label(wording), MISSING)
            if topic is MISSING:
                known = "; ".join(str(each) for each in self.by_wording.values() if each.active)
                cells.error(self.topic, f"“{wording}” is not one of the register's {self.noun}. Use one of: {known}.")
        row.values = self.plan_values(cells)
        row.key = f"{reference if reference is not MISSING else '?'} {self.noun.rstrip('s')}"
        row.title = str(topic) if topic is not MISSING else ""
        if MISSING in (reference, topic):
            return None
        row.extra.update(reference=reference, topic=topic)
        partnership = self.context.partnerships.get(reference.lower())
        if partnership is not None:
            row.instance = self.existing.get((partnership.pk, topic.pk))
        if row.instance is not None:
            self.compare(row.instance, row.values, self.fields, row)
        return (reference.lower(), topic.pk)

    def plan_values(self, cells):
        raise NotImplementedError

    def new_answer(self, row):
        partnership = self.context.partnership_for(row.extra["reference"])
        return self.model(partnership=partnership, **{self.topic: row.extra["topic"]})

    def apply_row(self, row):
        instance = row.instance or self.new_answer(row)
        self.set_values(instance, row, self.fields)
        self.context.stamp(instance)
        instance.save()
