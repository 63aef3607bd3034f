from bs4 import BeautifulSoup

from tests.factories import add_page, translate


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
    assert switcher_links(client.get("/chinese-only/")) == {"en": "/en/"}


def test_draft_translation_is_not_offered(client, home, home_en):
    about = add_page(home, title="關於本處", slug="about")
    draft = about.copy_for_translation(home_en.locale)
    assert not draft.live
    assert switcher_links(client.get("/about/")) == {"en": "/en/"}


def test_not_found_page_links_to_the_other_home_page(client, home, home_en):
    response = client.get("/en/no-such-page/")
    assert response.status_code == 404
    assert switcher_links(response) == {"zh-Hant": "/"}


def test_pages_declare_hreflang_alternates(client, home, home_en):
    soup = BeautifulSoup(client.get("/").content, "html.parser")
    alternates = {link["hreflang"]: link["href"]
                  for link in soup.select('link[rel="alternate"][hreflang]')}
    assert alternates == {"zh-Hant": "http://testserver/", "en": "http://testserver/en/"}
