"""Every place where the portal's search reaches into Wagtail's search backends.

Wagtail 8 delegates search to django-modelsearch (`modelsearch`), whose backend classes are
documented only as a whole (`WAGTAILSEARCH_BACKENDS`); the pieces below are not a public
API and may change in any upgrade. They are all here, in this package, and each is pinned
by `tests/search/test_wagtail_adapter.py`, which fails when an upgrade renames one or
changes its signature. One module per backend because modelsearch's SQLite module can only
be imported on SQLite (it looks up a model that exists only there).

What is relied on, and why:

Both database backends (`sqlite`, `postgres`):
- `BaseSearchQueryCompiler.__init__` sets `self.query`: `AnalysingQueryMixin` rewrites it
  into analysed tokens (`rewrite`) before the compiler builds FTS5 or tsquery from it.
- `ObjectIndexer.prepare_field(obj, field)` yields `(field, value)` on SQLite and
  `(field, boost, value)` on PostgreSQL: the value is replaced by its analysed text.
- `<Vendor>Index.add_items(model, objs)` is copied with the analysing indexer, since stock
  builds its `ObjectIndexer` inline; it relies on the indexer's `id`, `title`,
  `autocomplete`, `body` (and on PostgreSQL `title_text`, `body_text`), on
  `index.entries` / `index.write_connection` and on the private `_refresh_title_norms()`.
- `query_compiler_class`, `autocomplete_query_compiler_class`, `index_class` on the backend.

SQLite (`sqlite`):
- `SQLiteSearchQueryCompiler.search(config, start, stop, score_field)`: replaced to rank a
  page of results once (stock re-runs the match per page), falling back to stock for
  MatchAll/Not.
- the private `_build_rank_expression(vectors, config)`: a weighted bm25().
- `FTS_TABLE_FIELDS`, `fields`, `build_search_query(query, config)`, `order_by_relevance`,
  `queryset`; `sqlite.BM25`, `sqlite.SQLiteFTSIndexEntry` and its `index_entry` relation;
  `query.MatchExpression(columns, query)` and `query.normalize(query)`.

PostgreSQL (`postgres`):
- `PostgresSearchQueryCompiler.search(config, start, stop, score_field, backend)`: replaced
  to match title and body through their own GIN indexes.
- `build_tsquery(query, config)`, and the private `_build_rank_expression(vectors, config)`
  and `_apply_ordering_and_scoring(queryset, score_expression, start, stop, score_field)`.
- the indexer's `obj` and `search_fields` (the unanalysed text kept for trigram search is
  rebuilt from stock's `prepare_field`).
- `postgres.IndexEntry` with its `title`, `body`, `title_norm`, `object_id`,
  `content_type_id` columns, and the `SEARCH_CONFIG` backend parameter.
- Not Wagtail's: Django's client-side parameter binding on psycopg 3 (the default;
  `server_side_binding` off), which lets `read_through_indexes` send a planner setting,
  the query and the setting's restoration in one call.

Elasticsearch 8 (`elasticsearch8`):
- `Elasticsearch8Mapping.edgengram_analyzer_config`: autocomplete searched with the
  portal's folding analyzer.
- `DEFAULT_OPERATOR` and `mapping_class` on the query compilers.
- `Elasticsearch8SearchBackend.add(obj)`: a failed index write is retried through a task.
"""

from django.db.models import Case, Value, When
from modelsearch.query import And, Boost, MatchAll, Not, Or, Phrase, PlainText

from ..analysis import analyze_query, analyzed_text

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


def analysed_fields(fields):
    # Stock indexers yield (field, value) on SQLite and (field, boost, value) on
    # PostgreSQL; the value is always last.
    for item in fields:
        yield (*item[:-1], analyzed_text(item[-1]))


def in_order(queryset, pks):
    """`queryset` narrowed to the pages `pks`, in that order: a ranked page of results."""
    if not pks:
        return queryset.none()
    return queryset.filter(pk__in=pks).order_by(
        Case(*(When(pk=pk, then=Value(n)) for n, pk in enumerate(pks))))
