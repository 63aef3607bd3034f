"""The search page's ranked results, kept briefly per normalised query as its counts are:
a word searched again and again is ranked once, any change to what pages show refreshes
it at once, and what a person searched for is never written out in a cache key."""

from django.core.cache import cache
from django.db import connection
from django.test.utils import CaptureQueriesContext
from wagtail.models import PageViewRestriction

from home.models import StandardPage
from search import results
from tests.factories import add_page
from tests.search.helpers import result_titles


def test_results_are_kept_under_a_hash_of_the_normalised_query(client, busan_pages):
    assert set(result_titles(client.get("/search/", {"q": "釜山 "}))) == {
        "釜山交流0", "釜山交流1", "釜山交流2"}
    key = results.results_key("zh-hant", results.Filters(query="釜山"), 0, 3)
    assert sorted(pk for pk, _type in cache.get(key)) == sorted(p.pk for p in busan_pages)
    assert "釜山" not in key and "%E9%87%9C" not in key.upper()
    with CaptureQueriesContext(connection) as queries:
        assert len(result_titles(client.get("/search/", {"q": "釜山"}))) == 3
    # Asked again, neither the results nor the counts read the index.
    assert not [q for q in queries if "wagtailsearch_indexentry" in q["sql"]]


def test_a_publish_refreshes_the_kept_results(client, home, busan_pages):
    assert "釜山姊妹市" not in result_titles(client.get("/search/", {"q": "釜山"}))
    add_page(home, StandardPage, title="釜山姊妹市", slug="busan-sister", summary="釜山")
    assert "釜山姊妹市" in result_titles(client.get("/search/", {"q": "釜山"}))
    busan_pages[0].unpublish()
    assert "釜山交流0" not in result_titles(client.get("/search/", {"q": "釜山"}))


def test_a_restricted_section_leaves_the_results_and_counts_at_once(client, home,
                                                                    busan_pages):
    section = add_page(home, StandardPage, title="內部專區", slug="internal")
    add_page(section, StandardPage, title="釜山內部資料", slug="busan-internal",
             summary="釜山")
    response = client.get("/search/", {"q": "釜山"})
    assert "釜山內部資料" in result_titles(response)
    assert "共 4 筆結果" in response.content.decode()
    PageViewRestriction.objects.create(page=section, restriction_type="login")
    response = client.get("/search/", {"q": "釜山"})
    assert "釜山內部資料" not in result_titles(response)
    assert "共 3 筆結果" in response.content.decode()
