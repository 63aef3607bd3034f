from django.db import migrations

from bulletin.document_types import ensure_draft_type


def seed(apps, schema_editor):
    ensure_draft_type(apps.get_model("bulletin", "DocumentType"))


class Migration(migrations.Migration):
    dependencies = [("bulletin", "0009_gazette_comment_deadline")]
    operations = [migrations.RunPython(seed, migrations.RunPython.noop)]
