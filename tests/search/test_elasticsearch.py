"""What the Elasticsearch 8 backend sends, captured at the client's transport layer."""

import pytest

from home.models import StandardPage
from search.analysis import character_table
from search.elasticsearch import index_settings, search_backends
from search.elasticsearch_backend import SearchBackend
from tests.search.es_recorder import RecordingNode


@pytest.fixture
def backend():
    params = dict(search_backends("http://127.0.0.1:9200")["default"])
    assert params.pop("BACKEND") == "search.elasticsearch_backend"
    RecordingNode.requests = []
    return SearchBackend({**params, "OPTIONS": {"node_class": RecordingNode}})


def test_database_backend_without_a_url():
    assert search_backends(None) == {"default": {"BACKEND": "search.backends"}}


def test_index_settings_carry_the_cjk_analysis(backend):
    index = backend.get_index_for_model(StandardPage)
    index.put()
    [(method, target, body)] = RecordingNode.requests
    assert (method, target) == ("PUT", "/portal_wagtailcore_page")
    analysis = body["settings"]["analysis"]
    assert analysis["analyzer"]["default"] == {
        "type": "custom", "tokenizer": "standard", "char_filter": ["portal_t2s"],
        "filter": ["cjk_width", "lowercase", "portal_bigram", "portal_stop", "portal_stemmer"]}
    assert analysis["analyzer"]["portal_fold"] == {
        "type": "custom", "tokenizer": "standard", "char_filter": ["portal_t2s"],
        "filter": ["cjk_width", "lowercase"]}
    assert analysis["analyzer"]["edgengram_analyzer"]["char_filter"] == ["portal_t2s"]
    assert analysis["filter"]["portal_bigram"] == {"type": "cjk_bigram",
                                                    "output_unigrams": True}
    assert analysis["filter"]["portal_stemmer"] == {"type": "stemmer", "language": "english"}
    mappings = analysis["char_filter"]["portal_t2s"]["mappings"]
    # The same table as the database backend's analysis, character for character.
    assert len(mappings) == len(character_table())
    assert "費 => 费" in mappings and "護 => 护" in mappings
    ours = index_settings()["settings"]["analysis"]
    for section in ("analyzer", "filter", "char_filter"):
        for name, definition in ours[section].items():
            assert analysis[section][name] == definition, name


def test_mapping_folds_autocomplete_queries(backend):
    backend.get_index_for_model(StandardPage).add_model(StandardPage)
    [(method, target, body)] = RecordingNode.requests
    assert (method, target) == ("PUT", "/portal_wagtailcore_page/_mapping")
    properties = body["properties"]
    assert properties["_edgengrams"] == {"type": "text", "analyzer": "edgengram_analyzer",
                                         "search_analyzer": "portal_fold"}
    # Searchable text fields use the index's default analyzer (the CJK one).
    assert properties["title"] == {"type": "text",
                                   "copy_to": ["_all_text", "_all_text_boost_2_0"]}
    assert properties["home_standardpage__summary"] == {"type": "text",
                                                        "copy_to": "_all_text"}


def test_queries_and_words(backend):
    list(backend.search("消费者 night markets", StandardPage))
    list(backend.autocomplete("釜山", StandardPage))
    (_, search_target, search), (_, _, autocomplete) = RecordingNode.requests
    assert search_target == "/portal_wagtailcore_page/_search?scroll=2m"
    assert search["query"] == {"bool": {
        "must": {"multi_match": {"query": "消费者 night markets", "operator": "and",
                                 "fields": ["_all_text", "_all_text_boost_2_0^2.0"]}},
        "filter": {"match": {"_django_content_type": "home.StandardPage"}}}}
    assert autocomplete["query"]["bool"]["must"] == {"match": {"_edgengrams": {"query": "釜山"}}}
