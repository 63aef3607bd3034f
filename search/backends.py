"""Wagtail's database search backend, with the portal's text analysis on both sides.

Index entries hold analysed tokens (see `search.analysis`) instead of raw text, and every
query is rewritten into the same tokens before the stock backend compiles it to FTS5 or
tsquery. Select it with `"BACKEND": "search.backends"`; it picks SQLite or PostgreSQL from
the default database, as Wagtail's own `database` backend does; each vendor's classes live
in their own module because the stock modules can only be imported on their own database.
"""

from django.db import connection
from django.db.models import Case, Value, When
from modelsearch.query import And, Boost, MatchAll, Not, Or, Phrase, PlainText

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


def SearchBackend(params):  # noqa: N802 - the name Wagtail looks up in a backend module
    if connection.vendor == "postgresql":
        from .postgres_backend import PostgresSearchBackend

        return PostgresSearchBackend(params)
    from .sqlite_backend import SQLiteSearchBackend

    return SQLiteSearchBackend(params)
