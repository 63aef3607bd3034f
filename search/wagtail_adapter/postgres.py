"""The analysing backend on PostgreSQL (see `search.backends`); what it relies on is listed
in `search.wagtail_adapter`."""

import operator
from functools import reduce

from django.contrib.postgres.search import SearchQuery, SearchVectorField
from django.core.exceptions import EmptyResultSet
from django.db import connections
from django.db.models import F, FloatField, OuterRef, Q, Subquery, Value
from django.db.models.expressions import CombinedExpression, RawSQL
from django.db.models.functions import Cast
from django.db.models.sql import InsertQuery
from modelsearch.backends.database.postgres import postgres
from modelsearch.index import SearchField
from modelsearch.query import And, Boost, Or, Phrase, PlainText
from modelsearch.utils import get_content_type_pk, get_descendants_content_types_pks

from . import AnalysingQueryMixin, analysed_fields, in_order


class PostgresObjectIndexer(postgres.ObjectIndexer):
    def prepare_field(self, obj, field):
        yield from analysed_fields(super().prepare_field(obj, field))

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


def _made_of(query, texts):
    """Whether `query` is made only of `texts` (query classes), And, Or and Boost. Of texts
    and phrases, `_matching` can split it by column; of texts alone, the GIN indexes tell
    its matches without reading them (a phrase's word order only the vector holds)."""
    if isinstance(query, texts):
        return True
    if isinstance(query, Boost):
        return _made_of(query.subquery, texts)
    return isinstance(query, (And, Or)) and all(_made_of(sub, texts) for sub in query.subqueries)


BY_COLUMN = (PlainText, Phrase)


class PostgresQueryCompiler(AnalysingQueryMixin, postgres.PostgresSearchQueryCompiler):
    def search(self, config, start, stop, score_field=None, backend=None):
        """Stock joins every page to its index entry and matches `(title || body) @@
        query`, which no index covers: each search read the whole index table and the
        page table (2 s for 釜山 over 100,000 gazette documents). Here each text is
        matched against the title and the body separately, through their GIN indexes,
        and the matching entries drive: each is checked against the page's filters by
        primary key. A page of results is ranked on the entries, as stock ranks, and only
        that page is fetched; counts and facets filter by the matches without ranking."""
        if self.fields is not None or not _made_of(self.query, BY_COLUMN):
            return super().search(config, start, stop, score_field, backend)
        if stop is not None and score_field is None and self.order_by_relevance:
            return in_order(self.queryset,
                            [pk for pk, _type in self.ranked(config, start, stop)])
        matches = self._matches(config)
        rank = self._build_rank_expression(ENTRY_VECTORS, config)
        queryset = self.queryset.filter(pk__in=matches.values("object_pk"))
        score = Subquery(matches.filter(object_pk=OuterRef("pk")).annotate(rank=rank)
                         .values("rank")[:1], output_field=FloatField())
        return self._apply_ordering_and_scoring(queryset, score, start, stop, score_field)

    def ranked(self, config, start, stop, candidates=None):
        """[(pk, content type id)] of the results `start` to `stop` in relevance order
        (newest first among equals), in one query; None where `search` falls back to
        stock. An entry's content type is its page's own: Wagtail indexes each page as
        its specific type.

        Ranking reads every matching body's vector (20,000 of them for 照片 over 100,000
        gazette documents, most of the page's time). With `candidates`, only that many
        matches are ranked in full: those whose titles match best, the newest first among
        equals, chosen from the titles alone."""
        if self.fields is not None or not _made_of(self.query, BY_COLUMN) \
                or not self.order_by_relevance:
            return None
        # Without a phrase, the GIN indexes tell the matches exactly, and reading through
        # them reads no body but the candidates' (照片: 600 -> 190 ms). A phrase's matches
        # are each read to check the order of their words, whichever way they are found:
        # the planner's plan is kept (it reads them in parallel).
        exact = _made_of(self.query, PlainText)
        matches = self._matches(config, through_indexes=exact).filter(
            object_pk__in=self.queryset.values("pk"))
        if candidates is not None:
            if not exact:
                return self._ranked_phrase_candidates(config, candidates, start, stop)
            titles = self._build_rank_expression(ENTRY_VECTORS[:1], config)
            best = (matches.annotate(title_rank=titles)
                    .order_by("-title_rank", "-object_pk").values("pk")[:candidates])
            matches = self._with_page_key(postgres.IndexEntry.objects.filter(pk__in=best))
        rank = self._build_rank_expression(ENTRY_VECTORS, config)
        read = self.read_through_indexes if exact else list
        return read(matches.annotate(rank=rank).order_by("-rank", "-object_pk")
                    .values_list("object_pk", "content_type_id")[start:stop])

    def _ranked_phrase_candidates(self, config, candidates, start, stop):
        """`ranked` with `candidates`, for a query with a phrase: the `candidates` best
        matches by title (see `_candidates`) ranked in full, in one query."""
        sql, params = self._candidates(config, candidates)
        return self._read_with_sequential_scans_off(
            self.queryset.db,
            f"SELECT best.object_pk, best.content_type_id FROM ({sql}) AS best"  # noqa: S608
            " ORDER BY best.rank DESC, best.object_pk DESC LIMIT %s OFFSET %s",
            (*params, None if stop is None else stop - start, start))

    def ranked_matches(self, config, limit, fields):
        """[(pk, content type id, rank, *fields)] of the first `limit` matches in the
        order `ranked` chooses its candidates in (by title, the newest first among
        equals), `fields` read from their pages: what the counts and the ranking of the
        page's results both need, in one pass over the matches; None where `search`
        falls back to stock. A phrase's matches are each read to check it, and the
        ranking read them again; a word's are read by the ranking only, but the counts
        were a statement of their own (釜山: the first 1,001 with their pages)."""
        if self.fields is not None or not _made_of(self.query, BY_COLUMN):
            return None
        return self._read_with_sequential_scans_off(
            self.queryset.db, *self._candidates(config, limit, fields))

    def _candidates(self, config, limit, fields=("pk",)):
        """(sql, params): (object_pk, content_type_id, rank, *fields) of the first `limit`
        matches by title, the newest first among equals. Of a query without a phrase, the
        GIN indexes tell the matches exactly; the check below always passes.

        Checking a phrase reads the body's vector, and choosing by title checked every
        match first: 13,000 bodies read for 姊妹市 to keep 1,000 (190 ms). Here the
        entries holding all the phrase's words, which the GIN indexes tell exactly, are
        ordered by title alone, and the phrase is checked in that order, one entry at a
        time (a subquery with OFFSET is neither flattened nor pulled up), until `limit`
        pass: about as many bodies read as matches kept. The same entries in the same
        order as checking every match first, since the order is the same and every
        phrase match holds all its words.

        Each body is read once for both its check and its rank: PostgreSQL reads a
        stored (TOASTed) value afresh for every function given it (the check and the
        rank read 2,000 bodies for 姊妹市's 1,000 candidates), so the entry's subquery
        copies it out (`|| ''::tsvector`, the same vector) and both take the copy."""
        titles = self._build_rank_expression(ENTRY_VECTORS[:1], config)
        with_words = (self._matches(config, through_indexes=True, words_only=True)
                      .annotate(title_rank=titles).order_by("-title_rank", "-object_pk")
                      .values_list("pk", "object_pk", "content_type_id", "title_rank"))
        read = (postgres.IndexEntry.objects.filter(pk=RawSQL("best.id", ()))
                .annotate(body_read=CombinedExpression(
                    F("body"), "||", Cast(Value(""), SearchVectorField())))
                .values_list("title", "title_norm", "body_read"))
        page = (self.queryset.filter(pk=RawSQL("best.object_pk", ())).order_by()
                .values_list(*fields))
        checked = (postgres.IndexEntry.objects
                   .alias(read_title=RawSQL("read.title", [], SearchVectorField()),
                          read_norm=RawSQL("read.title_norm", [], FloatField()),
                          read_body=RawSQL("read.body", [], SearchVectorField()))
                   .filter(self._matching(self.query, config, vectors=("read_title",
                                                                       "read_body")))
                   .annotate(rank=self._build_rank_expression(
                       [(F("read_title"), F("read_norm")), (F("read_body"), 1.0)], config)))
        compiler = checked.query.get_compiler(using=checked.db)
        rank_sql, rank_params = compiler.compile(checked.query.annotations["rank"])
        match_sql, match_params = compiler.compile(checked.query.where)
        words_sql, words_params = with_words.query.sql_with_params()
        read_sql, read_params = read.query.sql_with_params()
        page_sql, page_params = page.query.sql_with_params()
        columns = [f"field_{n}" for n in range(len(fields))]
        return (
            f"SELECT best.object_pk, best.content_type_id, {rank_sql} AS rank,"  # noqa: S608
            f" {', '.join(f'page.{column}' for column in columns)}"
            f" FROM ({words_sql} OFFSET 0) AS best (id, object_pk, content_type_id,"
            f" title_rank), LATERAL ({read_sql} OFFSET 0) AS read (title, title_norm, body),"
            f" LATERAL ({page_sql} OFFSET 0) AS page ({', '.join(columns)})"
            f" WHERE {match_sql} ORDER BY best.title_rank DESC, best.object_pk DESC LIMIT %s",
            (*rank_params, *words_params, *read_params, *page_params, *match_params, limit))

    def read_through_indexes(self, queryset):
        """The rows of `queryset` (a values_list over `_matches`), its matches found
        through the title and body GIN indexes.

        With a LIMIT (the counts' cap), or a broad word (照片 matches a fifth of the
        entries), the planner prefers reading the entries in table order, costing `@@`
        as cheap; but each row it reads has its body vector detoasted to be matched:
        22,000 bodies, 400 ms, for the first 1,001 matches of 釜山, against 20 ms for all
        4,687 through the index. Sequential scans
        are turned off for this query only, in the same round trip: the statements are
        one transaction of their own outside a transaction, and within one the setting
        is put back after the query (a failed query aborts the transaction, whose
        rollback puts it back). Django binds parameters on the client, which allows
        several statements in one call."""
        try:
            sql, params = queryset.query.sql_with_params()
        except EmptyResultSet:  # filters no page can pass, as Django's own reading
            return []
        return self._read_with_sequential_scans_off(queryset.db, sql, params)

    @staticmethod
    def _read_with_sequential_scans_off(using, sql, params):
        with connections[using].cursor() as cursor:
            cursor.execute(f"{SEQUENTIAL_SCANS_OFF}; {sql}; {SEQUENTIAL_SCANS_BACK}", params)
            cursor.nextset()
            return cursor.fetchall()

    def matching(self, config, limit=None):
        """The queryset's matching pages, unranked and unordered, for counts to group and
        cap in SQL (a search narrowed to a type or an agency counts its own results this
        way; the page's counts come with its ranking, see `ranked_matches`); None where
        `search` falls back to stock. With `limit`, only the first
        that many found, and the search stops there: the matches drive, checked against
        the page filters by key (matched the other way round, PostgreSQL gathered every
        match first: 20,000 for 照片)."""
        if self.fields is not None or not _made_of(self.query, BY_COLUMN):
            return None
        matches = self._matches(config, through_indexes=True)
        if limit is not None:
            matches = matches.filter(object_pk__in=self.queryset.values("pk"))[:limit]
        return self.queryset.filter(pk__in=matches.values("object_pk")).order_by()

    def _matches(self, config, through_indexes=False, words_only=False):
        """The entries matching the query, of this queryset's model and its subclasses.
        `through_indexes`: for read_through_indexes, where the content type is compared
        as `content_type_id + 0`, out of reach of its B-tree index: with sequential scans
        off, the planner otherwise read every entry of the page types through that index
        for a broad word (照片, 20,000 matches: 600 ms against 190 ms through the GIN
        indexes). `words_only`: each phrase matched as all its words in any order, which
        the GIN indexes tell without reading the entries."""
        types = get_descendants_content_types_pks(self.queryset.model)
        entries = postgres.IndexEntry.objects
        if through_indexes:
            entries = entries.alias(entry_type=F("content_type_id") + 0).filter(
                entry_type__in=types)
        else:
            entries = entries.filter(content_type_id__in=types)
        return self._with_page_key(
            entries.filter(self._matching(self.query, config, words_only)))

    def _with_page_key(self, entries):
        return entries.annotate(object_pk=Cast("object_id", self.queryset.model._meta.pk))

    def _matching(self, query, config, words_only=False, vectors=("title", "body")):
        """A Q matching `query` in either of `vectors` (the entry's, or names aliased to
        others)."""
        if isinstance(query, Boost):
            return self._matching(query.subquery, config, words_only, vectors)
        if isinstance(query, (And, Or)):
            combine = operator.and_ if isinstance(query, And) else operator.or_
            return reduce(combine, (self._matching(sub, config, words_only, vectors)
                                    for sub in query.subqueries))
        if words_only and isinstance(query, Phrase):
            tsquery = AllWords(query.query_string, search_type="phrase", config=config)
        else:
            tsquery = self.build_tsquery(query, config=config)
        return Q(**{vectors[0]: tsquery}) | Q(**{vectors[1]: tsquery})


class AllWords(SearchQuery):
    """A phrase's tsquery with its words in any order: every `<->` (or `<N>`) between
    them made `&`, so that it holds exactly the words PostgreSQL parsed the phrase into."""

    def as_sql(self, compiler, connection, **kwargs):
        sql, params = super().as_sql(compiler, connection, **kwargs)
        return f"regexp_replace(({sql})::text, '<[0-9-]+>', '&', 'g')::tsquery", params


SEQUENTIAL_SCANS_OFF = (
    "SELECT set_config('portal.enable_seqscan', current_setting('enable_seqscan'), true),"
    " set_config('enable_seqscan', 'off', true)")
SEQUENTIAL_SCANS_BACK = (
    "SELECT set_config('enable_seqscan', current_setting('portal.enable_seqscan'), true)")

# Stock's vectors and weights (`get_index_vectors`), read from the entry itself.
ENTRY_VECTORS = [(F("title"), F("title_norm")), (F("body"), 1.0)]


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
