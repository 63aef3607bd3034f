import pytest
from bs4 import BeautifulSoup
from django.contrib.contenttypes.models import ContentType
from wagtail.contrib.search_promotions.models import Query, SearchPromotion

from home.models import StandardPage
from portal.models import Agency
from tests.bulletin.helpers import gazette_index, load, record
from tests.factories import add_page, sign_in_verified, translate
from tests.html import has_link, parse
from tests.opendata.page_makers import make_dataset
from tests.portal.helpers import assert_accessible_structure


@pytest.fixture
def pages(home):
    about = add_page(home, StandardPage, title="關於本處", slug="about", show_in_menus=True,
                     summary="行政暨國際處")
    consumer = add_page(home, StandardPage,
                        title="高雄市政府消費者保護委員會議決美耐皿餐具回收機制",
                        slug="consumer", summary="本會決議美耐皿餐具回收")
    translate(about, "en", title="About us")
    busan = add_page(about, StandardPage, title="釜山姊妹市", slug="busan",
                     summary="高雄市與釜山廣域市交流")
    translate(busan, "en", title="Busan sister city", summary="Night markets of Busan")
    return {"about": about, "consumer": consumer, "busan": busan}


def test_results_show_type_date_and_highlighted_snippet(client, pages):
    response = client.get("/search/", {"q": "釜山"})
    assert response.status_code == 200
    html = response.content.decode()
    assert "釜山姊妹市" in html
    assert "釜山" in [mark.get_text() for mark in parse(html).find_all("mark")]
    assert "民國" in html
    assert "搜尋字詞" in html and "共 1 筆結果" in html
    assert "消費者保護" not in html
    assert_accessible_structure(response.content, "zh-Hant")


def test_simplified_query_and_counts(client, pages):
    html = client.get("/search/", {"q": "消费者"}).content.decode()
    assert "美耐皿" in html
    assert "(1)" in html


def test_english_page_searches_english_content(client, pages):
    response = client.get("/en/search/", {"q": "night market"})
    html = response.content.decode()
    assert "Busan sister city" in html
    assert "Search words" in html and "1 result" in html
    assert "Night" in [mark.get_text() for mark in parse(html).find_all("mark")]
    assert_accessible_structure(response.content, "en")


def test_empty_result_offers_suggestions_and_sections(client, pages):
    html = client.get("/search/", {"q": "不存在的詞"}).content.decode()
    assert "關於本處" in html and has_link(parse(html), "/about/")


def test_bad_filters_get_a_400_with_the_query_kept(client, pages):
    response = client.get("/search/", {"q": "釜山", "date_from": "yesterday"})
    assert response.status_code == 400
    assert 'value="釜山"' in response.content.decode()


def test_type_filter_narrows(client, pages):
    home_type = ContentType.objects.get_for_model(StandardPage).pk
    html = client.get("/search/", {"q": "釜山", "content_type": home_type}).content.decode()
    assert "釜山姊妹市" in html
    html = client.get("/search/", {"q": "釜山", "content_type": home_type + 999}).content.decode()
    assert "釜山姊妹市" not in html


def test_promotions_and_hits_store_no_personal_data(client, pages):
    SearchPromotion.objects.create(query=Query.get("釜山"), page=pages["about"],
                                   description="推薦", sort_order=0)
    html = client.get("/search/", {"q": "釜山"}).content.decode()
    assert "推薦" in html
    fields = {f.name for f in Query._meta.get_fields()}
    assert not fields & {"user", "ip", "ip_address", "session", "user_agent"}


def test_autocomplete_returns_titles(client, pages):
    data = client.get("/search/suggest/", {"q": "釜山"}).json()
    assert data == {"results": [{"title": "釜山姊妹市", "url": "/about/busan/"}]}
    assert client.get("/search/suggest/", {"q": ""}).json() == {"results": []}


def test_constant_queries(client, pages, home, django_assert_max_num_queries):
    client.get("/search/", {"q": "高雄"})
    for i in range(5):
        add_page(home, StandardPage, title=f"高雄新聞{i}", slug=f"news-{i}", summary="高雄")
    with django_assert_max_num_queries(40):
        client.get("/search/", {"q": "高雄"})


def test_admin_page_search_finds_chinese_words(client, admin_user, pages):
    sign_in_verified(client, admin_user)  # superusers verify with an authenticator
    response = client.get("/admin/pages/search/", {"q": "消费者"})
    assert "美耐皿" in response.content.decode()


def test_agency_filter_counts_and_narrows(client, home):
    gazette_index(home)
    load(record(1, title="消費者保護稽查結果公告"),
         record(2, title="消費者保護自治條例修正",
                agency={"name": "高雄市政府法制局", "code": "397050000A"}))
    make_dataset(home, identifier="consumer-checks", title="消費者保護稽查統計")
    department = Agency.objects.get(code="397000000A", locale=home.locale)
    legal = Agency.objects.get(code="397050000A", locale=home.locale)

    response = client.get("/search/", {"q": "消費者保護"})
    options = {o.get("value"): o.text.strip() for o in
               BeautifulSoup(response.content, "html.parser").select("#search-agency option")}
    assert options[str(department.pk)].endswith("(2)")  # a gazette document and a dataset
    assert options[str(legal.pk)].endswith("(1)")

    narrowed = client.get("/search/", {"q": "消費者保護", "agency": legal.pk}).content.decode()
    assert "消費者保護自治條例修正" in narrowed
    assert "消費者保護稽查結果公告" not in narrowed and "消費者保護稽查統計" not in narrowed


def test_every_page_offers_the_site_search_in_its_header(client, pages):
    """A reader on any page reaches the search from the header, in their language; the
    search page itself has its own form instead."""
    for path, action, label in (("/", "/search/", "搜尋字詞"), ("/about/", "/search/", "搜尋字詞"),
                                ("/en/about/", "/en/search/", "Search words")):
        form = BeautifulSoup(client.get(path).content, "html.parser").select_one(
            "header form[role=search]")
        assert form is not None, f"{path} has no search in its header"
        assert form["action"] == action and form.select_one("input[name=q]")["id"] == (
            form.select_one("label")["for"])
        assert form.select_one("label").text == label
    search_page = BeautifulSoup(client.get("/search/", {"q": "釜山"}).content, "html.parser")
    assert len(search_page.select("form[role=search]")) == 1
