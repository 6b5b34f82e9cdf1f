"""django-import-export resources for the Django admin's import and export buttons.

Rows are matched on natural keys (a partnership's reference; a risk's partnership and Risk ID),
so importing the same file twice changes nothing. The Excel toolkit itself is imported through
partnerships.toolkit, which adds the row-by-row preview and plain-English errors.
"""

from django.contrib.auth import get_user_model
from import_export import fields, resources, widgets

from .models import Directorate, Organisation, Partnership, RiskEntry


class VersionBumpMixin:
    """An imported change counts as a save: forms opened before it will see the record changed."""

    def before_save_instance(self, instance, row, **kwargs):
        if instance.pk and hasattr(instance, "lock_version"):
            instance.lock_version += 1
        super().before_save_instance(instance, row, **kwargs)


class PartnershipResource(VersionBumpMixin, resources.ModelResource):
    directorate = fields.Field(
        attribute="directorate", column_name="directorate", widget=widgets.ForeignKeyWidget(Directorate, "name")
    )
    lead_officer = fields.Field(
        attribute="lead_officer",
        column_name="lead_officer_email_login",
        widget=widgets.ForeignKeyWidget(get_user_model(), "email"),
    )

    class Meta:
        model = Partnership
        import_id_fields = ("reference",)
        exclude = ("id", "lock_version", "created_at", "updated_at", "created_by", "lead_officer_shown_as")
        skip_unchanged = True
        report_skipped = True


class OrganisationResource(resources.ModelResource):
    class Meta:
        model = Organisation
        import_id_fields = ("name",)
        exclude = ("id",)
        skip_unchanged = True
        report_skipped = True


class RiskEntryResource(VersionBumpMixin, resources.ModelResource):
    partnership = fields.Field(
        attribute="partnership", column_name="partnership", widget=widgets.ForeignKeyWidget(Partnership, "reference")
    )

    class Meta:
        model = RiskEntry
        import_id_fields = ("partnership", "risk_id")
        exclude = ("id", "lock_version", "created_at", "updated_at", "inherent_score", "residual_score")
        skip_unchanged = True
        report_skipped = True
