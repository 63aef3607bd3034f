"""Documents that went live while their issue was only scheduled (before the embargo) are
taken back to drafts: their issue's publication takes them live again, with it."""

from django.db import migrations


def hold_documents(apps, schema_editor):
    GazetteDocumentPage = apps.get_model("bulletin", "GazetteDocumentPage")
    GazetteDocumentPage.objects.filter(live=True, issue__live=False).update(
        live=False, has_unpublished_changes=True, live_revision=None)


class Migration(migrations.Migration):
    dependencies = [("bulletin", "0004_issue_newest_index")]

    operations = [migrations.RunPython(hold_documents, migrations.RunPython.noop)]
