from django.test import RequestFactory

from portal import urls
from portal.views import server_error
from tests.html import has_link, parse


def test_unknown_url_gives_chinese_404_at_root(client, home, home_en):
    response = client.get("/no-such-page/")
    assert response.status_code == 404
    text = response.content.decode()
    assert parse(text).html["lang"] == "zh-Hant"
    assert "找不到網頁" in text
    assert "Traceback" not in text


def test_unknown_url_gives_english_404_under_en(client, home, home_en):
    response = client.get("/en/no-such-page/")
    assert response.status_code == 404
    text = response.content.decode()
    assert parse(text).html["lang"] == "en"
    assert "Page not found" in text
    assert has_link(parse(text), "/en/")


def test_404_without_any_site_still_renders(client, db):
    response = client.get("/nothing-here/")
    assert response.status_code == 404
    assert "找不到網頁" in response.content.decode()


def test_500_page_is_bilingual_and_technical_detail_free(db):
    response = server_error(RequestFactory().get("/"))
    text = response.content.decode()
    assert response.status_code == 500
    assert "系統暫時無法服務" in text
    assert "Service temporarily unavailable" in text
    assert "Traceback" not in text and "Exception" not in text


def test_500_handler_is_installed():
    assert urls.handler500 == "portal.views.server_error"
