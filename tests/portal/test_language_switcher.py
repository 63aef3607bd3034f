import datetime

from bs4 import BeautifulSoup

from sistercities.models import Visit
from tests.factories import add_page, translate
from tests.html import parse
from tests.sistercities.page_makers import city_index


def switcher_links(response):
    soup = BeautifulSoup(response.content, "html.parser")
    nav = soup.select_one("nav.language-switcher")
    return {a["lang"]: a["href"] for a in nav.select("a")}


def test_home_pages_link_to_each_other(client, home, home_en):
    assert switcher_links(client.get("/")) == {"en": "/en/"}
    assert switcher_links(client.get("/en/")) == {"zh-Hant": "/"}


def test_translated_page_links_to_its_translation(client, home, home_en):
    about = add_page(home, title="關於本處", slug="about")
    translate(about, "en", title="About us")
    assert switcher_links(client.get("/about/")) == {"en": "/en/about/"}
    assert switcher_links(client.get("/en/about/")) == {"zh-Hant": "/about/"}


def test_untranslated_page_links_to_the_other_home_page(client, home, home_en):
    add_page(home, title="僅中文", slug="chinese-only")
    assert switcher_links(client.get("/chinese-only/")) == {"en": "/en/?from=zh-hant"}


def test_draft_translation_is_not_offered(client, home, home_en):
    about = add_page(home, title="關於本處", slug="about")
    draft = about.copy_for_translation(home_en.locale)
    assert not draft.live
    assert switcher_links(client.get("/about/")) == {"en": "/en/?from=zh-hant"}


def test_not_found_page_links_to_the_other_home_page(client, home, home_en):
    response = client.get("/en/no-such-page/")
    assert response.status_code == 404
    assert switcher_links(response) == {"zh-Hant": "/"}


def test_pages_declare_hreflang_alternates(client, home, home_en):
    soup = BeautifulSoup(client.get("/").content, "html.parser")
    alternates = {link["hreflang"]: link["href"]
                  for link in soup.select('link[rel="alternate"][hreflang]')}
    assert alternates == {"zh-Hant": "http://testserver/", "en": "http://testserver/en/"}


def notice(response):
    found = parse(response).select_one(".fallback-notice")
    return found.get_text(" ", strip=True) if found else None


def test_switcher_keeps_the_query_string(client, home, home_en):
    about = add_page(home, title="關於本處", slug="about")
    translate(about, "en", title="About us")
    links = switcher_links(client.get("/about/?page=2&q=%E9%87%9C%E5%B1%B1"))
    assert links == {"en": "/en/about/?page=2&q=%E9%87%9C%E5%B1%B1"}


def test_switcher_keeps_the_sub_route_of_a_routable_page(client, home, home_en):
    index = city_index(home)
    translate(index, "en", title="Sister cities")
    for locale, delegation in ((home.locale, "釜山市訪團"), (home_en.locale, "Busan delegation")):
        Visit.objects.create(date=datetime.date(2019, 3, 29), delegation=delegation,
                             place="Korea", purpose="exchange", locale=locale)
    links = switcher_links(client.get("/sister-cities/visits/2019/?sort=date"))
    assert links == {"en": "/en/sister-cities/visits/2019/?sort=date"}
    english = client.get(links["en"])
    assert english.status_code == 200 and "Busan delegation" in english.content.decode()
    assert switcher_links(english) == {"zh-Hant": "/sister-cities/visits/2019/?sort=date"}


def test_views_keep_their_query_string(client, home, home_en):
    links = switcher_links(client.get("/search/?q=%E9%87%9C%E5%B1%B1&page=2"))
    assert links == {"en": "/en/search/?q=%E9%87%9C%E5%B1%B1&page=2"}


def test_untranslated_page_goes_to_the_nearest_translated_ancestor_and_says_so(
        client, home, home_en):
    about = add_page(home, title="關於本處", slug="about")
    translate(about, "en", title="About us")
    duties = add_page(about, title="業務職掌", slug="duties")
    add_page(duties, title="施政計畫", slug="plan")

    links = switcher_links(client.get("/about/duties/plan/?page=3"))
    assert links == {"en": "/en/about/?from=zh-hant"}  # the filters of another page are dropped
    arrived = client.get(links["en"])
    assert arrived.status_code == 200
    assert notice(arrived) == ("The page you were reading is not available in English; "
                               "you are on the nearest page that is.")
    # Switching back from there does not carry the marker along.
    assert switcher_links(arrived) == {"zh-Hant": "/about/"}
    assert notice(client.get("/en/about/")) is None


def test_fallback_notice_is_in_the_reader_language(client, home, home_en):
    arrived = client.get("/?from=en")
    assert notice(arrived) == "您原先閱讀的頁面沒有正體中文版本，目前顯示的是最接近的頁面。"


def test_fallback_marker_of_the_same_or_no_language_shows_nothing(client, home, home_en):
    for query in ("?from=en", "?from=xx", "?from="):
        response = client.get("/en/" + query)
        assert response.status_code == 200, query
        assert notice(response) is None, query
