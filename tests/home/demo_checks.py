"""What the home app's demo must show: the nine services in the menu, the footer pages and
the site map, in both languages (run by tests/home/test_demo_content.py)."""

from tests.html import parse

MENU_ZH = ["關於本處", "市府公報", "姊妹市", "主題展", "消費者保護", "開放資料", "市長信箱/陳情",
           "消費申訴", "案件查詢"]
MENU_EN = ["About us", "City Gazette", "Sister cities", "Exhibitions", "Consumer protection",
           "Open data", "Mayor's mailbox / petitions", "Consumer complaints", "Track a case"]
FOOTER_ZH = ["網站導覽", "隱私權及資訊安全政策", "無障礙聲明", "政府網站資料開放宣告", "聯絡我們"]
FOOTER_EN = ["Site map", "Privacy and information security policy", "Accessibility statement",
             "Open data declaration", "Contact us"]


def links(soup, selector):
    return [(a.get_text(strip=True), a["href"]) for a in soup.select(f"{selector} a")]


def check(client):
    for home, menu, footer in (("/", MENU_ZH, FOOTER_ZH), ("/en/", MENU_EN, FOOTER_EN)):
        soup = parse(client.get(home))
        menu_links = links(soup, "nav.main-nav")
        assert [text for text, _ in menu_links] == menu
        footer_links = links(soup, "nav.site-footer__links")
        assert [text for text, _ in footer_links] == footer
        for text, href in menu_links + footer_links:
            assert client.get(href).status_code == 200, (text, href)
    assert ("Track a case", "/en/cases/track/") in links(parse(client.get("/en/")),
                                                         "nav.main-nav")

    privacy = parse(client.get("/privacy/")).get_text()
    assert "結案後5年刪除" in privacy  # what the intake forms promise
    assert "5 years after the case is closed" in parse(client.get("/en/privacy/")).get_text()
    assert "政府資料開放授權條款－第1版" in parse(client.get("/open-data-declaration/")).get_text()
    statement = parse(client.get("/en/accessibility/")).get_text()
    assert "WCAG" in statement and "Report a barrier" in statement
    contact = parse(client.get("/contact/")).get_text()
    assert "07-3368333" in contact and "1999" in contact and "1950" in contact

    site_map = parse(client.get("/sitemap/"))
    sections = [a.get_text(strip=True) for a in
                site_map.select('section[aria-labelledby="site-structure"] > ul > li > a')]
    assert "關於本處" in sections and "隱私權及資訊安全政策" in sections
    assert client.get("/en/sitemap/").status_code == 200
