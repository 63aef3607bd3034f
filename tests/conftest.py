import shutil

import pytest
from django.core.cache import caches
from django.db import connection
from playwright.sync_api import sync_playwright

from tests.factories import build_site
from tests.services import AXE, CHROMIUM, IN_CI, VNU


def missing_service(node):
    if node.get_closest_marker("postgresql") and connection.vendor != "postgresql":
        return f"needs PostgreSQL; the database is {connection.vendor}"
    if node.get_closest_marker("browser") and not shutil.which(CHROMIUM):
        return f"needs Chromium at {CHROMIUM} (apt-get install chromium)"
    if node.get_closest_marker("checkers"):
        if not (AXE.exists() and VNU.exists()):
            return "needs axe-core and vnu-jar in node_modules (npm ci)"
        if not shutil.which("java"):
            return "needs Java for the Nu HTML Checker (apt-get install default-jre-headless)"
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


@pytest.fixture(autouse=True)
def _empty_caches():
    """Each test starts with empty caches: rate limits, kept pages and counts would otherwise
    carry over from whichever test ran before on the same worker (the accessibility check
    of the intake forms was answered 'too many submissions' after the browser journeys)."""

    for cache in caches.all():
        cache.clear()


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


@pytest.fixture
def browser(monkeypatch):
    # Playwright's sync API keeps an event loop in this thread; the ORM calls the tests
    # make alongside it are still synchronous.
    monkeypatch.setenv("DJANGO_ALLOW_ASYNC_UNSAFE", "true")
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=CHROMIUM,
            args=["--no-sandbox", "--disable-gpu", "--disable-background-networking",
                  "--disable-component-update", "--disable-sync", "--no-first-run"],
        )
        yield browser
        browser.close()
