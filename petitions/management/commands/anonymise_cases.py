from django.core.management.base import BaseCommand

from petitions import conf
from petitions.anonymise import anonymise_due


class Command(BaseCommand):
    help = "Redact personal data of cases closed longer ago than PETITIONS_RETENTION_YEARS."

    def handle(self, *args, **options):
        cases, files = anonymise_due()
        self.stdout.write(
            f"Anonymised {cases} case(s) closed more than "
            f"{conf.retention_years()} year(s) ago; deleted {files} attachment(s)."
        )
