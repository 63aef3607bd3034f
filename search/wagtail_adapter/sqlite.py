"""The analysing backend on SQLite FTS5 (see `search.backends`); what it relies on is
listed in `search.wagtail_adapter`."""

from django.db.models import Exists, F, FloatField, IntegerField, OuterRef, Subquery
from django.db.models.functions import Cast
from modelsearch.backends.database.sqlite import sqlite
from modelsearch.backends.database.sqlite.query import MatchExpression, normalize
from modelsearch.query import MatchAll, Not
from modelsearch.utils import get_content_type_pk, get_descendants_content_types_pks

from . import AnalysingQueryMixin, analysed_fields, in_order


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

    def _matches(self, query, config):
        """Index rows matching the query, for this queryset's model and its subclasses.

        The content type is compared as `content_type_id + 0` so that SQLite cannot drive
        the join from the entries' content-type index: for a single page type it did, and
        ran the full-text match once per entry of that type (25 s for 姊妹市 over 100,000
        gazette documents). Driven from the match, the entries join by primary key."""
        return (
            sqlite.SQLiteFTSIndexEntry.objects
            .filter(MatchExpression(self.fields or self.FTS_TABLE_FIELDS,
                                    self.build_search_query(query, config=config)))
            .alias(content_type=F("index_entry__content_type_id") + 0)
            .filter(content_type__in=get_descendants_content_types_pks(self.queryset.model))
        )

    def search(self, config, start, stop, score_field=None):
        """Results in relevance order; a page of them ranked in one pass over the matches.

        Stock ranks through a subquery correlated with every matching page, which runs
        the full-text match again for each: 22 s for a word with 4,700 matches among
        100,000 gazette documents. Here a slice is ranked once, the page's own filters
        applied once, and only the slice asked for is fetched. Counts and facets filter
        by the matches without ranking; only unbounded iteration in relevance order keeps
        the correlated score."""
        query = normalize(self.query)
        if isinstance(query, (MatchAll, Not)):
            return super().search(config, start, stop, score_field)
        if stop is not None and score_field is None and self.order_by_relevance:
            return in_order(self.queryset,
                            [pk for pk, _type in self.ranked(config, start, stop)])
        matches = self._matches(query, config)
        queryset = self.queryset.filter(
            pk__in=matches.values_list("index_entry__object_id", flat=True))
        if self.order_by_relevance or score_field is not None:
            score_field = score_field or "_score"
            queryset = queryset.annotate(**{score_field: Subquery(
                matches.filter(index_entry__object_id=OuterRef("pk"))
                .annotate(score=WeightedBM25()).values("score")[:1],
                output_field=FloatField())})
            if self.order_by_relevance:
                queryset = queryset.order_by(score_field, "-pk")
        elif not queryset.query.order_by:
            queryset = queryset.order_by("-pk")  # stable pages, as stock does
        return queryset[start:stop]

    def matching(self, config, limit=None):
        """The queryset's matching pages, unranked and unordered, for counts to group and
        cap in SQL; None where `search` falls back to stock. With `limit`, only the first
        that many found: the search stops there."""
        query = normalize(self.query)
        if isinstance(query, (MatchAll, Not)):
            return None
        matches = self._matches(query, config).values_list("index_entry__object_id", flat=True)
        if limit is not None:
            matches = matches.filter(self._allowed())[:limit]
        return self.queryset.filter(pk__in=matches).order_by()

    def _allowed(self):
        # Correlated, each match looked up by key: SQLite would otherwise build the list
        # of every page the filters allow (100,000) before the first match.
        return Exists(self.queryset.filter(pk=OuterRef("index_entry__object_id")))

    def ranked(self, config, start, stop, candidates=None):
        """[(pk, content type id)] of the results `start` to `stop` in relevance order
        (newest first among equals); None where `search` falls back to stock. One query
        over the matches, checked against the page filters by key, ranked and sliced in
        SQL. An entry's content type is its page's own (Wagtail indexes each page as its
        type).
        `candidates` is for the PostgreSQL compiler's sake: bm25() comes with the match
        here, at no further cost."""
        query = normalize(self.query)
        if isinstance(query, (MatchAll, Not)) or not self.order_by_relevance:
            return None
        # bm25() is lower for better matches; among equal scores the newer page first.
        return list(self._matches(query, config)
                    .filter(self._allowed())
                    .annotate(score=WeightedBM25(),
                              page=Cast("index_entry__object_id", IntegerField()))
                    .order_by("score", "-page")
                    .values_list("page", "index_entry__content_type_id")[start:stop])


class SQLiteAutocompleteCompiler(AnalysingQueryMixin, sqlite.SQLiteAutocompleteQueryCompiler):
    pass


class SQLiteSearchBackend(sqlite.SQLiteSearchBackend):
    query_compiler_class = SQLiteQueryCompiler
    autocomplete_query_compiler_class = SQLiteAutocompleteCompiler
    index_class = AnalysingSQLiteIndex
