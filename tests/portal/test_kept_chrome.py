"""The chrome every page shares (the header's brand, the main menu, the footer) is kept
for anonymous readers per content version (portal.fragments): a page built
from kept fragments is the page a fresh render gives, in both languages and whatever the
menu marks as current; a publish, an unpublish or a menu change shows on the next request;
a signed-in reader's chrome is never kept, nor an anonymous one shown to them."""

import datetime
import functools
import zoneinfo

import pytest
from django.contrib.auth.models import User
from django.core.cache import cache
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from wagtail.models import Locale, Site

from portal.models import PortalSettings
from tests.factories import add_page, sign_in_verified, stream, translate
from tests.html import parse
from tests.scheduling import run_scheduler, travel

pytestmark = pytest.mark.django_db

SIGNED_IN_MARK = '<p id="signed-in-chrome"></p>'


@pytest.fixture(autouse=True)
def _no_page_cache(settings):
    # The page cache would answer a repeated page whole: these tests are about its parts.
    settings.PORTAL_PAGE_CACHE_SECONDS = 0


def menu(response):
    return [(a.get_text(strip=True), a.get("aria-current"))
            for a in parse(response).select("nav.main-nav a")]


def get(client, path):
    with CaptureQueriesContext(connection) as queries:
        response = client.get(path)
    assert response.status_code == 200, path
    return response.content.decode(), len(queries)


@pytest.mark.parametrize("prefix", ["", "/en"])
def test_pages_from_kept_chrome_are_the_pages_a_fresh_render_gives(client, home, home_en,
                                                                    prefix):
    for slug, title, title_en in (("about", "關於本處", "About us"), ("news", "新聞", "News")):
        page = add_page(home, title=title, slug=slug, show_in_menus=True)
        translate(page, "en", title=title_en)
    settings_row = PortalSettings.for_site(Site.objects.get())
    settings_row.footer_links = stream(("link", {"label": "隱私權政策", "label_en": "Privacy",
                                                 "url": "/privacy/"}))
    settings_row.save()
    # The home page, two sections each marked current in the menu, a view with no search
    # box in its header, and a page with a query string for its language links.
    paths = [f"{prefix}/", f"{prefix}/about/", f"{prefix}/news/", f"{prefix}/search/?q=高雄",
             f"{prefix}/about/?page=2"]
    fresh = {}
    for path in paths:
        cache.clear()
        fresh[path] = get(client, path)
    cache.clear()
    for path in paths:
        get(client, path)  # each keeps what the next ones share
    for path in paths:
        body, queries = get(client, path)
        assert body == fresh[path][0], path
        assert queries < fresh[path][1], path  # the menu and settings came from the chrome
    assert "隱私權政策" in fresh[f"{prefix}/"][0] or "Privacy" in fresh[f"{prefix}/"][0]
    # The kept search box leads to the search page in the page's language; that page has none.
    kept_home = parse(client.get(f"{prefix}/").content)
    assert kept_home.select_one("header form.site-search")["action"] == f"{prefix}/search/"
    assert parse(client.get(f"{prefix}/search/?q=高雄").content).select_one(
        "header form.site-search") is None
    assert menu(client.get(f"{prefix}/about/"))[0][1] == "page"
    assert menu(client.get(f"{prefix}/news/"))[0][1] is None


def test_a_publish_an_unpublish_and_a_menu_change_show_on_the_next_page(client, home):
    about = add_page(home, title="關於本處", slug="about", show_in_menus=True)
    assert menu(client.get("/")) == [("關於本處", None)]
    news = add_page(home, title="新聞", slug="news", show_in_menus=True)
    assert menu(client.get("/")) == [("關於本處", None), ("新聞", None)]
    news.unpublish()
    assert menu(client.get("/")) == [("關於本處", None)]
    settings_row = PortalSettings.for_site(Site.objects.get())
    settings_row.main_menu = stream(("item", {"label": "案件查詢", "label_en": "Track",
                                              "url": "/cases/track/"}),
                                    ("item", {"label": "本處", "label_en": "Us",
                                              "page": about.pk}))
    settings_row.phone = "07-799-5678"
    settings_row.save()
    body = client.get("/").content.decode()
    assert menu(client.get("/")) == [("案件查詢", None), ("本處", None)]
    assert "07-799-5678" in body


def test_a_page_the_scheduler_publishes_joins_the_kept_menu_in_both_languages(client, home,
                                                                             home_en):
    # Each process holds the chrome it rendered (portal.fragments): the scheduler's
    # publication, through its own loop, must show on the next page all the same.
    taipei = zoneinfo.ZoneInfo("Asia/Taipei")
    at = functools.partial(datetime.datetime, 2026, 3, 2, tzinfo=taipei)
    with travel(at(10, 0, 30)) as traveller:
        about = add_page(home, title="關於本處", slug="about", show_in_menus=True)
        translate(about, "en", title="About us")
        news = add_page(home, title="新聞", slug="news", show_in_menus=True, publish=False)
        news_en = news.copy_for_translation(Locale.objects.get(language_code="en"))
        news_en.title = "News"
        for page in (news, news_en):
            page.go_live_at = at(10, 5)
            page.save_revision().publish()
        for _ in range(2):  # the second from the kept chrome
            assert menu(client.get("/")) == [("關於本處", None)]
            assert menu(client.get("/en/")) == [("About us", None)]
        run_scheduler(traveller, at(10, 4, 59))
        assert menu(client.get("/")) == [("關於本處", None)]
        run_scheduler(traveller, at(10, 5, 30))
        assert menu(client.get("/")) == [("關於本處", None), ("新聞", None)]
        assert menu(client.get("/en/")) == [("About us", None), ("News", None)]


def test_a_signed_in_reader_never_shares_the_chrome(home, settings, tmp_path):
    add_page(home, title="關於本處", slug="about", show_in_menus=True)
    # A mark inside the kept menu that only a signed-in reader's render shows.
    (tmp_path / "includes").mkdir()
    header = (settings.BASE_DIR / "portal" / "templates" / "includes" / "header.html")
    opening = '{% keptfragment "main-menu" menu_marks %}'
    assert opening in header.read_text()
    (tmp_path / "includes" / "header.html").write_text(header.read_text().replace(
        opening, opening + "{% if request.user.is_authenticated %}"
        + SIGNED_IN_MARK + "{% endif %}"))
    settings.TEMPLATES = [{**settings.TEMPLATES[0],
                           "DIRS": [tmp_path, *settings.TEMPLATES[0]["DIRS"]]}]
    editor = Client()
    sign_in_verified(editor, User.objects.create_superuser("editor", password="pw"))
    assert SIGNED_IN_MARK not in get(Client(), "/")[0]  # kept for anonymous readers
    assert SIGNED_IN_MARK in get(editor, "/")[0]  # not given the anonymous one
    assert SIGNED_IN_MARK not in get(Client(), "/")[0]  # the editor's was not kept
    assert SIGNED_IN_MARK in get(editor, "/about/")[0]
    assert SIGNED_IN_MARK not in get(Client(), "/about/")[0]


def test_a_fragment_that_holds_a_csrf_token_is_not_kept(home, settings, tmp_path):
    # Were the kept menu to carry a POST form, its token would be the reader's own.
    (tmp_path / "includes").mkdir()
    header = (settings.BASE_DIR / "portal" / "templates" / "includes" / "header.html")
    opening = '{% keptfragment "main-menu" menu_marks %}'
    (tmp_path / "includes" / "header.html").write_text(header.read_text().replace(
        opening, opening + '<form method="post">{% csrf_token %}</form>'))
    settings.TEMPLATES = [{**settings.TEMPLATES[0],
                           "DIRS": [tmp_path, *settings.TEMPLATES[0]["DIRS"]]}]
    first, second = Client(), Client()
    bodies = [get(browser, "/")[0] for browser in (first, second)]
    tokens = [parse(body).select_one("input[name=csrfmiddlewaretoken]")["value"]
              for body in bodies]
    assert tokens[0] != tokens[1]
    assert first.cookies["csrftoken"].value != second.cookies["csrftoken"].value
