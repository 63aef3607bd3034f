"""Tracking codes were checked against an HMAC under SECRET_KEY. Only the HMAC is stored, not
the code, so the salted hash cannot be computed here: the old hashes are marked, and
petitions.domain checks them under SECRET_KEY and SECRET_KEY_FALLBACKS and replaces each with
the salted hash at the citizen's next look-up."""

from django.db import migrations
from django.db.models import Value
from django.db.models.functions import Concat

PREFIX = "hmac_sha256$"


def mark(apps, schema_editor):
    Case = apps.get_model("petitions", "Case")
    # An HMAC is 64 hex digits; Django's hashes always hold a "$".
    Case.objects.exclude(tracking_code_hash__contains="$").exclude(
        tracking_code_hash="").update(tracking_code_hash=Concat(Value(PREFIX),
                                                                "tracking_code_hash"))


def unmark(apps, schema_editor):
    Case = apps.get_model("petitions", "Case")
    for case in Case.objects.filter(tracking_code_hash__startswith=PREFIX):
        case.tracking_code_hash = case.tracking_code_hash.removeprefix(PREFIX)
        case.save(update_fields=["tracking_code_hash"])


class Migration(migrations.Migration):

    dependencies = [("petitions", "0006_case_location_link_and_submission_key")]

    operations = [migrations.RunPython(mark, unmark)]
