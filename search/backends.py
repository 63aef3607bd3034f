"""Wagtail's database search backend, with the portal's text analysis on both sides.

Index entries hold analysed tokens (see `search.analysis`) instead of raw text, and every
query is rewritten into the same tokens before the stock backend compiles it to FTS5 or
tsquery. Select it with `"BACKEND": "search.backends"`; it picks SQLite or PostgreSQL from
the default database, as Wagtail's own `database` backend does.
"""

from django.db import connection
from django.db.models.sql import InsertQuery
from modelsearch.backends.database.postgres import postgres
from modelsearch.backends.database.sqlite import sqlite
from modelsearch.index import SearchField
from modelsearch.query import And, Boost, MatchAll, Not, Or, Phrase, PlainText
from modelsearch.utils import get_content_type_pk

from .analysis import analyze_query, analyzed_text

NOTHING = Not(MatchAll())


def _term(tokens):
    if len(tokens) > 1:
        return Phrase(" ".join(tokens))
    return PlainText(tokens[0])


def rewrite(query):
    """The query with every text in it replaced by its analysed terms."""
    if isinstance(query, PlainText):
        terms = [_term(tokens) for tokens in analyze_query(query.query_string)]
        if not terms:
            return NOTHING
        if len(terms) == 1:
            return terms[0]
        return And(terms) if query.operator == "and" else Or(terms)
    if isinstance(query, Phrase):
        tokens = [token for group in analyze_query(query.query_string) for token in group]
        return Phrase(" ".join(tokens)) if tokens else NOTHING
    if isinstance(query, (And, Or)):
        return type(query)([rewrite(sub) for sub in query.subqueries])
    if isinstance(query, Not):
        return Not(rewrite(query.subquery))
    if isinstance(query, Boost):
        return Boost(rewrite(query.subquery), query.boost)
    return query


class AnalysingQueryMixin:
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.query = rewrite(self.query)


def _analysed(fields):
    # Stock indexers yield (field, value) on SQLite and (field, boost, value) on
    # PostgreSQL; the value is always last.
    for item in fields:
        yield (*item[:-1], analyzed_text(item[-1]))


# --- SQLite (FTS5) ---


class SQLiteObjectIndexer(sqlite.ObjectIndexer):
    def prepare_field(self, obj, field):
        yield from _analysed(super().prepare_field(obj, field))


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


# --- PostgreSQL ---


class PostgresObjectIndexer(postgres.ObjectIndexer):
    def prepare_field(self, obj, field):
        yield from _analysed(super().prepare_field(obj, field))

    def _plain(self, title):
        # The unanalysed text, kept for the trigram (fuzzy) search as stock does.
        return " ".join(
            value.strip()
            for field in self.search_fields
            for current, _boost, value in postgres.ObjectIndexer.prepare_field(
                self, self.obj, field)
            if isinstance(current, SearchField) and (current.field_name == "title") == title
            and value.strip()
        )

    @property
    def title_text(self):
        return self._plain(True)

    @property
    def body_text(self):
        return self._plain(False)


class AnalysingPostgresIndex(postgres.PostgresIndex):
    def add_items(self, model, objs):
        # The stock method, with the analysing indexer: one INSERT ... ON CONFLICT.
        if not model.get_search_fields():
            return
        indexers = [PostgresObjectIndexer(obj, self.backend) for obj in objs]
        if not indexers:
            return
        content_type_pk = get_content_type_pk(model)
        compiler = InsertQuery(postgres.IndexEntry).get_compiler(connection=self.write_connection)
        rows, params = [], []
        for indexer in indexers:
            params.extend((content_type_pk, indexer.id))
            vectors = []
            for name in ("title", "autocomplete", "body"):
                value = compiler.prepare_value(
                    postgres.IndexEntry._meta.get_field(name), getattr(indexer, name))
                sql, value_params = value.as_sql(compiler, self.write_connection)
                vectors.append(sql)
                params.extend(value_params)
            params.extend((indexer.title_text, indexer.body_text))
            rows.append(f"(%s, %s, {vectors[0]}, {vectors[1]}, {vectors[2]}, 1.0, %s, %s)")
        table = postgres.IndexEntry._meta.db_table
        with self.write_connection.cursor() as cursor:
            cursor.execute(
                f"INSERT INTO {table} (content_type_id, object_id, title, autocomplete, body,"  # noqa: S608
                " title_norm, title_text, body_text)"
                f" (VALUES {', '.join(rows)}) ON CONFLICT (content_type_id, object_id)"
                " DO UPDATE SET title = EXCLUDED.title, title_norm = 1.0,"
                " autocomplete = EXCLUDED.autocomplete, body = EXCLUDED.body,"
                " title_text = EXCLUDED.title_text, body_text = EXCLUDED.body_text",
                params,
            )
        self._refresh_title_norms()


class PostgresQueryCompiler(AnalysingQueryMixin, postgres.PostgresSearchQueryCompiler):
    pass


class PostgresAutocompleteCompiler(AnalysingQueryMixin,
                                   postgres.PostgresAutocompleteQueryCompiler):
    pass


class PostgresSearchBackend(postgres.PostgresSearchBackend):
    query_compiler_class = PostgresQueryCompiler
    autocomplete_query_compiler_class = PostgresAutocompleteCompiler
    index_class = AnalysingPostgresIndex

    def __init__(self, params):
        # The tokens are already stemmed and normalised: `simple` keeps them as they are.
        super().__init__({"SEARCH_CONFIG": "simple", **params})


def SearchBackend(params):  # noqa: N802 - the name Wagtail looks up in a backend module
    if connection.vendor == "postgresql":
        return PostgresSearchBackend(params)
    return SQLiteSearchBackend(params)
