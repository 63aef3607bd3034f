"""The main menu and the footer links editors set in the site settings, shown in the
reader's language; the favicon; page titles."""

import json

import pytest
from django.core.exceptions import ValidationError
from django.db import connection
from django.test.utils import CaptureQueriesContext
from wagtail.models import Site
from wagtail.test.utils.form_data import nested_form_data, streamfield

from portal.blocks import MenuLinkBlock
from portal.models import PortalSettings
from tests.factories import add_page, sign_in_verified, translate
from tests.html import parse


def menu(response):
    nav = parse(response).select_one("nav.main-nav")
    return [(a.get_text(strip=True), a["href"], a.get("aria-current")) for a in nav.select("a")]


def footer(response):
    nav = parse(response).select_one("nav.site-footer__links")
    return [(a.get_text(strip=True), a["href"]) for a in nav.select("a")]


def item(label, label_en, page=None, url=None):
    value = {"label": label, "label_en": label_en}
    if page is not None:
        value["page"] = page.pk
    if url is not None:
        value["url"] = url
    return value


def set_links(field, *values):
    settings = PortalSettings.for_site(Site.objects.get(is_default_site=True))
    kind = "item" if field == "main_menu" else "link"
    setattr(settings, field, json.dumps([{"type": kind, "value": value} for value in values]))
    settings.save()


def test_menu_set_by_editors_in_both_languages(client, home, home_en):
    about = add_page(home, title="關於本處", slug="about")
    translate(about, "en", title="About us")
    gazette = add_page(home, title="高雄市政府公報", slug="gazette")  # no English page
    set_links("main_menu", item("關於本處", "About us", about),
              item("市府公報", "City Gazette", gazette),
              item("案件查詢", "Track a case", url="/cases/track/"),
              item("行政院", "Executive Yuan", url="https://www.ey.gov.tw/"))

    assert menu(client.get("/")) == [
        ("關於本處", "/about/", None), ("市府公報", "/gazette/", None),
        ("案件查詢", "/cases/track/", None), ("行政院", "https://www.ey.gov.tw/", None)]
    assert menu(client.get("/en/")) == [
        ("About us", "/en/about/", None), ("City Gazette", "/gazette/", None),
        ("Track a case", "/en/cases/track/", None),
        ("Executive Yuan", "https://www.ey.gov.tw/", None)]
    # The reader's place is marked on pages and on views alike.
    assert ("About us", "/en/about/", "page") in menu(client.get("/en/about/"))
    assert ("Track a case", "/en/cases/track/", "page") in menu(client.get("/en/cases/track/"))


def test_menu_leaves_out_unpublished_pages(client, home, home_en):
    about = add_page(home, title="關於本處", slug="about")
    draft = add_page(home, title="草稿", slug="draft")
    draft.unpublish()
    set_links("main_menu", item("關於本處", "About us", about), item("草稿", "Draft", draft))
    assert [text for text, _, _ in menu(client.get("/"))] == ["關於本處"]


def test_menu_costs_the_same_queries_for_two_items_or_nine(client, home, home_en, settings):
    settings.PORTAL_PAGE_CACHE_SECONDS = 0  # every answer rendered, none kept
    pages = []
    for number in range(8):
        page = add_page(home, title=f"服務{number}", slug=f"service-{number}")
        translate(page, "en", title=f"Service {number}")
        pages.append(page)

    def queries():
        with CaptureQueriesContext(connection) as captured:
            assert client.get("/en/").status_code == 200
        return len(captured)

    set_links("main_menu", item("服務", "Service", pages[0]), item("查詢", "Track",
                                                                 url="/cases/track/"))
    queries()  # the first answer also fills the caches of sites and settings
    few = queries()
    set_links("main_menu", *[item(page.title, page.title, page) for page in pages],
              item("查詢", "Track", url="/cases/track/"))
    assert len(menu(client.get("/en/"))) == 9
    assert queries() == few


def test_editor_changes_the_menu_in_the_admin(client, home, home_en, django_user_model):
    about = add_page(home, title="關於本處", slug="about")
    translate(about, "en", title="About us")
    editor = django_user_model.objects.create_superuser("editor", "e@example.gov.tw", "pw")
    sign_in_verified(client, editor)
    site_id = Site.objects.get(is_default_site=True).pk
    response = client.post(f"/admin/settings/portal/portalsettings/{site_id}/", nested_form_data({
        "site_name": "高雄市政府行政暨國際處", "site_name_en": "DAIA",
        "citizen_hotline": "1999", "consumer_hotline": "1950",
        "main_menu": streamfield([
            ("item", {"label": "認識本處", "label_en": "Who we are", "page": about.pk,
                      "url": ""}),
            ("item", {"label": "案件查詢", "label_en": "Track a case", "page": "",
                      "url": "/cases/track/"}),
        ]),
        "footer_links": streamfield([]),
    }))
    assert response.status_code == 302, response.content.decode()[:3000]
    client.logout()
    assert [text for text, _, _ in menu(client.get("/"))] == ["認識本處", "案件查詢"]
    assert [text for text, _, _ in menu(client.get("/en/"))] == ["Who we are", "Track a case"]


def test_admin_refuses_an_item_without_page_or_address(client, home, django_user_model):
    editor = django_user_model.objects.create_superuser("editor", "e@example.gov.tw", "pw")
    sign_in_verified(client, editor)
    site_id = Site.objects.get(is_default_site=True).pk
    for value in ({"page": "", "url": ""}, {"page": "", "url": "cases/track"},
                  {"page": "", "url": "//elsewhere.example/"}):
        response = client.post(f"/admin/settings/portal/portalsettings/{site_id}/",
                               nested_form_data({
            "site_name": "高雄市政府行政暨國際處", "site_name_en": "DAIA",
            "citizen_hotline": "1999", "consumer_hotline": "1950",
            "main_menu": streamfield([("item", {"label": "錯", "label_en": "Wrong", **value})]),
            "footer_links": streamfield([]),
        }))
        assert response.status_code == 200, value  # the form again, with its error
        assert not PortalSettings.for_site(Site.objects.get(pk=site_id)).main_menu


@pytest.mark.parametrize("url", ["", "cases/track/", "//elsewhere.example/", "ftp://x.example/"])
def test_menu_item_needs_a_page_or_an_address(url):
    with pytest.raises(ValidationError):
        MenuLinkBlock().clean({"label": "錯", "label_en": "Wrong", "page": None, "url": url})


@pytest.mark.parametrize("url", ["/cases/track/", "https://www.ey.gov.tw/"])
def test_menu_item_takes_a_path_or_a_full_address(url):
    value = MenuLinkBlock().clean({"label": "查詢", "label_en": "Track", "page": None, "url": url})
    assert value["url"] == url


def test_footer_links_in_the_reader_language(client, home, home_en):
    privacy = add_page(home, title="隱私權及資訊安全政策", slug="privacy")
    translate(privacy, "en", title="Privacy policy")
    set_links("footer_links", item("隱私權及資訊安全政策", "Privacy policy", privacy),
              item("政府資料開放平臺", "data.gov.tw", url="https://data.gov.tw/"))
    assert footer(client.get("/")) == [("隱私權及資訊安全政策", "/privacy/"),
                                       ("政府資料開放平臺", "https://data.gov.tw/")]
    assert footer(client.get("/en/")) == [("Privacy policy", "/en/privacy/"),
                                          ("data.gov.tw", "https://data.gov.tw/")]


def test_favicon(client, home):
    soup = parse(client.get("/"))
    icons = {link["href"] for link in soup.select('link[rel="icon"]')}
    assert {"/static/favicon.ico", "/static/favicon.svg"} <= icons
    response = client.get("/favicon.ico")
    assert response.status_code == 301
    assert response["Location"] == "/static/favicon.ico"
    for icon in icons:
        assert client.get(icon).status_code == 200, icon


def title(response):
    return parse(response).title.get_text()


def test_titles_name_the_site_once(client, home, home_en):
    site = Site.objects.get(is_default_site=True)
    settings = PortalSettings.for_site(site)
    settings.site_name, settings.site_name_en = "高雄市政府行政暨國際處", "DAIA Kaohsiung"
    settings.save()
    about = add_page(home, title="關於本處", slug="about")
    translate(about, "en", title="About us")

    assert title(client.get("/")) == "高雄市政府行政暨國際處"
    assert title(client.get("/en/")) == "DAIA Kaohsiung"
    assert title(client.get("/about/")) == "關於本處 | 高雄市政府行政暨國際處"
    assert title(client.get("/en/about/")) == "About us | DAIA Kaohsiung"
    assert title(client.get("/en/cases/track/")) == "Track your case | DAIA Kaohsiung"
    assert title(client.get("/en/no-such-page/")) == "Page not found | DAIA Kaohsiung"
