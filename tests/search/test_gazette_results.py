"""Gazette documents in the site search: clean snippets, and English readers find the
Chinese-only gazette by English title and by document number (發文字號)."""

import pytest

from search import results
from search.elasticsearch import search_backends
from search.elasticsearch_backend import SearchBackend
from tests.bulletin.helpers import gazette_index, load, record
from tests.factories import translate
from tests.html import parse
from tests.search.es_recorder import RecordingNode

NUMBER = "高市府行國字第11330000001號"


@pytest.fixture
def document(home, home_en):
    index = gazette_index(home)
    translate(index, "en", title="City Gazette")
    report = load(record(1, title="高雄市機關車輛管理要點", title_en="Vehicle management rules",
                         body_html="<p>主旨：公告\u3000本府車輛管理要點。</p>"
                                   "<p>說明：依據A&amp;B辦理。</p>"))
    assert not report.errors
    return report.documents[0]


def result_links(response):
    return [(a["href"], a.get_text(strip=True))
            for a in parse(response.content).select(".search-results h3 a")]


def snippets(response):
    return [p.get_text() for p in parse(response.content).select(".search-results li > p")
            if "search-results__meta" not in p.get("class", [])]


def test_gazette_snippets_are_clean_text(client, document):
    [text] = snippets(client.get("/search/", {"q": "車輛"}))
    # The body's paragraphs as text, not a Python list with escaped ideographic spaces.
    assert "['" not in text and "\\u3000" not in text
    assert "主旨：公告 本府車輛管理要點。 說明：依據A&B辦理。" in text


def test_english_search_finds_gazette_documents_by_english_title(client, document):
    response = client.get("/en/search/", {"q": "vehicle management"})
    assert result_links(response) == [(f"/en/gazette/d/{document.pk}/",
                                       "Vehicle management rules")]
    marks = [mark.get_text() for mark in parse(response.content).find_all("mark")]
    assert "Vehicle" in marks and "management" in marks


@pytest.mark.parametrize("query", [NUMBER, "11330000001"])
def test_both_languages_find_gazette_documents_by_number(client, document, query):
    english = client.get("/en/search/", {"q": query})
    assert result_links(english) == [(f"/en/gazette/d/{document.pk}/",
                                      "Vehicle management rules")]
    chinese = client.get("/search/", {"q": query})
    assert result_links(chinese) == [(document.url, "高雄市機關車輛管理要點")]


def test_english_suggestions_offer_gazette_documents(client, document):
    data = client.get("/en/search/suggest/", {"q": "Vehic"}).json()
    assert data == {"results": [{"title": "Vehicle management rules",
                                 "url": f"/en/gazette/d/{document.pk}/"}]}


def translate_document(document, **fields):
    translate(document.get_parent().specific, "en", title="Summer issue 5")
    return translate(document, "en", **fields)


def test_a_translated_gazette_document_is_listed_once_in_its_own_language(client, document):
    translated = translate_document(document, title_en="Vehicle management rules (English text)")
    response = client.get("/en/search/", {"q": "vehicle"})
    assert result_links(response) == [(translated.url,
                                       "Vehicle management rules (English text)")]


def test_chinese_search_does_not_list_english_pages(client, document, home_en):
    translate_document(document, title="車輛 in English")
    assert [href for href, _title in result_links(client.get("/search/", {"q": "車輛"}))] == [
        document.url]


def test_elasticsearch_query_filters_on_language_or_shared_gazette(document):
    """The English scope compiles into an Elasticsearch filter (no joins, no subqueries)."""
    params = dict(search_backends("http://127.0.0.1:9200")["default"])
    params.pop("BACKEND")
    RecordingNode.requests = []
    backend = SearchBackend({**params, "OPTIONS": {"node_class": RecordingNode}})
    queryset = results.base_queryset("en", results.Filters())
    list(backend.search("vehicle", queryset))
    [(_method, _target, body)] = RecordingNode.requests
    filters = str(body["query"]["bool"]["filter"])
    assert "locale_id" in filters and "content_type_id" in filters
    assert "translation_key" in filters


def test_english_search_queries_do_not_grow_with_gazette_results(
        client, document, django_assert_max_num_queries):
    client.get("/en/search/", {"q": "公示送達"})  # warm per-process caches
    # Each measured request counts afresh: an import (a publish) makes kept counts stale.
    load(record(2, title="公示送達第2號處分書", keywords=["公示送達", "第2號"]))
    with django_assert_max_num_queries(100) as few:
        client.get("/en/search/", {"q": "公示送達"})
    load(*[record(n, title=f"公示送達第{n}號處分書", keywords=["公示送達", f"第{n}號"])
           for n in range(3, 8)])
    with django_assert_max_num_queries(len(few.captured_queries)):
        response = client.get("/en/search/", {"q": "公示送達"})
    assert len(result_links(response)) == 7
