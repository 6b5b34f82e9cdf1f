"""django-import-export resources for health check responses (admin import/export)."""

from import_export import fields, resources, widgets

from register.models import Organisation, Partnership

from .models import HealthCheckResponse


class HealthCheckResponseResource(resources.ModelResource):
    partnership = fields.Field(
        attribute="partnership", column_name="partnership", widget=widgets.ForeignKeyWidget(Partnership, "reference")
    )
    organisation = fields.Field(
        attribute="organisation", column_name="organisation", widget=widgets.ForeignKeyWidget(Organisation, "name")
    )

    class Meta:
        model = HealthCheckResponse
        import_id_fields = ("partnership", "completed_on", "respondent_name")
        exclude = ("id", "created_at", "updated_at", "entered_by")
        skip_unchanged = True
        report_skipped = True
