"""What the benchmarks share: Django on a database of their own, a fresh PostgreSQL
database when one is named, and the percentile they report."""

import os
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))


def setup_django(database_url, prefix):
    """Django with the test settings on `database_url`, or on a SQLite file in a new
    temporary folder; returns that folder for the benchmark's own files."""
    workdir = Path(tempfile.mkdtemp(prefix=prefix))
    os.environ["DATABASE_URL"] = database_url or f"sqlite:///{workdir / 'bench.sqlite3'}"
    os.environ["DJANGO_SETTINGS_MODULE"] = "portal.settings.test"
    import django
    from django.test.utils import setup_test_environment

    django.setup()
    setup_test_environment()
    return workdir


def recreate_postgres_database(connection):
    """Drop and create the named PostgreSQL database, so a run starts empty."""
    name = connection.settings_dict["NAME"]
    connection.close()
    with connection._nodb_cursor() as cursor:
        cursor.execute(f'DROP DATABASE IF EXISTS "{name}"')
        cursor.execute(f'CREATE DATABASE "{name}"')


def percentile(samples, fraction):
    ordered = sorted(samples)
    return ordered[max(0, int(len(ordered) * fraction) - 1)]
