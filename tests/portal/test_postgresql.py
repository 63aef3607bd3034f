import pytest
from django.db import connection


@pytest.mark.postgresql
def test_postgresql_run_uses_a_supported_server(db):
    """Guards CI's second pass: it must really run on PostgreSQL 15 or newer."""
    assert connection.vendor == "postgresql"
    assert connection.pg_version >= 150000
