"""Wagtail's `elasticsearch8` backend with the portal's analysis: autocomplete queries go
through the same folding as the indexed text (stock searches them with `standard`, which
would miss Simplified input and full-width letters), and words are ANDed as on the
database backend."""

from modelsearch.backends import elasticsearch8 as es8

from .elasticsearch import FOLD_ANALYZER


class Mapping(es8.Elasticsearch8Mapping):
    edgengram_analyzer_config = {"analyzer": "edgengram_analyzer",
                                 "search_analyzer": FOLD_ANALYZER}


class QueryCompiler(es8.Elasticsearch8SearchQueryCompiler):
    mapping_class = Mapping
    DEFAULT_OPERATOR = "and"


class AutocompleteQueryCompiler(es8.Elasticsearch8AutocompleteQueryCompiler):
    mapping_class = Mapping


class SearchBackend(es8.Elasticsearch8SearchBackend):
    mapping_class = Mapping
    query_compiler_class = QueryCompiler
    autocomplete_query_compiler_class = AutocompleteQueryCompiler
