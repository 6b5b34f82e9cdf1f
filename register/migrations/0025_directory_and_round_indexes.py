"""The partner directory's totals and a new assurance round's count, each answered from an index alone."""

from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("register", "0024_search_indexes"),
    ]

    operations = [
        migrations.RemoveIndex(
            model_name="partnership",
            name="register_pa_status_251586_idx",
        ),
        migrations.AddIndex(
            model_name="partnership",
            index=models.Index(fields=["status", "significance"], name="partnership_status_sig_idx"),
        ),
        migrations.AddIndex(
            model_name="partnershipmember",
            index=models.Index(fields=["organisation", "annual_contribution"], name="member_annual_by_org_idx"),
        ),
    ]
