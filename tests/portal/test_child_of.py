"""child_of as portal.pages.child_of_q has it ask: a page's children as a range of paths,
the same rows as Wagtail's own prefix match, read through the (depth, path) index on
SQLite too."""

import pytest
from django.db import connection
from wagtail.models import Page

from home.models import StandardPage
from tests.factories import add_page, build_site

pytestmark = pytest.mark.django_db


def wagtails_child_of(queryset, page):
    """Wagtail's own child_of: the descendants by path prefix, at the children's depth."""
    return queryset.descendant_of(page).filter(depth=page.depth + 1)


def test_child_of_gives_the_rows_wagtails_prefix_match_gives():
    home = build_site()[0]
    parent = add_page(home, title="parent")
    sibling = add_page(home, title="sibling")
    children = [add_page(parent, title=f"child-{n}") for n in range(3)]
    add_page(children[0], title="grandchild")
    add_page(sibling, title="cousin")
    add_page(parent, title="draft", publish=False)
    for page in (home, parent, sibling, children[1]):
        for queryset in (Page.objects.all(), StandardPage.objects.live()):
            assert list(queryset.child_of(page).order_by("path")) == list(
                wagtails_child_of(queryset, page).order_by("path"))
    assert {page.slug for page in Page.objects.live().child_of(parent)} == {
        "child-0", "child-1", "child-2"}


@pytest.mark.skipif(connection.vendor != "sqlite", reason="SQLite's LIKE and its indexes")
def test_sqlite_reads_the_children_through_the_depth_and_path_index():
    # Wagtail's own child_of matches `path LIKE 'prefix%'`, which SQLite's case-blind LIKE
    # reads through no index: every page at the children's depth was read (a gazette
    # issue's documents among 100,000).
    home = build_site()[0]
    sql, params = Page.objects.child_of(home).query.sql_with_params()
    with connection.cursor() as cursor:
        cursor.execute(f"EXPLAIN QUERY PLAN {sql}", params)
        plan = " ".join(str(row) for row in cursor.fetchall())
    assert "portal_page_depth_path (depth=? AND path>? AND path<?)" in plan, plan
