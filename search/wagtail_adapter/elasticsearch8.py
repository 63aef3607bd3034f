"""Wagtail's `elasticsearch8` backend with the portal's analysis: autocomplete queries go
through the same folding as the indexed text (stock searches them with `standard`, which
would miss Simplified input and full-width letters), and words are ANDed as on the
database backend. A failed index write is logged and retried through a task, so a
publish never waits on or fails because of the search server."""

import logging

from modelsearch.backends import elasticsearch8 as es8

from ..elasticsearch import FOLD_ANALYZER, index_settings
from ..tasks import schedule_retry

logger = logging.getLogger(__name__)


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

    def __init__(self, params):
        # The portal's analysis, so that settings name the backend and the server only.
        super().__init__({"INDEX_SETTINGS": index_settings(), **params})

    def add(self, obj, attempt=0):
        try:
            super().add(obj)
        except Exception:
            logger.warning("Indexing %s %s failed (attempt %d); retrying later",
                           obj._meta.label, obj.pk, attempt + 1, exc_info=True)
            schedule_retry(obj, attempt + 1)
