"""The kernel's extension points: what an app registers as a Wagtail hook shows up in the
kernel (URLs, the page cache, jobs, datasets, demo content) with no change to portal/."""

import importlib
from io import StringIO

import pytest
from django.core.cache import cache
from django.core.management import call_command
from django.http import HttpResponse
from django.urls import clear_url_caches, path, reverse
from django.utils import translation
from wagtail import hooks

import portal.urls
from opendata import generators
from portal import caching, extensions, scheduler
from portal.datasets import LiveDataset
from portal.demo_builder import DemoContent, registered_demo_content
from tests.sistercities.page_makers import exhibition_index


def answer(request):
    return HttpResponse(f"language {translation.get_language()}")


def test_urls_come_from_the_apps_in_their_places():
    """Every app route is where it was before the apps declared them (machine routes never
    redirect; page routes in both languages, before Wagtail's catch-all)."""
    assert reverse("gazette-documents-json") == "/api/gazette/documents.json"
    assert reverse("opendata-download", args=[1]) == "/data/resource/1/download"
    assert reverse("ckan-action", args=["package_list"]) == "/api/3/action/package_list"
    assert reverse("petitions_files:attachment", args=[1]) == "/cases/files/attachments/1/"
    assert reverse("gazette-feed") == "/gazette/feed.atom"
    assert reverse("exhibitions-calendar") == "/exhibitions/calendar.ics"
    assert reverse("consumer-feed") == "/consumer/feed.atom"
    assert reverse("petitions:track") == "/cases/track/"
    assert reverse("search:search") == "/search/"
    assert reverse("alerts:subscribe") == "/alerts/subscribe/"
    assert reverse("alerts-unsubscribe", args=["x"]) == "/alerts/unsubscribe/x/"
    with translation.override("en"):
        assert reverse("alerts:subscribe") == "/en/alerts/subscribe/"
        assert reverse("gazette-feed") == "/en/gazette/feed.atom"
        assert reverse("search:search") == "/en/search/"
    page_routes = portal.urls.urlpatterns[-1].url_patterns
    assert [str(route.pattern) for route in page_routes] == [
        "", "", "", "cases/", "alerts/", "search/", ""]
    assert page_routes[-1].urlconf_name.__name__ == "wagtail.urls"


@pytest.fixture
def app_routes():
    """A URL of each kind from an app that registers its hooks now; the URLconf is read
    again with them, and once more without them afterwards."""
    registered = [
        (extensions.MACHINE_URLS, lambda: [path("test-machine/", answer, name="test-machine")]),
        (extensions.PAGE_URLS, lambda: [path("test-page/", answer, name="test-page")]),
        (extensions.CACHED_VIEWS, lambda: ["test-page"]),
    ]
    with hooks.register_temporarily(registered):
        importlib.reload(portal.urls)
        clear_url_caches()
        yield
    importlib.reload(portal.urls)
    clear_url_caches()


def test_an_app_adds_machine_and_page_urls_and_cached_views(client, app_routes, db):
    cache.clear()
    machine = client.get("/test-machine/", HTTP_ACCEPT_LANGUAGE="en")
    assert machine.content == b"language zh-hant"  # no redirect: Accept-Language changes nothing
    assert "X-Page-Cache" not in machine

    assert client.get("/en/test-page/").content == b"language en"
    first = client.get("/test-page/")
    assert first.content == b"language zh-hant" and first["X-Page-Cache"] == "miss"
    assert client.get("/test-page/")["X-Page-Cache"] == "hit"


def test_the_feeds_listing_pages_name_are_kept_by_the_page_cache(client, home):
    assert caching.cached_views() == {"wagtail_serve", "sitemap-section", "gazette-feed",
                                      "gazette-consultations-feed",
                                      "gazette-consultations-calendar", "consumer-feed",
                                      "exhibitions-calendar"}
    cache.clear()
    exhibition_index(home)
    url = reverse("exhibitions-calendar")
    assert client.get(url)["X-Page-Cache"] == "miss"
    assert client.get(url)["X-Page-Cache"] == "hit"


def record(job):
    return job


def test_scheduled_jobs_are_the_apps_and_the_kernels():
    assert [job.name for job in scheduler.registered_jobs()] == [
        "alerts.digests", "alerts.retention", "bulletin.refresh_consultation_pages",
        "opendata.live_datasets", "petitions.anonymise",
        "petitions.deadline_digest", "petitions.retry_receipts", "wagtail.publish_scheduled"]
    extra = scheduler.ScheduledJob("test.nightly", record, {"hour": 2})
    with hooks.register_temporarily(extensions.SCHEDULED_JOBS, lambda: [extra]):
        assert "test.nightly" in [job.id for job in scheduler.build().get_jobs()]


def test_a_declared_dataset_can_be_chosen_for_a_resource():
    dataset = LiveDataset("test-rivers", rows=list, version=lambda: "1", title="測試河川")
    assert ("test-rivers", "測試河川") not in generators.choices()
    with hooks.register_temporarily(extensions.LIVE_DATASETS, lambda: [dataset]):
        assert ("test-rivers", "測試河川") in generators.choices()
        assert generators.get("test-rivers") is dataset
    assert {name for name, title in generators.choices()} == {
        "agencies", "case-accountability", "case-statistics", "consumer-figures",
        "gazette-consultations",
        "gazette-issues", "sister-cities"}


def build_nothing(builder):
    return None


def test_demo_content_is_built_in_its_order():
    late = DemoContent("test-late", build_nothing, order=65)
    early = DemoContent("test-early", build_nothing, order=15)
    assert [demo.name for demo in registered_demo_content()] == [
        "portal", "home", "bulletin", "sistercities", "consumer", "opendata", "petitions",
        "alerts", "navigation"]
    with hooks.register_temporarily(extensions.DEMO_CONTENT, lambda: [late, early]):
        assert [demo.name for demo in registered_demo_content()] == [
            "portal", "test-early", "home", "bulletin", "sistercities", "consumer",
            "opendata", "test-late", "petitions", "alerts", "navigation"]


def test_an_app_setting_comes_from_settings_then_the_environment_then_its_default(
        db, settings, monkeypatch):
    def retention():
        out = StringIO()
        call_command("anonymise_cases", stdout=out)
        return out.getvalue()

    assert "5 year(s) ago" in retention()
    monkeypatch.setenv("PETITIONS_RETENTION_YEARS", "7")
    assert "7 year(s) ago" in retention()
    settings.PETITIONS_RETENTION_YEARS = 3
    assert "3 year(s) ago" in retention()
