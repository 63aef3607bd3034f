"""The analysing backend on SQLite FTS5 (see `search.backends`)."""

from modelsearch.backends.database.sqlite import sqlite
from modelsearch.utils import get_content_type_pk

from .backends import AnalysingQueryMixin, analysed_fields


class SQLiteObjectIndexer(sqlite.ObjectIndexer):
    def prepare_field(self, obj, field):
        yield from analysed_fields(super().prepare_field(obj, field))


class AnalysingSQLiteIndex(sqlite.SQLiteIndex):
    def add_items(self, model, objs):
        # The stock method, with the analysing indexer: one UPDATE per already indexed
        # object, one bulk INSERT for the rest.
        if not model.get_search_fields():
            return
        indexers = [SQLiteObjectIndexer(obj, self.backend) for obj in objs]
        if not indexers:
            return
        content_type_pk = get_content_type_pk(model)
        data = {i.id: (i.title, i.autocomplete, i.body) for i in indexers}
        entries = self.entries.filter(content_type_id=content_type_pk)
        indexed = set(entries.filter(object_id__in=data).values_list("object_id", flat=True))
        for object_id in indexed:
            title, autocomplete, body = data[object_id]
            entries.filter(object_id=object_id).update(
                title=title, autocomplete=autocomplete, body=body
            )
        self.entries.bulk_create(
            sqlite.IndexEntry(content_type_id=content_type_pk, object_id=object_id,
                              title=title, autocomplete=autocomplete, body=body)
            for object_id, (title, autocomplete, body) in data.items()
            if object_id not in indexed
        )
        self._refresh_title_norms()


class WeightedBM25(sqlite.BM25):
    """bm25() with per-column weights (FTS5 columns: autocomplete, body, title). Stock
    calls bm25() unweighted, so a word in the title counts no more than one in the body."""

    def as_sql(self, compiler, connection, function=None, template=None):
        table = sqlite.SQLiteFTSIndexEntry._meta.db_table
        return f"bm25({table}, 0.0, 1.0, {TITLE_WEIGHT})", []


# How much more a title match weighs than a body match.
TITLE_WEIGHT = 10.0


class SQLiteQueryCompiler(AnalysingQueryMixin, sqlite.SQLiteSearchQueryCompiler):
    def _build_rank_expression(self, vectors, config):
        # bm25() already covers every column of the FTS row, weighted; stock adds it
        # once per column instead.
        return WeightedBM25()


class SQLiteAutocompleteCompiler(AnalysingQueryMixin, sqlite.SQLiteAutocompleteQueryCompiler):
    pass


class SQLiteSearchBackend(sqlite.SQLiteSearchBackend):
    query_compiler_class = SQLiteQueryCompiler
    autocomplete_query_compiler_class = SQLiteAutocompleteCompiler
    index_class = AnalysingSQLiteIndex
