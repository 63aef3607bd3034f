"""Reading pages from a large tree: what stays fast at 100,000 gazette documents."""

import importlib

import pytest
from django.apps import apps
from django.db import connection
from django.test.utils import CaptureQueriesContext

from home.models import StandardPage
from portal.pages import one_live_page
from tests.factories import add_page


def test_pages_are_indexed_for_menus_by_depth_and_path(db):
    # Menus read one depth of the tree in path order; without this index every page view
    # scanned all 100,000 gazette pages.
    with connection.cursor() as cursor:
        indexes = connection.introspection.get_constraints(cursor, "wagtailcore_page")
    assert indexes["portal_page_depth_path"]["columns"] == ["depth", "path"]


# A migration module's name starts with a digit: no import statement can name it.
PAGE_INDEX_MIGRATION = importlib.import_module("portal.migrations.0002_page_depth_path_index")


def page_indexes():
    with connection.cursor() as cursor:
        return connection.introspection.get_constraints(cursor, "wagtailcore_page")


@pytest.mark.django_db(transaction=True)  # SQLite's schema editor runs outside transactions
def test_the_menu_index_migration_is_reversible():
    with connection.schema_editor() as editor:
        PAGE_INDEX_MIGRATION.remove_index(apps, editor)
    assert "portal_page_depth_path" not in page_indexes()
    with connection.schema_editor() as editor:
        PAGE_INDEX_MIGRATION.add_index(apps, editor)
    assert page_indexes()["portal_page_depth_path"]["columns"] == ["depth", "path"]


def test_the_one_live_page_of_a_type_is_read_by_its_own_key(home, home_en):
    draft = add_page(home, StandardPage, title="草稿", slug="draft")
    draft.unpublish()
    page = add_page(home, StandardPage, title="關於本處", slug="about")
    add_page(home_en, StandardPage, title="About", slug="about")
    with CaptureQueriesContext(connection) as queries:
        assert one_live_page(StandardPage, home.locale_id) == page
    (sql,) = [query["sql"] for query in queries]
    assert 'ORDER BY "home_standardpage"."page_ptr_id" ASC' in sql
