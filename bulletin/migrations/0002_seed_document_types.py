from django.db import migrations

from bulletin.document_types import ensure_standard_types


def seed(apps, schema_editor):
    ensure_standard_types(apps.get_model("bulletin", "DocumentType"))


class Migration(migrations.Migration):
    dependencies = [("bulletin", "0001_initial")]
    operations = [migrations.RunPython(seed, migrations.RunPython.noop)]
