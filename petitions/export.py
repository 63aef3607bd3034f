"""Spreadsheet safety for exports of citizen-typed text."""

FORMULA_PREFIXES = ("=", "+", "-", "@", "\t", "\r")


def neutralise_formula(value):
    """Prefix a quote so spreadsheets show a cell starting with = + - @ as text, not run it."""
    if isinstance(value, str) and value.startswith(FORMULA_PREFIXES):
        return "'" + value
    return value
