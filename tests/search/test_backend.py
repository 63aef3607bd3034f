"""The analysis through the real default backend: SQLite FTS5 here, PostgreSQL when
DATABASE_URL says so (the same tests run on both)."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from wagtail.models import Page
from wagtail.search.backends import get_search_backend

from home.models import StandardPage
from search.wagtail_adapter import AnalysingQueryMixin
from tests.factories import add_page
from tests.search.helpers import CASES, make_pages


@pytest.fixture
def pages(home):
    return make_pages(home)


def found(query):
    return [page.slug for page in Page.objects.live().specific().search(query)]


@pytest.mark.parametrize(("query", "slug"), CASES)
def test_every_case_is_found(pages, query, slug):
    assert slug in found(query)


def test_no_false_matches(pages):
    assert found("消保官") == []
    assert found("釜山 night") == []
    assert found("!!!") == []


def test_title_matches_rank_first(pages):
    assert found("釜山")[0] == "busan"
    assert set(found("釜山")) == {"busan", "body"}


def test_autocomplete_finds_title_prefixes(pages):
    titles = [p.slug for p in Page.objects.live().specific().autocomplete("照片")]
    assert titles == ["photo"]


def test_backend_is_the_analysing_one():
    backend = get_search_backend()
    assert issubclass(backend.query_compiler_class, AnalysingQueryMixin)
    assert issubclass(backend.autocomplete_query_compiler_class, AnalysingQueryMixin)


def test_republishing_reindexes(pages):
    page = pages["abc"]
    page.title = "XYZ 計畫"
    page.save_revision().publish()
    assert "abc" in found("xyz")
    assert found("ＡＢＣ") == []


def test_a_page_of_results_is_ranked_once_and_in_the_same_order(pages):
    # Stock SQLite ranking ran the full-text match again for every matching page (22 s
    # for a word in 4,700 of 100,000 documents); a page of results must not.
    results = Page.objects.live().search("釜山")
    everything = [page.pk for page in results]  # unbounded: the stock path
    with CaptureQueriesContext(connection) as queries:
        first = [page.pk for page in Page.objects.live().search("釜山")[:1]]
    assert first == everything[:1] and len(everything) == 2
    if connection.vendor == "sqlite":
        # bm25() once per match, in one query on the full-text table (the page filters
        # checked there by key), never in a query on pages, once per page.
        (ranking,) = [q["sql"] for q in queries if "bm25(" in q["sql"]]
        assert ranking.split(" FROM ")[1].startswith('"wagtailsearch_indexentry_fts"')


def test_one_page_type_is_searched_from_the_match_outwards(pages):
    # Searching a single page type, SQLite drove the join from that type's index entries
    # and ran the full-text match once per entry: 25 s for 姊妹市 over 100,000 gazette
    # documents. The match must be the outer loop, joined to the entries by key.
    with CaptureQueriesContext(connection) as queries:
        assert StandardPage.objects.live().search("釜山").count() == 2
    if connection.vendor != "sqlite":
        return
    (sql,) = [q["sql"] for q in queries if "MATCH" in q["sql"]]
    with connection.cursor() as cursor:
        cursor.execute("EXPLAIN QUERY PLAN " + sql)
        plan = [row[-1] for row in cursor.fetchall()]
    steps = [step for step in plan if "U0" in step or "U1" in step]
    assert "VIRTUAL TABLE" in steps[0], plan
    assert "PRIMARY KEY" in steps[1], plan


@pytest.mark.postgresql
def test_postgresql_matches_through_the_title_and_body_indexes(pages):
    # Stock matched `(title || body) @@ query`, which no index covers: every search read
    # the whole index table (2 s for 釜山 over 100,000 gazette documents). Each column has
    # its GIN index; the planner uses them on a large table (bench/README, "Search").
    with CaptureQueriesContext(connection) as queries:
        either = StandardPage.objects.live().search("釜山 美耐皿", operator="or")
        results = [page.slug for page in either[:10]]
        assert StandardPage.objects.live().search("釜山").count() == 2
    assert set(results) == {"busan", "body", "consumer"}
    searches = [q["sql"] for q in queries if "@@" in q["sql"]]
    assert len(searches) == 2
    for sql in searches:
        assert '"title" @@' in sql and '"body" @@' in sql, sql
        assert '"title" || "wagtailsearch_indexentry"."body"' not in sql, sql


@pytest.mark.postgresql
def test_postgresql_ranks_a_phrases_capped_candidates_as_its_full_ranking(home):
    # Past the cap, a phrase's candidates are checked and ranked in one pass over copies
    # of their bodies (each read once): with room for every match, that pass must give
    # the full ranking's order, and leave out pages the filters exclude.
    summaries = ["高雄市政", "高雄市政高雄市政高雄市政", "雄市市政高雄", "高雄市政府公告高雄市政",
                 "其他"]
    for n, summary in enumerate(summaries):
        add_page(home, StandardPage, title=f"公告{n}", slug=f"notice-{n}", summary=summary)
    add_page(home, StandardPage, title="高雄市政公告", slug="in-title", summary="公告")
    add_page(home, StandardPage, title="草稿", slug="draft", summary="高雄市政", publish=False)
    found = StandardPage.objects.live().search("高雄市政")
    compiler = found.query_compiler
    config = compiler.get_config(found.backend)
    full = compiler.ranked(config, 0, 10)
    assert len(full) == 4  # in-title, notice-0, -1 and -3: not the draft, nor the words unordered
    assert compiler.ranked(config, 0, 10, candidates=10) == full
    assert compiler.ranked(config, 1, 3, candidates=10) == full[1:3]
    # The best title first; the draft and the unordered words are checked, never kept.
    assert compiler.ranked(config, 0, 10, candidates=1) == full[:1]
