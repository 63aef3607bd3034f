import importlib
import importlib.util
from io import StringIO

from django.conf import settings
from django.core.management import call_command
from wagtail.models import Page, Site

from bulletin.models import DocumentType
from portal.models import Agency, PortalSettings
from tests.html import parse


def snapshot():
    return {
        "pages": list(Page.objects.order_by("path").values_list(
            "path", "url_path", "live", "latest_revision_id")),
        "agencies": list(Agency.objects.order_by("pk").values_list("code", "locale_id", "name")),
        "sites": list(Site.objects.values_list("root_page_id", "is_default_site")),
    }


def run():
    out = StringIO()
    call_command("load_demo_content", stdout=out)
    return out.getvalue()


def app_checks():
    """Each app's `tests/<app>/demo_checks.py` `check(client)`: what its demo must show.
    They run here, on one load of the demo, because a load takes tens of seconds."""
    for app in settings.PORTAL_APPS:
        module = f"tests.{app}.demo_checks"
        if importlib.util.find_spec(f"tests.{app}") and importlib.util.find_spec(module):
            yield app, importlib.import_module(module).check


def test_demo_content_builds_a_bilingual_site_and_is_idempotent(db, client):
    # A live-server test's flush takes the gazette types the migration seeded with it;
    # the demo must seed them again.
    DocumentType.objects.exclude(parent=None).delete()
    DocumentType.objects.all().delete()
    first = run()
    assert "created" in first
    before = snapshot()

    second = run()
    assert "created:" not in second
    assert " 0 created" not in second and "unchanged" in second
    assert snapshot() == before

    home = Site.objects.get(is_default_site=True).root_page
    assert home.specific_class.__name__ == "HomePage"
    assert {p.locale.language_code for p in home.get_translations(inclusive=True)} == {
        "zh-hant", "en"}
    assert Agency.objects.filter(code="397000000A").count() == 2
    portal_settings = PortalSettings.for_site(Site.objects.get(is_default_site=True))
    assert (portal_settings.citizen_hotline, portal_settings.consumer_hotline) == ("1999", "1950")

    for url in ("/", "/en/", "/about/", "/en/about/", "/about/budget/", "/en/about/budget/"):
        assert client.get(url).status_code == 200, url
    text = client.get("/about/budget/").content.decode()
    table = parse(text).find("table")
    assert table is not None and table.find("th", scope="col") is not None
    assert "317,227" in text
    assert table.find("caption") is not None
    assert DocumentType.objects.filter(name="公示送達").exists()

    checked = []
    for app, check in app_checks():
        check(client)
        checked.append(app)
    assert checked == ["portal", "home", "bulletin", "sistercities", "consumer", "petitions",
                       "alerts"]
