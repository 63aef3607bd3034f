import datetime

import feedparser
import pytest
from bs4 import BeautifulSoup
from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError
from wagtail.test.utils.form_data import nested_form_data, rich_text

from consumer import data
from consumer.models import ConsumerNoticePage, ReportingPeriod
from opendata import generators
from petitions import domain as cases
from petitions.models import ComplaintFormPage, Kind
from portal.models import Agency
from tests.factories import sign_in_verified, translate
from tests.opendata.page_makers import make_dataset
from tests.petitions.page_makers import PAGE_MAKERS as PETITION_PAGES

from .page_makers import consumer_index, make_notice, statistics_page

pytestmark = pytest.mark.django_db


def soup(response):
    assert response.status_code == 200, response.status_code
    return BeautifulSoup(response.content, "html.parser")


def details(page_soup):
    """The notice's structured fields as {term: description}."""
    return {dt.get_text(strip=True): dt.find_next_sibling("dd").get_text(" ", strip=True)
            for dt in page_soup.select("dl.notice-meta dt")}


# --- notice kinds ---------------------------------------------------------------------

def test_alert_shows_what_is_affected_and_what_to_do(client, home):
    notice = make_notice(home, "presale", kind="alert", topic="housing")
    fields = details(soup(client.get(notice.url)))
    assert fields == {"受影響之商品或業者": "預售屋買賣契約", "建議作法": "簽約前要求審閱期"}


def test_inspection_shows_date_partners_scope_count_and_findings(client, home):
    health = Agency.objects.create(code="397200000A", name="高雄市政府衛生局",
                                   short_name="衛生局", locale=home.locale)
    notice = make_notice(home, follow_up="移請主管機關處理")
    notice.partner_agencies.set([health])
    notice.save_revision().publish()
    fields = details(soup(client.get(notice.url)))
    assert fields == {"稽查日期": "民國108年8月30日", "會同機關": "高雄市政府衛生局",
                      "稽查項目": "示範觀光夜市", "受查業者家數": "297",
                      "查核結果": "查察21次297家", "後續處理": "移請主管機關處理"}


def test_education_event_shows_date_venue_audience_and_attendance(client, home):
    notice = make_notice(home, "camp", kind="education", attendance=17)
    fields = details(soup(client.get(notice.url)))
    assert fields == {"日期": "民國108年8月30日", "地點": "四維行政中心",
                      "對象": "高中職學生", "參加人數": "17"}


def test_committee_decision_lists_the_decisions(client, home):
    notice = make_notice(home, "committee", kind="committee")
    page = soup(client.get(notice.url))
    assert details(page) == {"會議日期": "民國108年8月30日"}
    assert [li.get_text() for li in page.select("#decisions-title ~ ol li")] == [
        "美耐皿餐具回收機制"]


def test_clinic_shows_its_schedule(client, home):
    notice = make_notice(home, "clinic", kind="clinic", topic="debt")
    rows = soup(client.get(notice.url)).select("table tbody tr")
    assert [[cell.get_text(strip=True) for cell in row.find_all(["th", "td"])]
            for row in rows] == [["民國111年2月9日", "14:00", "消費者服務中心"]]


@pytest.mark.parametrize("kind, missing", [
    ("alert", {"advice": ""}),
    ("inspection", {"businesses_inspected": None}),
    ("education", {"audience": ""}),
    ("committee", {"decisions": []}),
    ("clinic", {"sessions": []}),
])
def test_a_notice_cannot_be_saved_without_its_kinds_fields(home, kind, missing):
    with pytest.raises(ValidationError) as error:
        make_notice(home, f"incomplete-{kind}", kind=kind, **missing)
    assert set(error.value.message_dict) == set(missing)


def test_the_admin_form_says_which_field_the_kind_needs(client, home):
    sign_in_verified(client, get_user_model().objects.create_superuser(
        "editor", "e@example.gov.tw", "pw"))
    index = consumer_index(home)
    form = nested_form_data({
        "title": "夜市稽查", "slug": "night-market", "topic": "food",
        "date": "2019-08-30", "summary": "摘要", "body": rich_text(""),
        "event_date": "2019-08-30", "inspected": "示範觀光夜市", "findings": "無缺失",
        "businesses_inspected": "",
    })
    response = client.post(f"/admin/pages/add/consumer/inspectionnoticepage/{index.pk}/", form)
    assert response.status_code == 200
    assert "「稽查結果」公告須填寫此欄。" in response.content.decode()
    assert 'value="示範觀光夜市"' not in response.content.decode()  # a textarea keeps it
    assert "示範觀光夜市" in response.content.decode()
    assert not ConsumerNoticePage.objects.filter(slug="night-market").exists()
    form["businesses_inspected"] = "297"
    response = client.post(f"/admin/pages/add/consumer/inspectionnoticepage/{index.pk}/", form)
    assert response.status_code == 302
    assert ConsumerNoticePage.objects.get(slug="night-market").specific.businesses_inspected == 297


# --- browsing -------------------------------------------------------------------------

@pytest.fixture
def notices(home):
    return [
        make_notice(home, "alert-2022", kind="alert", topic="housing",
                    date=datetime.date(2022, 3, 1)),
        make_notice(home, "inspection-2019", kind="inspection", topic="food",
                    date=datetime.date(2019, 8, 30)),
        make_notice(home, "inspection-2022", kind="inspection", topic="contracts",
                    date=datetime.date(2022, 6, 30)),
        make_notice(home, "clinic-2022", kind="clinic", topic="debt",
                    date=datetime.date(2022, 2, 1)),
    ]


def listed(client, query=""):
    page = soup(client.get(f"/consumer/{query}"))
    return [a["href"].strip("/").split("/")[-1] for a in page.select("ol.notice-list li > a")]


def test_listing_is_newest_first(client, notices):
    assert listed(client) == ["inspection-2022", "alert-2022", "clinic-2022", "inspection-2019"]


@pytest.mark.parametrize("query, expected", [
    ("?kind=inspection", ["inspection-2022", "inspection-2019"]),
    ("?topic=housing", ["alert-2022"]),
    ("?kind=inspection&topic=food", ["inspection-2019"]),
    ("?from=2022-01-01&to=2022-03-31", ["alert-2022", "clinic-2022"]),
    ("?to=2019-12-31", ["inspection-2019"]),
])
def test_filters(client, notices, query, expected):
    assert listed(client, query) == expected


def test_filter_counts_follow_the_other_filters(client, notices):
    page = soup(client.get("/consumer/?topic=contracts"))
    kinds = {o["value"]: o.get_text() for o in page.select("#c-kind option") if o["value"]}
    assert kinds["inspection"].endswith("(1)") and kinds["alert"].endswith("(0)")


def test_bad_filters_show_a_message_and_keep_what_was_typed(client, notices):
    response = client.get("/consumer/?kind=nonsense&from=2022-02-30")
    page = soup(response)
    assert page.select_one("#c-from-error").get_text() == \
        "請輸入日期，例如 2024-06-05。 （您輸入的是「2022-02-30」。）"
    assert page.select_one("#c-from")["aria-invalid"] == "true"
    assert len(page.select("ol.notice-list li > a")) == 4


def test_index_shows_hotline_steps_and_complaint_form(client, home):
    complaint = PETITION_PAGES[ComplaintFormPage](home)
    consumer_index(home)
    page = soup(client.get("/consumer/"))
    assert page.select_one('a[href="tel:1950"]')
    assert [h.get_text() for h in page.select("ol.steps h3")] == ["諮詢", "第一次申訴"]
    assert page.find("a", href=complaint.url).get_text() == "線上提出消費申訴"


def test_listing_queries_do_not_grow_with_notices(client, home, django_assert_max_num_queries):
    for n in range(3):
        make_notice(home, f"n{n}")
    with django_assert_max_num_queries(30) as few:
        client.get("/consumer/")
    for n in range(3, 25):
        make_notice(home, f"n{n}")
    with django_assert_max_num_queries(len(few.captured_queries)):
        assert client.get("/consumer/").status_code == 200


# --- feed -----------------------------------------------------------------------------

def test_atom_feed_parses_and_follows_the_filters(client, notices):
    response = client.get("/consumer/feed.atom")
    assert response["Content-Type"] == "application/atom+xml; charset=utf-8"
    feed = feedparser.parse(response.content)
    assert not feed.bozo, feed.bozo_exception
    assert feed.feed.title == "消費者保護公告"
    assert [e.link for e in feed.entries] == [
        f"http://testserver/consumer/{slug}/"
        for slug in ("inspection-2022", "alert-2022", "clinic-2022", "inspection-2019")]
    first = feed.entries[0]
    assert first.summary == "inspection-2022摘要"
    assert first.published_parsed[:3] == (2022, 6, 29)  # midnight in Taipei is 16:00 UTC
    assert [tag.term for tag in first.tags] == ["稽查結果"]
    filtered = feedparser.parse(client.get("/consumer/feed.atom?kind=clinic").content)
    assert [e.title for e in filtered.entries] == ["clinic-2022"]
    dated = feedparser.parse(
        client.get("/consumer/feed.atom?from=2022-01-01&to=2022-03-31").content)
    assert [e.title for e in dated.entries] == ["alert-2022", "clinic-2022"]


def test_english_feed_lists_english_notices(client, home, home_en, notices):
    translate(consumer_index(home), "en", title="Consumer protection")
    translate(notices[0], "en", title="Read the contract first", summary="Check the terms")
    feed = feedparser.parse(client.get("/en/consumer/feed.atom").content)
    assert feed.feed.title == "Consumer protection notices"
    assert feed.feed.language == "en"
    assert [(e.title, e.link) for e in feed.entries] == [
        ("Read the contract first", "http://testserver/en/consumer/alert-2022/")]
    assert [tag.term for tag in feed.entries[0].tags] == ["Consumer alert"]


def test_feed_without_a_consumer_section_is_404(client, home):
    assert client.get("/consumer/feed.atom").status_code == 404


def test_notices_are_indexed_for_search(home, notices):
    found = ConsumerNoticePage.objects.live().search("clinic-2022摘要")
    assert notices[3].pk in [page.pk for page in found]


# --- statistics -----------------------------------------------------------------------

@pytest.fixture
def periods():
    return [
        ReportingPeriod.objects.create(label="104年度", label_en="2015",
                                       start=datetime.date(2015, 1, 1),
                                       end=datetime.date(2015, 12, 31), consultations=7284,
                                       first_complaints=3170, second_complaints=1158,
                                       mediations=229, inspections=51),
        ReportingPeriod.objects.create(label="111年2月至6月", label_en="Feb–Jun 2022",
                                       start=datetime.date(2022, 2, 1),
                                       end=datetime.date(2022, 6, 30), consultations=5643,
                                       first_complaints=2368, second_complaints=512,
                                       mediations=87),
    ]


def figures_table(page):
    table = page.select_one("table.figures")
    return [[cell.get_text(strip=True) for cell in row.find_all(["th", "td"])]
            for row in table.select("tbody tr")]


def test_statistics_table_agrees_with_the_figures_and_their_open_data(client, home, periods):
    page = soup(client.get(statistics_page(home).url))
    table = figures_table(page)
    rows = data.figure_rows()
    fields = ["consultations", "first_complaints", "second_complaints", "mediations",
              "inspections"]
    assert table == [[row["period"], *["—無數據" if row[f] is None else str(row[f])
                                        for f in fields]] for row in rows]
    assert table[1][-1] == "—無數據"  # the 2022 report gives no inspection count
    published = generators.render("consumer-figures", "JSON").content.decode()
    assert '"consultations": 5643' in published and '"inspections": null' in published
    # The chart draws monthly averages (tests/consumer/test_chart.py): 7284 in 2015 is 607.
    chart = page.select_one("figure.chart .period-chart__drawing svg")
    assert chart is not None and "607" in chart.get_text()


def test_each_measure_links_to_its_open_dataset(client, home, periods):
    dataset = make_dataset(home, identifier="consumer-mediations", title="消費爭議調解件數")
    page = soup(client.get(statistics_page(home).url))
    headers = {th.get_text(strip=True): th.find("a") for th in
               page.select("table.figures thead th")}
    assert headers["調解"]["href"] == dataset.url
    assert headers["消費諮詢"] is None  # no dataset published for it yet


def test_statistics_show_live_complaint_counts_from_the_case_system(client, home, periods):
    received = datetime.datetime(2026, 9, 3, 10, tzinfo=datetime.UTC)
    for stage in ("first", "first", "second", "mediation"):
        cases.create_case(Kind.COMPLAINT, {"stage": stage}, received_at=received)
    cases.create_case(Kind.PETITION, {"subject": "路燈"}, received_at=received)
    page = soup(client.get(statistics_page(home).url))
    live = page.select("table.figures")[1].select("tbody tr")
    assert [[c.get_text(strip=True) for c in row.find_all(["th", "td"])] for row in live] == [
        ["民國115年9月", "2", "1", "1"]]


def test_statistics_in_english(client, home, home_en, periods):
    index = consumer_index(home)
    translate(index, "en", title="Consumer protection")
    english = translate(statistics_page(home), "en", title="Consumer protection figures")
    table = figures_table(soup(client.get(english.url)))
    assert [row[0] for row in table] == ["2015", "Feb–Jun 2022"]
    assert table[1][-1] == "—no figure"


def test_statistics_queries_do_not_grow_with_periods(client, home, periods,
                                                     django_assert_max_num_queries):
    page = statistics_page(home)
    with django_assert_max_num_queries(30) as few:
        client.get(page.url)
    for year in range(2000, 2010):
        ReportingPeriod.objects.create(label=f"{year - 1911}年度", label_en=str(year),
                                       start=datetime.date(year, 1, 1),
                                       end=datetime.date(year, 12, 31), consultations=year)
    with django_assert_max_num_queries(len(few.captured_queries)):
        assert client.get(page.url).status_code == 200


def test_a_period_cannot_end_before_it_starts():
    period = ReportingPeriod(label="x", label_en="x", start=datetime.date(2022, 6, 30),
                             end=datetime.date(2022, 2, 1))
    with pytest.raises(ValidationError):
        period.full_clean()


# --- home and demo --------------------------------------------------------------------

def test_home_section_shows_hotline_and_latest_notices(client, home, notices):
    page = soup(client.get("/"))
    section = page.select_one("#home-consumer-title").parent
    assert section.select_one('a[href="tel:1950"]')
    assert [a.get_text() for a in section.select("ul a")] == [
        "inspection-2022", "alert-2022", "clinic-2022", "inspection-2019"]
