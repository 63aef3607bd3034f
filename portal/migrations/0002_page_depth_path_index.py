from django.db import migrations

# Menus and section lists read the pages at one depth in tree order (depth = 3, ORDER BY
# path). Wagtail indexes neither column for that, so with 100,000 gazette documents each
# such query scanned every page of the locale (100-170 ms on every page view). The index
# lives on Wagtail's table, so it is plain SQL, after Wagtail's last migration of it.
class Migration(migrations.Migration):

    dependencies = [
        ("portal", "0001_initial"),
        ("wagtailcore", "0098_apitoken"),
    ]

    operations = [
        migrations.RunSQL(
            "CREATE INDEX IF NOT EXISTS portal_page_depth_path ON wagtailcore_page (depth, path)",
            "DROP INDEX IF EXISTS portal_page_depth_path",
        ),
    ]
