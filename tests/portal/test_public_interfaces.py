import json
import xml.etree.ElementTree as ET

import pytest

from tests.factories import add_page, translate
from tests.portal.helpers import production_env, run_manage

SITEMAP = "{http://www.sitemaps.org/schemas/sitemap/0.9}"
XHTML = "{http://www.w3.org/1999/xhtml}"


def test_sitemap_covers_both_languages_with_hreflang(client, home, home_en):
    about = add_page(home, title="關於本處", slug="about")
    translate(about, "en", title="About us")
    add_page(home, title="僅中文", slug="chinese-only")
    add_page(home, title="草稿", slug="draft", publish=False)

    index = ET.fromstring(client.get("/sitemap.xml").content)
    section_urls = [loc.text for loc in index.iter(f"{SITEMAP}loc")]
    assert section_urls == ["http://testserver/sitemap-pages.xml"]

    response = client.get("/sitemap-pages.xml")
    assert response.status_code == 200
    urls = {}
    for url in ET.fromstring(response.content).iter(f"{SITEMAP}url"):
        alternates = {link.get("hreflang"): link.get("href")
                      for link in url.iter(f"{XHTML}link")}
        urls[url.find(f"{SITEMAP}loc").text] = alternates
    assert set(urls) == {
        "http://testserver/", "http://testserver/en/", "http://testserver/about/",
        "http://testserver/en/about/", "http://testserver/chinese-only/",
    }
    assert urls["http://testserver/about/"] == {
        "zh-Hant": "http://testserver/about/", "en": "http://testserver/en/about/"}
    assert urls["http://testserver/chinese-only/"] == {}


def test_robots_txt_points_at_the_sitemap(client, home):
    response = client.get("/robots.txt")
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/plain")
    body = response.content.decode()
    assert "Disallow: /admin/" in body
    assert "Sitemap: http://testserver/sitemap.xml" in body


def test_machine_paths_never_redirect_to_a_language(client, home):
    for path in ("/sitemap.xml", "/robots.txt", "/healthz", "/api/v2/pages/"):
        response = client.get(path, HTTP_ACCEPT_LANGUAGE="en")
        assert response.status_code == 200, path


def test_healthz_reports_components_without_secrets(client, db):
    response = client.get("/healthz")
    assert response.status_code == 200
    assert response.json() == {"status": "ok", "checks": {
        "database": "ok", "cache": "ok", "search": "ok", "tasks": "ok"}}
    assert response["Cache-Control"].startswith("max-age=0")


def test_wagtail_api_lists_pages_in_both_languages(client, home, home_en):
    add_page(home, title="關於本處", slug="about", summary="本處簡介")
    response = client.get("/api/v2/pages/?type=home.StandardPage&fields=summary")
    assert response.status_code == 200
    items = response.json()["items"]
    assert [(item["title"], item["summary"]) for item in items] == [("關於本處", "本處簡介")]
    locales = {item["meta"]["locale"] for item in client.get("/api/v2/pages/").json()["items"]}
    assert locales == {"zh-hant", "en"}


def assert_security_headers(headers):
    csp = dict(part.strip().split(" ", 1) for part in headers["Content-Security-Policy"].split(";"))
    assert csp["default-src"] == "'self'"
    assert "unsafe-inline" not in csp["script-src"] and "*" not in csp["script-src"]
    assert csp["object-src"] == "'none'" and csp["frame-ancestors"] == "'none'"
    assert headers["X-Content-Type-Options"] == "nosniff"
    assert headers["Referrer-Policy"] == "strict-origin-when-cross-origin"
    assert "camera=()" in headers["Permissions-Policy"]
    assert "geolocation=()" in headers["Permissions-Policy"]


@pytest.mark.parametrize(("url", "status"), [
    ("/", 200),
    ("/en/", 200),
    ("/api/gazette/documents.json", 200),
    ("/api/3/action/package_list", 200),
    ("/open311/v2/services.json", 200),
    ("/admin/login/", 200),
    ("/no-such-page/", 404),
    ("/api/gazette/issues/nonsense.json", 400),
    ("/static/css/portal.css", 200),
])
def test_security_headers_on_every_kind_of_response(client, home, home_en, url, status):
    response = client.get(url)
    assert response.status_code == status
    assert_security_headers(response)
    assert response["X-Frame-Options"] == "DENY"
    assert "Strict-Transport-Security" not in response  # only production sends HSTS


def test_production_sends_hsts_and_the_same_headers_over_https(tmp_path):
    """Under the production settings, over HTTPS (nginx's X-Forwarded-Proto)."""
    code = (
        "import json; from django.test import Client;"
        "client = Client(HTTP_HOST='www.example.gov.tw');"
        "secure = client.get('/robots.txt', HTTP_X_FORWARDED_PROTO='https');"
        "plain = client.get('/robots.txt');"
        "print(json.dumps({'status': secure.status_code, 'headers': dict(secure.headers),"
        " 'plain': [plain.status_code, plain.get('Location')]}))"
    )
    result = run_manage("shell", "-c", code, env=production_env(tmp_path))
    assert result.returncode == 0, result.stderr
    answer = json.loads(result.stdout.strip().splitlines()[-1])
    assert answer["status"] == 200
    headers = answer["headers"]
    assert headers["Strict-Transport-Security"] == (
        "max-age=31536000; includeSubDomains; preload")
    assert_security_headers(headers)
    assert answer["plain"] == [301, "https://www.example.gov.tw/robots.txt"]


def test_bad_page_numbers_give_a_page_not_an_error(client, home):
    about = add_page(home, title="關於本處", slug="about")
    for number in range(25):
        add_page(about, title=f"子頁面{number}", slug=f"child-{number}")
    for query in ("abc", "-3", "0", "99999999999999999999999", "1.5"):
        response = client.get(f"/about/?page={query}")
        assert response.status_code == 200, query
    # A NUL is no page number but a character text cannot hold, refused on every request.
    assert client.get("/about/?page=%00").status_code == 400
    first = client.get("/about/?page=abc").content.decode()
    assert "子頁面0" in first and "子頁面24" not in first
    last = client.get("/about/?page=999").content.decode()
    assert "子頁面24" in last


def test_query_count_of_a_section_page_does_not_grow_with_children(
    client, home, django_assert_max_num_queries
):
    about = add_page(home, title="關於本處", slug="about")
    add_page(about, title="子頁面", slug="child-0")
    with django_assert_max_num_queries(30) as few:
        client.get("/about/")
    for number in range(1, 20):
        add_page(about, title=f"子頁面{number}", slug=f"child-{number}")
    with django_assert_max_num_queries(len(few.captured_queries)):
        client.get("/about/")
