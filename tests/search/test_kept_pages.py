"""A page of search results as an anonymous reader sees it is kept for a minute, under a
hash of its address and the content version: a word searched again and again is rendered
once, every request still counts its hit, and any publish or change to the promoted
results shows at once. Signed-in readers and bad requests always get a fresh page.

On PostgreSQL, the counts find their matches through the GIN indexes (a planner setting
for that one statement), and leave the connection's setting as it was."""

import pytest
from django.contrib.contenttypes.models import ContentType
from django.core.cache import cache
from django.db import connection
from django.test.utils import CaptureQueriesContext
from wagtail.contrib.search_promotions.models import Query, QueryDailyHits, SearchPromotion

from home.models import StandardPage
from search import results
from tests.factories import add_page, sign_in_verified
from tests.search.helpers import result_titles


def hits(query_string):
    return sum(QueryDailyHits.objects.filter(query__query_string=query_string)
               .values_list("hits", flat=True))


def test_a_repeated_search_is_answered_from_the_kept_page_and_counted(client, busan_pages):
    first = client.get("/search/", {"q": "釜山", "page": "1"})
    with CaptureQueriesContext(connection) as queries:
        again = client.get("/search/", {"q": "釜山", "page": "1"})
    assert again.status_code == 200
    assert again.content == first.content
    assert again["Content-Type"] == first["Content-Type"]
    assert again["Cache-Control"] == first["Cache-Control"]  # private: kept by no proxy
    # The hit is counted, and nothing else is read from the database.
    assert hits("釜山") == 2
    assert all("querydailyhits" in q["sql"] or "wagtailsearchpromotions_query" in q["sql"]
               for q in queries), [q["sql"] for q in queries]
    key = results.page_key("zh-hant", "http://testserver/search/?q=%E9%87%9C%E5%B1%B1&page=1")
    assert cache.get(key) is not None
    assert "釜山" not in key and "%E9%87%9C" not in key.upper()


def test_each_address_is_a_page_of_its_own(client, busan_pages):
    # The same words, as the box shows them: in Traditional, then in Simplified.
    traditional = client.get("/search/", {"q": "廣域"})
    simplified = client.get("/search/", {"q": "广域"})
    assert len(result_titles(traditional)) == len(result_titles(simplified)) == 3
    assert 'value="廣域"' in traditional.content.decode()
    assert 'value="广域"' in simplified.content.decode()
    english = client.get("/en/search/", {"q": "釜山"})
    assert english["Content-Language"] == "en"


def test_a_publish_and_a_promotion_show_at_once(client, home, busan_pages):
    assert len(result_titles(client.get("/search/", {"q": "釜山"}))) == 3
    add_page(home, StandardPage, title="釜山姊妹市", slug="busan-sister", summary="釜山")
    assert "釜山姊妹市" in result_titles(client.get("/search/", {"q": "釜山"}))
    promotion = SearchPromotion.objects.create(query=Query.get("釜山"), page=busan_pages[2],
                                               description="推薦閱讀", sort_order=0)
    assert "推薦閱讀" in client.get("/search/", {"q": "釜山"}).content.decode()
    promotion.delete()
    assert "推薦閱讀" not in client.get("/search/", {"q": "釜山"}).content.decode()


def test_signed_in_readers_get_a_fresh_page(client, admin_user, busan_pages):
    client.get("/search/", {"q": "釜山"})  # kept, for anonymous readers
    sign_in_verified(client, admin_user)
    with CaptureQueriesContext(connection) as queries:
        response = client.get("/search/", {"q": "釜山"})
    assert len(result_titles(response)) == 3
    assert any("wagtailcore_page" in q["sql"] for q in queries)


def test_a_bad_request_is_never_kept(client, busan_pages):
    for _ in range(2):
        response = client.get("/search/", {"q": "釜山", "date_from": "yesterday"})
        assert response.status_code == 400
        assert 'value="釜山"' in response.content.decode()
    url = "http://testserver/search/?q=%E9%87%9C%E5%B1%B1&date_from=yesterday"
    assert cache.get(results.page_key("zh-hant", url)) is None


@pytest.mark.skipif(connection.vendor != "postgresql", reason="a PostgreSQL planner setting")
def test_postgresql_counts_leave_the_planner_setting_as_it_was(client, busan_pages):
    standard = ContentType.objects.get_for_model(StandardPage).pk
    response = client.get("/search/", {"q": "釜山", "content_type": standard})
    assert "共 3 筆結果" in response.content.decode()
    with connection.cursor() as cursor:
        cursor.execute("SELECT current_setting('enable_seqscan')")
        assert cursor.fetchone()[0] == "on"
