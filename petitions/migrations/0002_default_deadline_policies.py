from django.db import migrations


def create_policies(apps, schema_editor):
    # Editable by administrators afterwards; these are the statutory defaults.
    policy = apps.get_model("petitions", "DeadlinePolicy")
    policy.objects.get_or_create(kind="complaint", defaults={"days": 15})
    policy.objects.get_or_create(kind="petition", defaults={"days": 30})


class Migration(migrations.Migration):
    dependencies = [("petitions", "0001_initial")]
    operations = [migrations.RunPython(create_policies, migrations.RunPython.noop)]
