"""Pins what `search.wagtail_adapter` takes from Wagtail's (modelsearch's) search internals:
each name it overrides or calls exists with the signature the adapter was written for,
and the real backend still answers through every override. A failure here after an
upgrade means: read the new stock code, then mend the adapter, not this test."""

import importlib
import inspect

import pytest
from django.db import connection
from django.db.models import Func
from modelsearch.backends import elasticsearch8 as es8
from modelsearch.backends.base import BaseSearchQueryCompiler
from modelsearch.backends.database.postgres import postgres
from wagtail.models import Page
from wagtail.search.backends import get_search_backend

from home.models import StandardPage
from search.wagtail_adapter import AnalysingQueryMixin
from search.wagtail_adapter import elasticsearch8 as adapter_es8
from search.wagtail_adapter import postgres as adapter_postgres
from tests.factories import add_page


def parameters(function):
    return list(inspect.signature(function).parameters)


def test_the_query_compiler_keeps_the_query_it_is_given():
    # AnalysingQueryMixin rewrites `self.query` after the stock __init__ has set it.
    assert parameters(BaseSearchQueryCompiler.__init__)[:3] == ["self", "queryset", "query"]
    source = inspect.getsource(BaseSearchQueryCompiler.__init__)
    assert "self.query = query" in source
    for name in ("fields", "order_by_relevance"):
        assert f"self.{name} = {name}" in source


POSTGRES = [
    (postgres.ObjectIndexer, "prepare_field", ["self", "obj", "field"]),
    (postgres.PostgresIndex, "add_items", ["self", "model", "objs"]),
    (postgres.PostgresIndex, "_refresh_title_norms", ["self", "full"]),
    (postgres.PostgresSearchQueryCompiler, "search",
     ["self", "config", "start", "stop", "score_field", "backend"]),
    (postgres.PostgresSearchQueryCompiler, "build_tsquery", ["self", "query", "config"]),
    (postgres.PostgresSearchQueryCompiler, "_build_rank_expression",
     ["self", "vectors", "config"]),
    (postgres.PostgresSearchQueryCompiler, "_apply_ordering_and_scoring",
     ["self", "queryset", "rank_expression", "start", "stop", "score_field"]),
]


@pytest.mark.parametrize(("cls", "name", "expected"), POSTGRES,
                         ids=[f"{c.__name__}.{n}" for c, n, _ in POSTGRES])
def test_the_postgresql_internals_the_adapter_relies_on(cls, name, expected):
    assert parameters(getattr(cls, name)) == expected


def test_the_postgresql_indexer_and_entry_have_what_add_items_writes():
    for name in ("id", "title", "autocomplete", "body", "title_text", "body_text"):
        assert isinstance(inspect.getattr_static(postgres.ObjectIndexer, name),
                          (property, type(postgres.ObjectIndexer.title_text)))
    indexer = inspect.getsource(postgres.ObjectIndexer.__init__)
    assert "self.obj = obj" in indexer and "self.search_fields = " in indexer
    assert "self.write_connection" in inspect.getsource(postgres.PostgresIndex.__init__)
    assert issubclass(adapter_postgres.AnalysingPostgresIndex, postgres.PostgresIndex)
    if connection.vendor == "postgresql":  # the entry's columns depend on the database
        columns = {field.name for field in postgres.IndexEntry._meta.get_fields()}
        assert {"content_type", "object_id", "title", "autocomplete", "body", "title_norm",
                "title_text", "body_text"} <= columns


SQLITE = [
    ("ObjectIndexer", "prepare_field", ["self", "obj", "field"]),
    ("SQLiteIndex", "add_items", ["self", "model", "objs"]),
    ("SQLiteIndex", "_refresh_title_norms", ["self", "full"]),
    ("SQLiteSearchQueryCompiler", "search", ["self", "config", "start", "stop", "score_field"]),
    ("SQLiteSearchQueryCompiler", "build_search_query", ["self", "query", "config"]),
    ("SQLiteSearchQueryCompiler", "_build_rank_expression", ["self", "vectors", "config"]),
]


@pytest.fixture
def stock_sqlite():
    # modelsearch's SQLite module looks up a model that exists only on SQLite.
    if connection.vendor != "sqlite":
        pytest.skip("modelsearch's SQLite backend imports only on SQLite")
    module = importlib.import_module("modelsearch.backends.database.sqlite.sqlite")
    module.query = importlib.import_module("modelsearch.backends.database.sqlite.query")
    return module


@pytest.mark.parametrize(("cls", "name", "expected"), SQLITE,
                         ids=[f"{c}.{n}" for c, n, _ in SQLITE])
def test_the_sqlite_internals_the_adapter_relies_on(stock_sqlite, cls, name, expected):
    assert parameters(getattr(getattr(stock_sqlite, cls), name)) == expected


def test_the_sqlite_names_the_adapter_uses_exist(stock_sqlite):
    query = stock_sqlite.query
    assert parameters(query.MatchExpression.__init__)[:3] == ["self", "columns", "query"]
    assert parameters(query.normalize) == ["search_query"]
    assert stock_sqlite.SQLiteSearchQueryCompiler.FTS_TABLE_FIELDS == ["title", "body"]
    entry = stock_sqlite.SQLiteFTSIndexEntry
    assert entry._meta.get_field("index_entry").related_model is stock_sqlite.IndexEntry
    assert issubclass(stock_sqlite.BM25, Func) and stock_sqlite.BM25.function == "bm25"
    assert "self.entries" in inspect.getsource(stock_sqlite.SQLiteIndex.__init__)


def test_the_elasticsearch_internals_the_adapter_relies_on():
    assert isinstance(es8.Elasticsearch8Mapping.edgengram_analyzer_config, dict)
    assert es8.Elasticsearch8SearchQueryCompiler.mapping_class is es8.Elasticsearch8Mapping
    assert es8.Elasticsearch8AutocompleteQueryCompiler.mapping_class is \
        es8.Elasticsearch8Mapping
    assert es8.Elasticsearch8SearchQueryCompiler.DEFAULT_OPERATOR == "or"
    assert parameters(es8.Elasticsearch8SearchBackend.add) == ["self", "obj"]
    assert adapter_es8.QueryCompiler.DEFAULT_OPERATOR == "and"


def test_the_real_backend_answers_through_every_override(home):
    """Indexing (prepare_field, add_items), the query rewrite, the replaced search() and
    its ranking, and autocomplete, through the backend the settings select."""
    title = add_page(home, StandardPage, title="消費者服務中心", slug="title", summary="服務")
    body = add_page(home, StandardPage, title="其他新聞", slug="body", summary="消費者專線")
    backend = get_search_backend()
    assert issubclass(backend.query_compiler_class, AnalysingQueryMixin)
    assert type(backend).__module__ == f"search.wagtail_adapter.{connection.vendor}".replace(
        "postgresql", "postgres")
    # Simplified input finds Traditional text; the title match ranks first.
    found = backend.search("消费者", Page.objects.live())
    assert [page.pk for page in found[:10]] == [title.pk, body.pk]
    assert found.count() == 2
    assert [page.pk for page in backend.search("消費者", Page.objects.live(), operator="or")
            ] == [title.pk, body.pk]
    assert [page.pk for page in backend.autocomplete("消費", Page.objects.live())] == [title.pk]
    assert list(backend.search("!!!", Page.objects.live())) == []
