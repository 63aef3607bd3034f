from django.db import migrations, models

# Menus and section lists read the pages at one depth in tree order (depth = 3, ORDER BY
# path). Wagtail indexes neither column for that, so with 100,000 gazette documents each
# such query scanned every page of the locale (100-170 ms on every page view).
#
# The index belongs on Wagtail's own table, which no model of ours can declare
# (`Meta.indexes` and `AddIndex` only reach the migrating app's models). So it is added
# through Django's schema editor, the API `AddIndex` itself calls: the SQL is written for
# whichever database runs the migration, and unapplying removes the index again. It comes
# after Wagtail's last migration of the table.
INDEX = models.Index(fields=["depth", "path"], name="portal_page_depth_path")


def add_index(apps, schema_editor):
    schema_editor.add_index(apps.get_model("wagtailcore", "Page"), INDEX)


def remove_index(apps, schema_editor):
    schema_editor.remove_index(apps.get_model("wagtailcore", "Page"), INDEX)


class Migration(migrations.Migration):

    dependencies = [
        ("portal", "0001_initial"),
        ("wagtailcore", "0098_apitoken"),
    ]

    operations = [
        migrations.RunPython(add_index, remove_index),
    ]
