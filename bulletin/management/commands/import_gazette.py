import sys
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError
from tqdm import tqdm

from bulletin.importer import RecordError, import_lines


class Command(BaseCommand):
    help = "Import gazette documents from a JSON Lines file (format: bulletin/README.md)."

    def add_arguments(self, parser):
        parser.add_argument("file", type=Path)
        parser.add_argument("--strict", action="store_true",
                            help="Stop at the first bad line instead of skipping it.")
        parser.add_argument("--per-page", action="store_true",
                            help="Save each new document on its own, as the importer did "
                                 "before it wrote new documents in bulk (same result, slower).")

    def handle(self, *args, file, strict, per_page, **options):
        if not file.is_file():
            raise CommandError(f"{file} is not a file")
        with file.open(encoding="utf-8") as handle:
            total = sum(1 for _line in handle)
        # The bar only when a person watches; logs and pipes get the summary alone.
        with file.open(encoding="utf-8") as handle, tqdm(
                total=total, unit="line", disable=not sys.stderr.isatty()) as progress:
            try:
                report = import_lines(handle, base_dir=file.parent, strict=strict,
                                      progress=progress, bulk=not per_page)
            except RecordError as error:
                raise CommandError(str(error)) from None
        for number, reason in report.errors:
            self.stderr.write(f"line {number}: {reason}")
        self.stdout.write(f"{report.created} created, {report.updated} updated, "
                          f"{len(report.errors)} rejected")
        if strict and report.errors:
            raise CommandError("stopped at the first bad line (--strict)")
