"""The analysing backend on PostgreSQL (see `search.backends`)."""

from django.db.models.sql import InsertQuery
from modelsearch.backends.database.postgres import postgres
from modelsearch.index import SearchField
from modelsearch.utils import get_content_type_pk

from .backends import AnalysingQueryMixin, analysed_fields


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
