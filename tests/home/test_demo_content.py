from io import StringIO

from django.core.management import call_command
from wagtail.models import Page, Site

from portal.models import Agency, PortalSettings


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


def test_demo_content_builds_a_bilingual_site_and_is_idempotent(db, client):
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
    settings = PortalSettings.for_site(Site.objects.get(is_default_site=True))
    assert (settings.citizen_hotline, settings.consumer_hotline) == ("1999", "1950")

    for url in ("/", "/en/", "/about/", "/en/about/", "/about/budget/", "/en/about/budget/"):
        assert client.get(url).status_code == 200, url


def test_demo_budget_is_a_real_table(db, client):
    run()
    text = client.get("/about/budget/").content.decode()
    assert "<table>" in text and '<th scope="col"' in text
    assert "317,227" in text
    assert "<caption>" in text
