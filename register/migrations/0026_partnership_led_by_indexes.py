"""An officer's home page: the partnerships they lead, by reference and by review date, from indexes."""

from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("register", "0025_directory_and_round_indexes"),
    ]

    operations = [
        migrations.AddIndex(
            model_name="partnership",
            index=models.Index(fields=["lead_officer", "reference"], name="partnership_led_by_idx"),
        ),
        migrations.AddIndex(
            model_name="partnership",
            index=models.Index(
                fields=["lead_officer", "next_review_due", "reference", "status"], name="partnership_led_by_review_idx"
            ),
        ),
    ]
