"""The Reviews sheet: performance reviews, keyed on Ref + review date (+ reviewer).

A "Lessons learnt" cell becomes a LessonLearned linked to the review; it is added once, never
duplicated on a second import.
"""

import datetime

from django.utils import timezone

from register.choices import RAG
from reviews.models import LessonLearned, ObjectivesMet, PerformanceReview, ValueForMoney

from ..plan import Change
from .base import MISSING, SheetImporter, given

FIELDS = (
    "period_start",
    "period_end",
    "objectives_met",
    "rag",
    "value_for_money",
    "vfm_economy",
    "vfm_efficiency",
    "vfm_effectiveness",
    "vfm_equity",
    "summary",
    "actions",
)
VFM_FIELDS = ("value_for_money", "vfm_economy", "vfm_efficiency", "vfm_effectiveness", "vfm_equity")
TITLE_LENGTH = LessonLearned._meta.get_field("title").max_length


class ReviewsSheet(SheetImporter):
    key = "reviews"
    key_fields = ("reference", "review_date", "reviewer_name")

    def __init__(self, context):
        super().__init__(context)
        self.existing = {}
        reviews = PerformanceReview.objects.select_related("partnership", "reviewer").prefetch_related("lessons")
        for review in reviews.order_by("pk"):
            self.existing.setdefault((review.partnership.reference.lower(), review.review_date), []).append(review)

    def plan_row(self, cells, row):
        reference = self.partnership_reference(cells, row)
        review_date = cells.date("review_date", required=True)
        reviewer = cells.text("reviewer_name", PerformanceReview)
        reviewer = "" if reviewer is MISSING else reviewer
        values = {
            "period_start": cells.date("period_start"),
            "period_end": cells.date("period_end"),
            "objectives_met": cells.choice("objectives_met", ObjectivesMet, "answer to “Objectives met?”"),
            "rag": cells.choice("rag", RAG, "RAG rating", required=True),
            **{field: cells.choice(field, ValueForMoney, "value for money rating") for field in VFM_FIELDS},
            "summary": cells.text("summary", required=True),
            "actions": cells.text("actions"),
        }
        lesson = cells.text("lesson")
        start, end = values["period_start"], values["period_end"]
        if start and end and start is not MISSING and end is not MISSING and end < start:
            cells.error("period_end", "The end of the period is before its start.")
        row.values = given(values)
        row.extra.update(reference=reference, review_date=review_date, reviewer=reviewer, lesson=lesson)
        if MISSING in (reference, review_date):
            row.key = f"{reference if reference is not MISSING else '?'} review"
            return None
        row.key = f"{reference} review {review_date:%d/%m/%Y}" + (f" by {reviewer}" if reviewer else "")
        row.instance = self.find(reference, review_date, reviewer)
        if row.instance is not None:
            self.compare(row.instance, row.values, FIELDS, row)
            if lesson not in (MISSING, "") and not has_lesson(row.instance, lesson):
                titles = [item.title for item in row.instance.lessons.all()]
                row.changes.append(Change("lesson", "Lessons learnt", titles, [*titles, lesson]))
        return (reference.lower(), review_date, reviewer.lower())

    def find(self, reference, review_date, reviewer):
        candidates = self.existing.get((reference.lower(), review_date), [])
        for review in candidates:
            if review.reviewer_display.lower() == reviewer.lower():
                return review
        if not reviewer and len(candidates) == 1:
            return candidates[0]
        return None

    def apply_row(self, row):
        instance = row.instance
        if instance is None:
            review_date = row.extra["review_date"]
            instance = PerformanceReview(
                partnership=self.context.partnership_for(row.extra["reference"]),
                review_date=review_date,
                reviewer_name=row.extra["reviewer"],
                completed_at=timezone.make_aware(datetime.datetime.combine(review_date, datetime.time(12))),
            )
        else:
            instance.lock_version += 1
        self.set_values(instance, row, FIELDS)
        self.context.stamp(instance)
        instance.save()
        lesson = row.extra["lesson"]
        if lesson not in (MISSING, "") and (row.instance is None or not has_lesson(instance, lesson)):
            title = lesson if len(lesson) <= TITLE_LENGTH else lesson[: TITLE_LENGTH - 1] + "…"
            entry = LessonLearned(
                partnership=instance.partnership,
                review=instance,
                title=title,
                detail=lesson if title != lesson else "",
                recorded_by=self.context.user,
                recorded_on=instance.review_date,
            )
            self.context.stamp(entry)
            entry.save()


def has_lesson(review, text):
    wanted = text.strip().lower()
    return any(wanted in (item.title.strip().lower(), item.detail.strip().lower()) for item in review.lessons.all())
