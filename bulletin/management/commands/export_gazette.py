import json
from pathlib import Path

from django.core.management.base import BaseCommand

from bulletin.importer import export_records


class Command(BaseCommand):
    help = "Export every published gazette document as JSON Lines, in import_gazette's format."

    def add_arguments(self, parser):
        parser.add_argument("file", type=Path)

    def handle(self, *args, file, **options):
        count = 0
        with file.open("w", encoding="utf-8") as handle:
            for record in export_records():
                handle.write(json.dumps(record, ensure_ascii=False) + "\n")
                count += 1
        self.stdout.write(f"{count} documents written to {file}")
