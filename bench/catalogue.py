"""The generated corpus loaded into a fresh database: the demo site plus a gazette back
catalogue, for the search and page benchmarks. Import it after `common.setup_django()`:
the importer's models need Django set up."""

import json
import os
import time

from common import corpus, migrate, recreate_postgres_database
from django.core.management import call_command
from django.db import connection

from bulletin.importer import import_lines


def build_site_and_gazette(documents, workdir):
    """Migrate a fresh database (PostgreSQL: dropped and created again), load the demo
    site and import `documents` generated gazette documents through the importer."""
    if connection.vendor == "postgresql":
        connection.close()
        recreate_postgres_database(connection.settings_dict)
    migrate()
    call_command("load_demo_content", verbosity=0, stdout=open(os.devnull, "w"))  # noqa: SIM115
    source = workdir / "corpus.jsonl"
    with source.open("w", encoding="utf-8") as handle:
        for record in corpus(documents):
            handle.write(json.dumps(record, ensure_ascii=False) + "\n")
    begin = time.perf_counter()
    with source.open(encoding="utf-8") as handle:
        report = import_lines(handle, base_dir=workdir)
    assert not report.errors, report.errors[:3]
    print(f"corpus imported: {documents} documents in "
          f"{time.perf_counter() - begin:.0f} s")
