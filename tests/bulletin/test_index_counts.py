"""The gazette index's counts without a filter (its total, per type and per agency, and its
years) are kept in the database between changes (bulletin.models.GazetteIndexCounts). After
every kind of change an editor, the scheduler or the importer makes, both languages' index
pages show what a live count of the public documents gives; a cold render reads them
instead of counting every document."""

import datetime
import io
import json
import re
from collections import Counter
from urllib.parse import parse_qs, urlsplit

import pytest
from django.contrib.auth import get_user_model
from django.core.cache import caches
from django.core.management import call_command
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.utils import timezone
from wagtail.models import Locale

from bulletin.models import (
    DocumentType,
    GazetteDocumentPage,
    GazetteIndexCounts,
    GazetteIssuePage,
    index_counts,
    mark_index_counts_stale,
)
from portal.models import Agency
from tests.bulletin.helpers import form_errors, gazette_index, load, record, rich_text
from tests.factories import sign_in_verified, translate
from tests.html import parse
from tests.scheduling import run_scheduler, travel

LAW = {"name": "高雄市政府法制局", "code": "397000100A"}
SUMMER, AUTUMN, WINTER_2023 = (113, "夏", 5, "2024-06-05"), (113, "秋", 1, "2024-07-03"), (
    112, "冬", 2, "2023-12-20")


@pytest.fixture
def gazette(home, home_en):
    """Both languages' index pages over four documents of two types and two agencies, in
    three issues of two years."""
    index = gazette_index(home)
    translate(index, "en", title="City Gazette")
    report = load(record(1), record(2, type="行政規則", subtype=None, agency=LAW),
                  record(3, issue=AUTUMN), record(4, issue=WINTER_2023, agency=LAW))
    assert not report.errors
    return index


@pytest.fixture
def editor(client):
    user = get_user_model().objects.create_superuser("editor", "editor@example.gov.tw",
                                                     "a long test password")
    admin = Client()
    sign_in_verified(admin, user)
    return admin


def live_counts():
    """What the index should show, counted here with Wagtail's own public() (the page's
    counts use the portal's restriction check): the public Chinese documents in live issues,
    per top-level type and per agency, and the years of the public issues."""
    documents = list(GazetteDocumentPage.objects.live().public()
                     .filter(locale=Locale.get_default(), issue__live=True)
                     .select_related("document_type__parent", "agency"))
    years = {issue.publication_date.year
             for issue in GazetteIssuePage.objects.live().public()}
    return {"total": len(documents),
            "types": dict(Counter(document.document_type.top.name for document in documents)),
            "agencies": dict(Counter(document.agency.code for document in documents)),
            "years": sorted(years, reverse=True)}


def count_in(text):
    return int(re.search(r"\((\d+)\)\s*$", text.strip()).group(1))


def shown_counts(client, url):
    """The counts the index page at `url` shows to the public, read from its HTML: the same
    whatever its language (types by the name the filter takes, agencies by code)."""
    response = client.get(url)
    assert response.status_code == 200, url
    soup = parse(response)
    heading = soup.select_one("#results-title").get_text()
    types = {}
    for item in soup.select("nav#browse-types, nav[aria-labelledby=browse-types]")[0].select(
            "ul")[0].select("li"):
        query = parse_qs(urlsplit(item.a["href"]).query)
        if count_in(item.get_text()):
            types[query["conditions[type][]"][0]] = count_in(item.get_text())
    agencies = {option["value"]: count_in(option.get_text())
                for option in soup.select("#g-agency option") if option["value"]}
    years = [int(parse_qs(urlsplit(link["href"]).query)[
        "conditions[publication_date][year]"][0])
        for link in soup.select('a[href*="publication_date%5D%5Byear%5D"]')]
    return {"total": int(re.search(r"\d+", heading.replace(",", "")).group()),
            "types": types, "agencies": agencies, "years": years}


def assert_counts_right(client, languages=("/gazette/", "/en/gazette/")):
    expected = live_counts()
    for url in languages:
        assert shown_counts(client, url) == expected, url
    return expected


def admin_ok(response):
    assert response.status_code in (200, 302), form_errors(response)
    return response


def document(number):
    return GazetteDocumentPage.objects.get(document_number=record(number)["document_number"])


def issue(key):
    year, volume, number, _published = key
    return GazetteIssuePage.objects.get(roc_year=year, volume=volume, number=number)


def test_both_languages_show_the_live_counts(client, gazette):
    counts = assert_counts_right(client)
    assert counts == {"total": 4, "types": {"公告": 3, "行政規則": 1},
                      "agencies": {"397000000A": 2, "397000100A": 2}, "years": [2024, 2023]}


def test_publishing_and_unpublishing_in_the_admin(client, gazette, editor):
    before = assert_counts_right(client)
    response = editor.post(
        f"/admin/pages/add/bulletin/gazettedocumentpage/{issue(SUMMER).pk}/", {
            "title": "公示送達第9號", "slug": "notice-9",
            "document_type": DocumentType.objects.get(name="公示送達").pk,
            "document_number": "高市府行國字第9號",
            "agency": Agency.objects.get(code=LAW["code"]).pk, "signing_date": "2024-06-01",
            "body": rich_text("主旨：公示送達。"), "attachments-TOTAL_FORMS": 0,
            "attachments-INITIAL_FORMS": 0, "attachments-MIN_NUM_FORMS": 0,
            "attachments-MAX_NUM_FORMS": 1000, "action-publish": "Publish"})
    assert response.status_code == 302, form_errors(response)
    published = assert_counts_right(client)
    assert published["total"] == before["total"] + 1
    assert published["agencies"][LAW["code"]] == before["agencies"][LAW["code"]] + 1

    admin_ok(editor.post(f"/admin/pages/{document(2).pk}/unpublish/"))
    assert assert_counts_right(client)["types"].get("行政規則") is None
    # An issue taken down takes its documents and, the only one of its year, its year.
    admin_ok(editor.post(f"/admin/pages/{issue(WINTER_2023).pk}/unpublish/"))
    assert assert_counts_right(client)["years"] == [2024]


def test_a_scheduled_publication_by_the_schedulers_own_loop(client, gazette, editor):
    autumn = issue(AUTUMN)
    admin_ok(editor.post(f"/admin/pages/{autumn.pk}/unpublish/"))
    before = assert_counts_right(client)
    go_live = timezone.now() + datetime.timedelta(hours=1)
    with travel(go_live - datetime.timedelta(minutes=5)) as traveller:
        autumn.refresh_from_db()
        autumn.go_live_at = go_live
        autumn.save_revision().publish()  # scheduled: not live until then
        assert assert_counts_right(client) == before
        run_scheduler(traveller, go_live + datetime.timedelta(minutes=2))
        after = assert_counts_right(client)
    assert after["total"] == before["total"] + 1


def test_moving_a_document_to_an_issue_not_live_and_back(client, gazette, editor):
    load(record(5, issue=(113, "秋", 2, "2024-07-17")))
    waiting = issue((113, "秋", 2, "2024-07-17"))
    admin_ok(editor.post(f"/admin/pages/{waiting.pk}/unpublish/"))
    before = assert_counts_right(client)
    admin_ok(editor.post(f"/admin/pages/{document(2).pk}/move/{waiting.pk}/confirm/"))
    assert assert_counts_right(client)["total"] == before["total"] - 1
    admin_ok(editor.post(f"/admin/pages/{document(2).pk}/move/{issue(SUMMER).pk}/confirm/"))
    document(2).save_revision().publish()  # held with the issue: published again
    assert assert_counts_right(client) == before


def test_deleting_in_the_admin(client, gazette, editor):
    before = assert_counts_right(client)
    admin_ok(editor.post(f"/admin/pages/{document(1).pk}/delete/"))
    assert assert_counts_right(client)["total"] == before["total"] - 1
    admin_ok(editor.post(f"/admin/pages/{issue(WINTER_2023).pk}/delete/"))
    after = assert_counts_right(client)
    assert after["years"] == [2024] and after["total"] == before["total"] - 2


def test_copying_in_the_admin(client, gazette, editor):
    before = assert_counts_right(client)
    original = document(2)
    admin_ok(editor.post(f"/admin/pages/{original.pk}/copy/", {
        "new_title": "行政規則副本", "new_slug": "rule-copy",
        "new_parent_page": original.get_parent().pk, "publish_copies": "on"}))
    after = assert_counts_right(client)
    assert after["types"]["行政規則"] == before["types"]["行政規則"] + 1


@pytest.mark.parametrize("where", ["document", "issue", "index"])
def test_view_restrictions_added_changed_and_removed_in_the_admin(client, gazette, editor,
                                                                  where):
    """A restriction on the document, its issue or an ancestor (the Chinese gazette index,
    which the English one still reads) takes its documents off the counts while it lasts."""
    page = {"document": document(4), "issue": issue(WINTER_2023), "index": gazette}[where]
    before = assert_counts_right(client)
    # The Chinese index itself asks for the password then: the English one shows the counts.
    languages = ("/en/gazette/",) if where == "index" else ("/gazette/", "/en/gazette/")
    privacy = f"/admin/pages/{page.pk}/privacy/"
    admin_ok(editor.post(privacy, {"restriction_type": "password", "password": "secret"}))
    hidden = assert_counts_right(client, languages)
    assert hidden["total"] < before["total"]
    assert hidden["years"] == {"document": [2024, 2023], "issue": [2024], "index": []}[where]
    admin_ok(editor.post(privacy, {"restriction_type": "login"}))
    assert assert_counts_right(client, languages) == hidden
    admin_ok(editor.post(privacy, {"restriction_type": "none"}))
    assert assert_counts_right(client) == before


def test_translations_are_not_counted_again(client, gazette):
    """The English index lists the Chinese documents: an English translation of a document,
    its issue or its agency changes no count, and the agency shows under its English name."""
    before = assert_counts_right(client)
    translate(issue(SUMMER), "en")
    translate(document(1), "en", title="Service by publication No. 1")
    agency = Agency.objects.get(code="397000000A")
    english = agency.copy_for_translation(Locale.objects.get(language_code="en"))
    english.name = "Department of Administration and International Affairs"
    english.save()
    assert assert_counts_right(client) == before
    options = [option.get_text() for option in
               parse(client.get("/en/gazette/")).select("#g-agency option")]
    assert "Department of Administration and International Affairs (2)" in options


def test_the_import_command_counts_once_for_its_file(client, gazette, tmp_path):
    before = assert_counts_right(client)
    catalogue = tmp_path / "more.jsonl"
    records = [record(10 + n, issue=(111, "春", 1, "2022-03-02"), agency=LAW) for n in range(5)]
    catalogue.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in records),
                         encoding="utf-8")
    for options in ([], ["--per-page"]):
        changes = GazetteIndexCounts.objects.get().changes
        call_command("import_gazette", str(catalogue), *options, stdout=io.StringIO())
        # One change for the file, not one a document.
        assert GazetteIndexCounts.objects.get().changes == changes + 1
    after = assert_counts_right(client)
    assert after["total"] == before["total"] + 5 and after["years"] == [2024, 2023, 2022]


def test_a_restricted_document_is_never_counted(client, gazette, editor):
    """Restricted before the counts are first taken (a corpus migrated with the row stale),
    and a document imported into a restricted issue afterwards."""
    admin_ok(editor.post(f"/admin/pages/{issue(AUTUMN).pk}/privacy/",
                         {"restriction_type": "login"}))
    GazetteIndexCounts.objects.all().delete()
    counts = assert_counts_right(client)
    load(record(6, issue=AUTUMN))
    assert assert_counts_right(client) == counts and counts["total"] == 3


def test_a_change_is_counted_once_it_commits(client, gazette, editor,
                                             django_capture_on_commit_callbacks):
    """The task a change queues on commit counts again, so the next reader reads: the
    index then renders in as many queries as before the change."""
    def cold_queries():
        for cache in caches.all():
            cache.clear()
        with CaptureQueriesContext(connection) as captured:
            assert client.get("/gazette/").status_code == 200
        return len(captured)

    assert_counts_right(client)
    fresh = cold_queries()
    with django_capture_on_commit_callbacks(execute=True):
        admin_ok(editor.post(f"/admin/pages/{document(1).pk}/unpublish/"))
    row = GazetteIndexCounts.objects.get()
    assert row.counted == row.changes
    assert cold_queries() == fresh
    assert_counts_right(client)


def test_index_counts_counts_again_only_when_stale(gazette):
    pairs, years = index_counts()
    assert sum(n for _type, _agency, n in pairs) == 4 and years == [2024, 2023]
    # Fresh: read, not counted.
    assert GazetteIndexCounts.objects.filter(pk=GazetteIndexCounts.ROW).update(pairs=[]) == 1
    assert index_counts() == ([], years)
    mark_index_counts_stale()
    assert sum(n for _type, _agency, n in index_counts()[0]) == 4
    GazetteIndexCounts.objects.all().delete()  # a flushed table: made again
    assert sum(n for _type, _agency, n in index_counts()[0]) == 4
    row = GazetteIndexCounts.objects.get()
    assert row.counted == row.changes


def test_the_cold_index_reads_its_counts_in_as_many_queries_whatever_the_corpus(
        client, gazette, django_assert_max_num_queries):
    def cold(url):
        for cache in caches.all():
            cache.clear()
        with CaptureQueriesContext(connection) as captured:
            assert client.get(url).status_code == 200
        return len(captured)

    urls = ["/gazette/", "/en/gazette/"]
    for url in urls:
        client.get(url)  # the counts are taken once
    small = {url: cold(url) for url in urls}
    load(*[record(100 + n, type=kind, subtype=sub, agency={"name": f"機關{n % 7}",
                                                           "code": f"39700099{n % 7}A"},
                  issue=(110 + n % 3, "春", 1 + n % 4, f"{2021 + n % 3}-03-{3 + n % 4:02d}"))
           for n, (kind, sub) in enumerate([("公告", "公告"), ("行政規則", None),
                                            ("法規", "自治規則")] * 10)])
    for url in urls:
        client.get(url)
        for cache in caches.all():
            cache.clear()
        with django_assert_max_num_queries(small[url], info=url):
            client.get(url)
    assert_counts_right(client)
