"""The lessons library: shareable lessons, newest first, from a partial index."""

from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("reviews", "0009_dashboard_counted_figures"),
    ]

    operations = [
        migrations.AddIndex(
            model_name="lessonlearned",
            index=models.Index(
                condition=models.Q(("shareable", True)), fields=["-recorded_on", "-id"], name="lesson_library_idx"
            ),
        ),
    ]
