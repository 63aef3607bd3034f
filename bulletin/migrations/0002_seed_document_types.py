from django.db import migrations

# The Executive Yuan Gazette's two-level types; editors may change them afterwards.
TYPES = [
    ("法規", "Regulations", [("自治條例", "Autonomous ordinances"),
                             ("自治規則", "Autonomous rules"),
                             ("委辦規則", "Delegated rules")]),
    ("行政規則", "Administrative rules", []),
    ("令", "Orders", []),
    ("公告", "Announcements", [("公告", "Announcements"),
                               ("公示送達", "Service by publication"),
                               ("一般處分", "General dispositions")]),
    ("人事", "Personnel", []),
    ("其他", "Other", [("更正", "Corrections")]),
]


def seed(apps, schema_editor):
    DocumentType = apps.get_model("bulletin", "DocumentType")
    for order, (name, name_en, subtypes) in enumerate(TYPES):
        parent, _ = DocumentType.objects.get_or_create(
            parent=None, name=name, defaults={"name_en": name_en, "sort_order": order})
        for sub_order, (sub_name, sub_en) in enumerate(subtypes):
            DocumentType.objects.get_or_create(
                parent=parent, name=sub_name, defaults={"name_en": sub_en,
                                                        "sort_order": sub_order})


class Migration(migrations.Migration):
    dependencies = [("bulletin", "0001_initial")]
    operations = [migrations.RunPython(seed, migrations.RunPython.noop)]
