"""網站導覽: the site's structure in the reader's language, and its access keys."""

from django.db import connection
from django.test.utils import CaptureQueriesContext
from wagtail.models import PageViewRestriction

from tests.factories import add_page, translate
from tests.home.page_makers import make_site_map
from tests.html import parse


def tree(response):
    """The site map's nested list as [(title, href, [children…])]."""
    def branch(ul):
        if ul is None:
            return []
        return [(li.a.get_text(strip=True), li.a["href"], branch(li.find("ul", recursive=False)))
                for li in ul.find_all("li", recursive=False)]
    section = parse(response).select_one('section[aria-labelledby="site-structure"]')
    return branch(section.find("ul"))


def test_site_map_lists_sections_and_their_menu_pages(client, home, home_en):
    about = add_page(home, title="關於本處", slug="about")
    add_page(about, title="業務職掌", slug="duties", show_in_menus=True)
    add_page(about, title="內部備忘", slug="memo")  # not a menu page: left out
    budget = add_page(about, title="預算", slug="budget", show_in_menus=True)
    add_page(budget, title="109年度", slug="2020", show_in_menus=True)
    add_page(home, title="草稿", slug="draft", publish=False)
    internal = add_page(home, title="內部專區", slug="internal")
    PageViewRestriction.objects.create(page=internal, restriction_type="login")
    site_map = make_site_map(home)

    assert tree(client.get(site_map.url)) == [
        ("關於本處", "/about/", [
            ("業務職掌", "/about/duties/", []),
            ("預算", "/about/budget/", [("109年度", "/about/budget/2020/", [])]),
        ]),
        ("網站導覽", "/sitemap/", []),
    ]


def test_site_map_in_english_lists_english_pages(client, home, home_en):
    about = add_page(home, title="關於本處", slug="about")
    translate(about, "en", title="About us")
    add_page(home, title="僅中文", slug="chinese-only")
    site_map = translate(make_site_map(home), "en", title="Site map")
    assert tree(client.get(site_map.url)) == [("About us", "/en/about/", []),
                                              ("Site map", "/en/sitemap/", [])]


def test_site_map_explains_the_access_keys_in_both_languages(client, home, home_en):
    site_map = make_site_map(home)
    translate(site_map, "en", title="Site map")
    chinese = parse(client.get("/sitemap/"))
    keys = [dt.get_text() for dt in chinese.select("dl.access-keys dt")]
    assert keys == ["Alt+U", "Alt+C", "Alt+Z"]
    assert "上方功能區塊" in chinese.select_one("dl.access-keys").get_text()
    assert "Control+Option" in chinese.get_text() and "Ctrl+F" in chinese.get_text()
    english = parse(client.get("/en/sitemap/"))
    assert "the main content of the page" in english.select_one("dl.access-keys").get_text()


def test_site_map_queries_do_not_grow_with_the_site(client, home, home_en, settings):
    settings.PORTAL_PAGE_CACHE_SECONDS = 0  # every answer rendered, none kept
    site_map = make_site_map(home)

    def queries():
        with CaptureQueriesContext(connection) as captured:
            assert client.get(site_map.url).status_code == 200
        return len(captured)

    add_page(home, title="服務0", slug="service-0")
    queries()  # the first answer also fills the caches of sites and settings
    few = queries()
    for number in range(1, 6):
        section = add_page(home, title=f"服務{number}", slug=f"service-{number}")
        for child in range(3):
            add_page(section, title=f"子頁{child}", slug=f"child-{child}", show_in_menus=True)
    assert len(tree(client.get(site_map.url))) == 7
    assert queries() == few
