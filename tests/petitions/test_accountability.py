"""Public accountability (issue 20): per agency and month received, cases received, the share
answered within the deadline, the median days to reply, open and overdue now; on a page in
both languages, on the home page and as a live open dataset, never with a case's text or
sender, and with no figure of a group of fewer than 3 cases: it reads "<3"."""

import csv
import datetime
import io
import json
import zipfile
from collections import Counter
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.core.cache import caches

from opendata.models import DatasetPage, DatasetResource
from petitions import accountability, actions, domain
from petitions.models import AccountabilityPage, Kind, Status
from tests.factories import translate, translated_agency
from tests.html import parse
from tests.opendata.page_makers import make_dataset
from tests.scheduling import run_scheduler, travel

from .page_makers import PAGE_MAKERS

TAIPEI = ZoneInfo("Asia/Taipei")
NOW = datetime.datetime(2026, 6, 15, 10, 0, tzinfo=TAIPEI)
D = datetime.date

# What a citizen wrote and who they are: none of it may reach the page or the dataset.
SUBJECT, NAME = "獨角獸路燈陳情XYZ", "司馬懿芳"
DESCRIPTION, EMAIL = "紫色獨角獸在路口跳舞QWERTY", "unicorn.person@example.org"
PHONE = "0987-654-321"
SECRETS = (SUBJECT, NAME, DESCRIPTION, EMAIL, PHONE, "unicorn", "QWERTY")


def at(day, hour=10):
    return datetime.datetime.combine(day, datetime.time(hour), tzinfo=TAIPEI)


def case(agency, received, closed=None, status=None, kind=Kind.PETITION):
    """A case received (and closed) on those days, through the officers' own actions."""
    with time_machine.travel(received, tick=False):
        made, _code = domain.create_case(kind, {
            "subject": SUBJECT, "description": DESCRIPTION, "name": NAME, "email": EMAIL,
            "phone": PHONE}, received)
        if agency:
            actions.assign(made, agency, None)
    if closed:
        with time_machine.travel(closed, tick=False):
            actions.change_status(made, Status.CLOSED, None)
    elif status:
        actions.change_status(made, status, None)
    return made


# --- the rules ---------------------------------------------------------------------------

def test_days_to_reply_are_calendar_days_as_deadlines_are_counted():
    received = D(2026, 3, 1)
    assert accountability.days_to_reply(received, D(2026, 3, 31)) == 30
    # A petition received on 1 March is due on 31 March (30 calendar days): closed that day
    # it took exactly its 30 days, and was on time.
    deadline = received + datetime.timedelta(days=domain.DEFAULT_DEADLINE_DAYS[Kind.PETITION])
    assert accountability.answered_on_time(D(2026, 3, 31), deadline)
    assert not accountability.answered_on_time(D(2026, 4, 1), deadline)


def test_overdue_is_unanswered_and_past_the_deadline():
    today = D(2026, 6, 15)
    assert accountability.is_overdue(Status.IN_PROGRESS, D(2026, 6, 14), today)
    assert not accountability.is_overdue(Status.IN_PROGRESS, D(2026, 6, 15), today)
    assert not accountability.is_overdue(Status.REPLIED, D(2026, 6, 1), today)
    assert not accountability.is_overdue(Status.CLOSED, D(2026, 6, 1), today)


@pytest.mark.parametrize("histogram, median", [
    ({}, None), ({5: 1}, 5), ({3: 1, 9: 1}, 6), ({1: 2, 10: 1}, 1), ({1: 1, 4: 2, 30: 1}, 4),
    ({2: 1, 3: 1, 20: 1, 21: 1}, 11.5),
])
def test_median_of_a_histogram(histogram, median):
    assert accountability.median_of(Counter(histogram)) == median


def test_a_group_of_fewer_than_three_cases_has_no_figure_and_a_larger_one_every_count():
    two = accountability.Tally(received=2, closed=1, on_time=1, open=1, overdue=1)
    assert set(two.published().values()) == {"<3"}
    # Five cases: a count of 1 tells nobody which of the five it is.
    five = accountability.Tally(received=5, closed=4, on_time=3, open=1, overdue=1,
                                reply_days=Counter({5: 1, 12: 1, 30: 1, 40: 1}))
    assert five.published() == {"received": 5, "answered": 4, "answered_on_time": 3,
                                 "on_time_percent": 60.0, "median_days_to_reply": 21.0,
                                 "open_now": 1, "overdue_now": 1}
    assert set(five.published(withheld=True).values()) == {"x"}
    assert accountability.Tally().published()["received"] == 0


def test_a_year_withholds_only_what_would_give_a_small_group_back():
    """Three agencies over three months. A's 2 cases in March read "<3"; A's year less its
    other months, or March less the other agencies, would give them back, so a rectangle
    is withheld with them: A's April, B's March and B's April. Every total is published,
    and so is every other cell, with its outcome counts of 1."""
    march, april, may = D(2026, 3, 1), D(2026, 4, 1), D(2026, 5, 1)
    received = {"A": (2, 6, 7), "B": (5, 4, 9), "C": (8, 3, 6)}
    found = {(code, month): accountability.Tally(received=count, closed=count - 1,
                                                 on_time=count - 1, open=1)
             for code, counts in received.items()
             for month, count in zip((march, april, may), counts, strict=True)}
    published = accountability.published_year(found)
    assert {key: figures["received"] for key, figures in published.cells.items()} == {
        ("A", march): "<3", ("A", april): "x", ("A", may): 7,
        ("B", march): "x", ("B", april): "x", ("B", may): 9,
        ("C", march): 8, ("C", april): 3, ("C", may): 6}
    assert published.cells[("C", april)] == {
        "received": 3, "answered": 2, "answered_on_time": 2, "on_time_percent": "<3",
        "median_days_to_reply": None, "open_now": 1, "overdue_now": 0}
    assert {code: figures["received"] for code, figures in published.agencies.items()} == {
        "A": 15, "B": 18, "C": 17}
    assert [figures["received"] for figures in published.months.values()] == [15, 13, 22]
    assert published.total["received"] == 50 and published.total["open_now"] == 9


def test_shares_and_medians_over_fewer_than_three_cases_are_suppressed():
    assert accountability.shown_derived(100.0, 2) == "<3"
    assert accountability.shown_derived(100.0, 3) == 100.0
    assert accountability.shown_derived(None, 0) is None


def test_the_share_is_taken_over_closed_and_overdue_cases():
    tally = accountability.Tally(received=10, closed=6, on_time=5, open=4, overdue=2)
    assert tally.on_time_percent == 62.5  # 5 of the 8 whose outcome is known


# --- the page, the home page and the dataset ----------------------------------------------

@pytest.fixture
def history(db, home):
    """Public Works: 4 cases in March (3 closed on time, 1 late), 1 in April (open, overdue
    by 15 June); Health: 2 in May (1 closed on time, 1 open and due on 4 June, so overdue);
    one complaint of 14 June not yet assigned (due on 29 June)."""
    roads, _ = translated_agency("397110000A", "工務局", "Public Works Bureau")
    health, _ = translated_agency("397200000A", "衛生局", "Department of Health")
    for day, closed_after in ((2, 5), (3, 30), (10, 12), (20, 40)):
        received = D(2026, 3, day)
        case(roads, at(received), closed=at(received + datetime.timedelta(days=closed_after)))
    case(roads, at(D(2026, 4, 7)), status=Status.IN_PROGRESS)
    case(health, at(D(2026, 5, 2)), closed=at(D(2026, 5, 9)))
    case(health, at(D(2026, 5, 5)))
    case(None, at(D(2026, 6, 14)), kind=Kind.COMPLAINT)
    page = PAGE_MAKERS[AccountabilityPage](home)
    translate(page, "en", title="Are cases answered on time?")
    return page


def rows_of(table):
    """The cells' texts as they are seen ("—", not the words a screen reader says)."""
    for hidden in table.select(".visually-hidden"):
        hidden.decompose()
    return [[cell.get_text(" ", strip=True) for cell in row.select("th, td")]
            for row in table.select("tbody tr")]


@time_machine.travel(NOW, tick=False)
def test_the_page_in_chinese_by_month_with_roc_labels(client, history):
    response = client.get("/case-accountability/?year=2026")
    assert response.status_code == 200
    html = parse(response.content)
    months = rows_of(html.select_one("table.accountability-months"))
    assert [row[0] for row in months] == ["民國115年1月", "民國115年2月", "民國115年3月",
                                          "民國115年4月", "民國115年5月", "民國115年6月"]
    # March: 4 received, 3 on time of the 4 closed (75%), median of 5, 12, 30, 40 days is 21.
    assert months[0][1:] == ["0", "0", "—", "—", "0", "0"]
    assert months[2][1:] == ["4", "3", "75.0%", "21.0", "0", "0"]
    # April: 1 case: no figure of it, not even how many are overdue.
    assert months[3][1:] == ["<3"] * 6
    assert months[5][1:] == ["<3"] * 6
    assert html.select_one("svg[role=img]") is not None
    assert html.select_one("figure")["aria-describedby"] == "accountability-months-caption"
    agencies = rows_of(html.select_one("table.accountability-agencies"))
    assert [row[0] for row in agencies] == ["工務局", "衛生局", "尚未分派機關"]
    # Public Works' year is withheld: its 5 less March's 4 would give April's 1 back.
    assert agencies[0][1:] == ["x"] * 6
    assert agencies[1][1:] == agencies[2][1:] == ["<3"] * 6
    # The year: 4 of the 7 decided on time (Health's open case of 5 May is overdue).
    summary = [cell.get_text(" ", strip=True) for cell in html.select(".accountability-summary dd")]
    assert summary == ["8", "57.1%", "12.0", "3", "2"]
    assert html.select_one("abbr[title*='cannot be worked out']") is None  # in Chinese
    assert html.select_one("abbr[title='不公開，以免由合計推算出未滿3件之群組']").get_text() == "x"


@time_machine.travel(NOW, tick=False)
def test_the_page_in_english_filtered_by_agency(client, history):
    response = client.get("/en/case-accountability/?agency=397200000A&year=2026")
    assert response.status_code == 200
    html = parse(response.content)
    assert "Department of Health" in html.select_one("h2#accountability-year-title").get_text()
    months = rows_of(html.select_one("table.accountability-months"))
    assert months[4][0] == "May 2026"
    # Health's May: 2 received, 1 closed on time, 1 overdue now: all suppressed.
    assert months[4][1:] == ["<3", "<3", "<3", "<3", "<3", "<3"]
    assert months[2][1:] == ["0", "0", "—", "—", "0", "0"]
    assert html.select_one("table.accountability-agencies") is None
    # The note on suppression names "<3" as text, not as the start of a tag.
    assert "reads “&lt;3”" in response.content.decode()


@pytest.mark.parametrize("query, parameter", [
    ("year=abc", "year"), ("year=2016", "year"), ("year=2099", "year"),
    ("year=%EF%BC%92%EF%BC%90%EF%BC%92%EF%BC%96", "year"), ("agency=nope", "agency")])
@time_machine.travel(NOW, tick=False)
def test_bad_filters_are_a_400_with_a_message(client, history, query, parameter):
    for prefix, message in (("", {"year": "請從清單中選擇年度。",
                                  "agency": "請從清單中選擇機關。"}),
                            ("/en", {"year": "Choose a year from the list.",
                                     "agency": "Choose an agency from the list."})):
        response = client.get(f"{prefix}/case-accountability/?{query}")
        assert response.status_code == 400
        html = parse(response.content)
        assert message[parameter] in html.select_one(".error-summary").get_text()
        assert html.select_one(f"select[name={parameter}]")["aria-invalid"] == "true"
        assert html.select_one("table") is None


@time_machine.travel(NOW, tick=False)
def test_the_live_dataset_in_csv_json_and_ods(client, history, home):
    dataset = publish_dataset(home)
    from_json = json.loads(download(client, dataset, "JSON"))
    march = next(row for row in from_json
                 if row["month"] == "2026-03" and row["agency_code"] == "397110000A")
    assert march == {"month": "2026-03", "agency_code": "397110000A", "agency_name": "工務局",
                     "received": "4", "answered": "4", "answered_on_time": "3",
                     "on_time_percent": "75.0", "median_days_to_reply": "21.0",
                     "open_now": "0", "overdue_now": "0"}
    may = next(row for row in from_json if row["month"] == "2026-05")
    assert may["received"] == "<3" and may["on_time_percent"] == "<3"
    unassigned = next(row for row in from_json if row["agency_code"] == "")
    assert unassigned["received"] == "<3" and unassigned["on_time_percent"] == "<3"
    rows = list(csv.DictReader(io.StringIO(download(client, dataset, "CSV"))))
    assert [(row["month"], row["agency_code"], row["received"]) for row in rows] == [
        ("2026-03", "397110000A", "4"), ("2026-04", "397110000A", "<3"),
        ("2026-05", "397200000A", "<3"), ("2026-06", "", "<3")]
    ods = download(client, dataset, "ODS")
    assert "&lt;3" in ods and "397110000A" in ods


def publish_dataset(home):
    page = make_dataset(home, identifier="case-accountability", title="如期回覆統計")
    page.resources = [DatasetResource(title=fmt, format=fmt, generator="case-accountability")
                      for fmt in ("CSV", "JSON", "ODS")]
    page.save_revision().publish()
    return DatasetPage.objects.get(pk=page.pk)


def download(client, dataset, file_format):
    """The text of the dataset's file in that format, downloaded as a reader would."""
    resource = dataset.resources.get(format=file_format)
    response = client.get(f"/data/resource/{resource.pk}/download")
    assert response.status_code == 200
    content = b"".join(response.streaming_content) if response.streaming else response.content
    if file_format == "ODS":
        return zipfile.ZipFile(io.BytesIO(content)).read("content.xml").decode()
    return content.decode()


@time_machine.travel(NOW, tick=False)
def test_no_case_text_or_sender_reaches_the_page_the_home_page_or_the_dataset(client, history,
                                                                             home):
    dataset = publish_dataset(home)
    published = [download(client, dataset, fmt) for fmt in ("CSV", "JSON", "ODS")]
    for url in ("/case-accountability/", "/en/case-accountability/",
                "/case-accountability/?agency=397110000A&year=2026",
                "/en/case-accountability/?agency=397200000A", "/", "/en/",
                "/api/3/action/package_show?id=case-accountability", "/data/catalog.ttl",
                "/data.json", "/data/case-accountability/datapackage.json"):
        response = client.get(url)
        assert response.status_code == 200, url
        published.append(response.content.decode())
    for text in published:
        for secret in SECRETS:
            assert secret not in text
    # The 1- and 2-case cells read "<3" on the page and in the dataset alike.
    assert '"received": "<3"' in published[1]
    assert "<3" in parse(published[3]).select_one("table.accountability-months").get_text()


@time_machine.travel(NOW, tick=False)
def test_the_home_page_gives_the_headline_figure_and_links_the_page(client, history):
    for url, text, link in (
            ("/", "57.1%", "/case-accountability/"),
            ("/en/", "In the last twelve months, 57.1% of the petitions and complaints "
                     "decided were answered within their deadline.",
             "/en/case-accountability/")):
        html = parse(client.get(url).content)
        section = html.select_one("section[aria-labelledby=accountability-section]")
        assert text in " ".join(section.get_text(" ", strip=True).split())
        assert section.select_one(f"a[href='{link}']") is not None


@time_machine.travel(NOW, tick=False)
def test_a_case_closed_before_midnight_on_its_deadline_day_is_on_time_and_after_it_late(
        client, home):
    """Days on the Taipei calendar, 8 hours ahead of the UTC the database keeps: received at
    00:30 on 2 March (1 March in UTC), due on 1 April; three closed at 23:30 on 1 April, in
    30 days and on time, three at 00:30 on 2 April (still 1 April in UTC), in 31 and late."""
    roads, _ = translated_agency("397110000A", "工務局", "Public Works Bureau")
    received = datetime.datetime(2026, 3, 2, 0, 30, tzinfo=TAIPEI)
    for closed in [datetime.datetime(2026, 4, 1, 23, 30, tzinfo=TAIPEI)] * 3 + [
            datetime.datetime(2026, 4, 2, 0, 30, tzinfo=TAIPEI)] * 3:
        case(roads, received, closed=closed)
    page = PAGE_MAKERS[AccountabilityPage](home)
    translate(page, "en", title="Are cases answered on time?")
    for prefix in ("", "/en"):
        html = parse(client.get(f"{prefix}/case-accountability/?year=2026").content)
        march = rows_of(html.select_one("table.accountability-months"))[2]
        assert march[1:] == ["6", "3", "50.0%", "30.5", "0", "0"]
        home_page = parse(client.get(f"{prefix}/").content)
        section = home_page.select_one("section[aria-labelledby=accountability-section]")
        assert "50.0%" in section.get_text()


@pytest.mark.parametrize("today", [D(2026, 6, 15), D(2026, 6, 30), D(2026, 5, 4)])
def test_the_headline_totals_are_the_sums_of_the_tallies_the_page_shows(history, today):
    # Read in one row for the home page: the same cases decided, closed on time and
    # overdue as the per-agency and month counts add up to, on any day.
    cases = accountability.cases_between(at(D(2025, 7, 1)))
    summed = accountability.Tally()
    for tally in accountability.tallies(cases, today).values():
        summed.add(tally)
    totals = accountability.decided_totals(cases, today)
    assert (totals.closed, totals.on_time, totals.overdue) == (
        summed.closed, summed.on_time, summed.overdue)
    assert totals.decided > 0


@time_machine.travel(NOW, tick=False)
def test_overdue_now_follows_the_clock(client, history):
    def overdue_in_the_year():
        html = parse(client.get("/en/case-accountability/?year=2026").content)
        return html.select(".accountability-summary dd")[-1].get_text(strip=True)

    # The complaint of 14 June is due on 29 June: on 30 June it is overdue too.
    assert overdue_in_the_year() == "2"
    with time_machine.travel(datetime.datetime(2026, 6, 30, 9, tzinfo=TAIPEI), tick=False):
        assert overdue_in_the_year() == "3"


PAGE_URLS = ("/case-accountability/?year=2026", "/en/case-accountability/?year=2026",
             "/case-accountability/?year=2026&agency=397110000A")


def warm_up(client):
    """A first view of each: the site's settings row is made once."""
    for url in PAGE_URLS:
        client.get(url)


def page_queries(client, django_assert_max_num_queries):
    """Each page's queries cold, as a fresh worker meets it (no page kept, nothing cached).
    16 on this bare test site, whose English tree costs one more look-up than the demo's;
    tests/portal/test_cold_pages.py holds the demo's page to 15."""
    counts = []
    for url in PAGE_URLS:
        for cache in caches.all():
            cache.clear()
        with django_assert_max_num_queries(16) as captured:
            assert client.get(url).status_code == 200
        counts.append(len(captured))
    return counts


@time_machine.travel(NOW, tick=False)
def test_the_page_makes_as_many_queries_however_many_cases_and_agencies(
        client, history, django_assert_max_num_queries):
    warm_up(client)
    before = page_queries(client, django_assert_max_num_queries)
    for number in range(3):
        agency, _ = translated_agency(f"39730{number}000A", f"機關{number}", f"Agency {number}")
        for day in range(1, 6):
            case(agency, at(D(2026, 2, day)), closed=at(D(2026, 2, day + 3)))
            case(agency, at(D(2026, 4, day)))
    assert page_queries(client, django_assert_max_num_queries) == before


def test_the_published_dataset_follows_the_clock_through_the_schedulers_hourly_run(
        client, home):
    """Three complaints of 14 June fall due on 29 June: the file a harvester downloads counts
    them overdue once the scheduler's regeneration has run on 30 June, with no case
    changing."""
    roads, _ = translated_agency("397110000A", "工務局", "Public Works Bureau")
    for hour in (9, 10, 11):
        case(roads, at(D(2026, 6, 14), hour), kind=Kind.COMPLAINT)
    dataset = publish_dataset(home)

    def overdue_in_june():
        rows = csv.DictReader(io.StringIO(download(client, dataset, "CSV")))
        return next(row for row in rows if row["month"] == "2026-06")["overdue_now"]

    with travel(datetime.datetime(2026, 6, 29, 22, 0, 30, tzinfo=TAIPEI)) as traveller:
        run_scheduler(traveller, datetime.datetime(2026, 6, 29, 23, 30, tzinfo=TAIPEI))
        assert overdue_in_june() == "0"
        run_scheduler(traveller, datetime.datetime(2026, 6, 30, 0, 30, tzinfo=TAIPEI))
        assert overdue_in_june() == "3"
