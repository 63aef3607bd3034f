import os
import shutil

import pytest
from django.db import connection

from tests.factories import build_site

IN_CI = bool(os.environ.get("CI"))
CHROMIUM = os.environ.get("CHROMIUM_PATH", "/usr/bin/chromium")


def missing_service(node):
    if node.get_closest_marker("postgresql") and connection.vendor != "postgresql":
        return f"needs PostgreSQL; the database is {connection.vendor}"
    if node.get_closest_marker("browser") and not shutil.which(CHROMIUM):
        return f"needs Chromium at {CHROMIUM} (apt-get install chromium)"
    return None


@pytest.fixture(autouse=True)
def _require_services(request):
    """A test that needs PostgreSQL or Chromium skips locally when it is missing and fails
    under CI, where a missing service means a broken set-up, not an optional check."""
    reason = missing_service(request.node)
    if reason:
        if IN_CI:
            pytest.fail(reason)
        pytest.skip(reason)


@pytest.fixture
def site_tree(db):
    """(zh home, en home)"""
    return build_site()


@pytest.fixture
def home(site_tree):
    return site_tree[0]


@pytest.fixture
def home_en(site_tree):
    return site_tree[1]
