"""The gazette index's counts kept in the database (GazetteIndexCounts). Its one row starts
stale: the first reader, or the first change's task, counts the corpus already there."""

from django.db import migrations, models


def add_the_row(apps, schema_editor):
    apps.get_model("bulletin", "GazetteIndexCounts").objects.create(pk=1, changes=1, counted=0)


class Migration(migrations.Migration):

    dependencies = [
        ("bulletin", "0012_index_of_pages_not_live"),
    ]

    operations = [
        migrations.CreateModel(
            name="GazetteIndexCounts",
            fields=[
                ("id", models.BigAutoField(auto_created=True, primary_key=True,
                                           serialize=False, verbose_name="ID")),
                ("changes", models.PositiveBigIntegerField(default=1)),
                ("counted", models.PositiveBigIntegerField(default=0)),
                ("pairs", models.JSONField(default=list)),
                ("years", models.JSONField(default=list)),
            ],
        ),
        migrations.RunPython(add_the_row, migrations.RunPython.noop),
    ]
