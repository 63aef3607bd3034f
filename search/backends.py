"""Wagtail's database search backend, with the portal's text analysis on both sides.

Index entries hold analysed tokens (see `search.analysis`) instead of raw text, and every
query is rewritten into the same tokens before the stock backend compiles it to FTS5 or
tsquery. Select it with `"BACKEND": "search.backends"`; it picks SQLite or PostgreSQL from
the default database, as Wagtail's own `database` backend does. The backends themselves,
and everything they take from Wagtail's internals, are in `search.wagtail_adapter`.
"""

from django.db import connection


def SearchBackend(params):  # noqa: N802 - the name Wagtail looks up in a backend module
    # Documented exception to "imports at the module head": modelsearch's SQLite module
    # can only be imported on SQLite, so each vendor's adapter is imported on its own
    # database only (as modelsearch's own `database.SearchBackend` does).
    if connection.vendor == "postgresql":
        from .wagtail_adapter.postgres import PostgresSearchBackend

        return PostgresSearchBackend(params)
    from .wagtail_adapter.sqlite import SQLiteSearchBackend

    return SQLiteSearchBackend(params)
