"""django-import-export resources for performance reviews and lessons learnt (admin import/export)."""

from import_export import fields, resources, widgets

from register.models import Partnership

from .models import LessonLearned, PerformanceReview


def partnership_field():
    return fields.Field(
        attribute="partnership", column_name="partnership", widget=widgets.ForeignKeyWidget(Partnership, "reference")
    )


class PerformanceReviewResource(resources.ModelResource):
    partnership = partnership_field()

    class Meta:
        model = PerformanceReview
        import_id_fields = ("partnership", "review_date", "reviewer_name")
        exclude = ("id", "lock_version", "created_at", "updated_at", "reviewer")
        skip_unchanged = True
        report_skipped = True


class LessonLearnedResource(resources.ModelResource):
    partnership = partnership_field()

    class Meta:
        model = LessonLearned
        import_id_fields = ("partnership", "title")
        exclude = ("id", "created_at", "updated_at", "recorded_by", "review")
        skip_unchanged = True
        report_skipped = True
