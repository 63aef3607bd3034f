import datetime

from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone
from wagtail.models import PageViewRestriction

from bulletin.models import GazetteDocumentPage, GazetteIssuePage
from portal.models import Agency
from tests.bulletin.helpers import gazette_index, load, record
from tests.factories import translate
from tests.html import has_link, parse, texts
from tests.scheduling import run_scheduler, travel


def sixty_documents(home):
    gazette_index(home)
    kinds = [("公告", "公示送達"), ("公告", "公告"), ("行政規則", None), ("法規", "自治規則")]
    records = []
    for n in range(60):
        kind, sub = kinds[n % 4]
        records.append(record(n, type=kind, subtype=sub, agency={
            "name": f"機關{n % 5}", "code": f"39700000{n % 5}A"}))
    report = load(*records)
    assert not report.errors
    return report.pages[-1].get_parent().specific


def test_issue_page_is_a_table_of_contents_grouped_by_type(client, home):
    issue = sixty_documents(home)
    text = client.get(issue.url).content.decode()
    assert "113年夏字第5期" in text
    soup = parse(text)
    heading = soup.find("h3", id=lambda value: value and value.startswith("toc-"))
    assert heading is not None and heading.find_next(string=lambda s: "公示送達第0號處分書" in s)
    # 法規 comes before 行政規則, before 公告, whatever the import order.
    words = texts(soup)
    assert words.index("法規") < words.index("行政規則") < words.index("公告")


def test_pages_keep_a_constant_number_of_queries(client, home, django_assert_max_num_queries):
    issue = sixty_documents(home)
    document = GazetteDocumentPage.objects.live().first()
    for url in [issue.url, "/gazette/", document.url,
                "/gazette/?conditions[term]=公示送達&order=newest",
                "/api/gazette/documents.json?per_page=100", f"/api/gazette/issues/{issue.key}.json",
                "/gazette/feed.atom", "/"]:
        with CaptureQueriesContext(connection) as small:
            assert client.get(url).status_code == 200, url
        with django_assert_max_num_queries(len(small) + 2):
            client.get(url)
    # and the same page after 60 more documents costs no more queries
    load(*[record(100 + n) for n in range(60)])
    with CaptureQueriesContext(connection) as before:
        client.get(issue.url)
    with django_assert_max_num_queries(len(before)):
        client.get(issue.url)


def test_document_page_shows_every_field_and_corrections_both_ways(client, home):
    gazette_index(home)
    original = load(record(1, title="高雄市機關車輛管理要點", title_en="Vehicle management rules",
                           type="行政規則", subtype=None, effective="2024-07-01",
                           keywords=["車輛", "管理"])).pages[-1]
    correction = load(record(2, title="更正高雄市機關車輛管理要點", type="其他", subtype="更正",
                             correction_of=original.document_number)).pages[-1]
    text = client.get(original.url).content.decode()
    for expected in ["高雄市機關車輛管理要點", "Vehicle management rules", "行政規則",
                     original.document_number, "高雄市政府行政暨國際處", "民國113年6月1日",
                     "民國113年7月1日", "車輛、管理", "113年夏字第5期",
                     "更正高雄市機關車輛管理要點", f"/gazette/d/{original.pk}/"]:
        assert expected in text, expected
    text = client.get(correction.url).content.decode()
    assert "高雄市機關車輛管理要點" in text and original.url in text


def test_permanent_address_follows_the_readable_one(client, home):
    gazette_index(home)
    document = load(record(1)).pages[-1]
    response = client.get(f"/gazette/d/{document.pk}/")
    assert response.status_code == 302 and response["Location"] == document.url
    document.slug = "renamed"
    document.save()
    assert client.get(f"/gazette/d/{document.pk}/")["Location"].endswith("/renamed/")
    assert client.get("/gazette/d/999999/").status_code == 404


def test_search_filters_counts_and_bad_input(client, home):
    gazette_index(home)
    load(record(1, title="消費者保護稽查結果公告", type="公告", subtype="公告",
                agency={"name": "高雄市政府法制局", "code": "397000100A"},
                title_en="Consumer protection inspection results"),
         record(2, title="公示送達甲"),
         record(3, title="車輛管理要點", type="行政規則", subtype=None,
                issue=(113, "秋", 1, "2024-07-03")))
    text = client.get("/gazette/?conditions[type][]=公告").content.decode()
    assert "消費者保護稽查結果公告" in text and "公示送達甲" in text and "車輛管理要點" not in text
    text = client.get("/gazette/?conditions[agency][]=397000100A").content.decode()
    assert "消費者保護稽查結果公告" in text and "公示送達甲" not in text
    text = client.get("/gazette/?conditions[issue]=113-秋-1").content.decode()
    assert "車輛管理要點" in text and "公示送達甲" not in text
    # Chinese word splitting comes with the search issue; an English word works today.
    text = client.get("/gazette/?conditions[term]=inspection").content.decode()
    assert "消費者保護稽查結果公告" in text and "公示送達甲" not in text
    response = client.get("/gazette/?conditions[publication_date][gte]=yesterday")
    assert response.status_code == 200
    assert 'value="yesterday"' in response.content.decode()


def test_english_index_lists_the_gazette(client, home, home_en):
    index = gazette_index(home)
    translate(index, "en", title="City Gazette")
    load(record(1, title_en="Service by publication No. 1"))
    agency = Agency.objects.get(code="397000000A")
    english = agency.copy_for_translation(home_en.locale)
    english.name = "Department of Administration and International Affairs"
    english.save()
    text = client.get("/en/gazette/").content.decode()
    assert "City Gazette" in text and "Service by publication No. 1" in text
    assert "Department of Administration and International Affairs" in text
    assert "高雄市政府行政暨國際處" not in text


def test_english_readers_read_issues_and_documents_in_an_english_page(client, home, home_en):
    index = gazette_index(home)
    english_index = translate(index, "en", title="City Gazette")
    load(record(1, title_en="Service by publication No. 1"), record(2))
    document = GazetteDocumentPage.objects.get(title_en="Service by publication No. 1")
    untitled = GazetteDocumentPage.objects.exclude(pk=document.pk).get()

    listing = parse(client.get("/en/gazette/"))
    assert has_link(listing, f"/en/gazette/d/{document.pk}/")

    response = client.get(f"/en/gazette/d/{document.pk}/")
    assert response.status_code == 200
    text = response.content.decode()
    soup = parse(text)
    assert soup.html["lang"] == "en" and "Issuing agency" in text
    assert "Service by publication No. 1" in [h1.get_text() for h1 in soup.find_all("h1")]
    assert "主旨：公示送達第1號裁處書。" in [
        p.get_text() for p in soup.select('[lang="zh-Hant"] > p:first-child')]
    assert has_link(soup, "/en/gazette/i/113-夏-5/")  # its issue, in English
    assert has_link(soup, document.url)  # the language switcher: the Chinese page
    assert has_link(soup, english_index.url, "City Gazette")  # breadcrumbs

    issue = client.get("/en/gazette/i/113-夏-5/").content.decode()
    assert "ROC year 113" in issue and has_link(parse(issue), f"/en/gazette/d/{untitled.pk}/")
    assert len(parse(client.get(f"/en/gazette/d/{untitled.pk}/")).select(
        '[lang="zh-Hant"]')) >= 2  # title and body, both Chinese
    assert client.get("/en/gazette/i/113-夏-99/").status_code == 404
    assert client.get("/en/gazette/i/not-an-issue/").status_code == 404
    # In Chinese, the permanent address still leads to the readable one.
    assert client.get(f"/gazette/d/{document.pk}/")["Location"] == document.url


def test_documents_follow_their_issues_date(client, home):
    gazette_index(home)
    load(record(1), record(2, issue=(113, "夏", 6, "2024-06-12")))
    first, second = record(1)["document_number"], record(2)["document_number"]

    def numbers(**query):
        response = client.get("/api/gazette/documents.json", query)
        return [result["document_number"] for result in response.json()["results"]]

    assert numbers(order="newest") == [second, first]
    assert numbers(**{"conditions[publication_date][is]": "2024-06-05"}) == [first]
    issue = GazetteIssuePage.objects.get(number=5)
    issue.publication_date = datetime.date(2024, 6, 19)
    issue.save_revision().publish()
    assert numbers(order="newest") == [first, second]
    assert numbers(**{"conditions[publication_date][is]": "2024-06-19"}) == [first]


def test_counts_follow_imports_publishing_and_unpublishing(client, home):
    gazette_index(home)
    load(record(1))
    assert "高雄市政府行政暨國際處 (1)" in client.get("/gazette/").content.decode()
    load(record(2))
    assert "高雄市政府行政暨國際處 (2)" in client.get("/gazette/").content.decode()
    GazetteDocumentPage.objects.get(document_number=record(2)["document_number"]).unpublish()
    html = client.get("/gazette/").content.decode()
    assert "高雄市政府行政暨國際處 (1)" in html and "共 1 份文件" in html
    document = GazetteDocumentPage.objects.get(document_number=record(2)["document_number"])
    document.save_revision().publish()
    html = client.get("/gazette/").content.decode()
    assert "高雄市政府行政暨國際處 (2)" in html and "共 2 份文件" in html


def test_counts_follow_a_scheduled_publication(client, home):
    """An issue taken down and scheduled to go live again: the scheduler's own loop puts it
    and its documents live, and the index counts them again."""
    gazette_index(home)
    issue = load(record(1), record(2)).pages[-1].get_parent().specific
    issue.unpublish()
    html = client.get("/gazette/").content.decode()
    assert "共 0 份文件" in html and "高雄市政府行政暨國際處 (" not in html
    go_live = timezone.now() + datetime.timedelta(hours=1)
    with travel(go_live - datetime.timedelta(minutes=5)) as traveller:
        issue.go_live_at = go_live
        issue.save_revision().publish()
        issue.refresh_from_db()
        assert not issue.live
        run_scheduler(traveller, go_live + datetime.timedelta(minutes=2))
        html = client.get("/gazette/").content.decode()
    assert "共 2 份文件" in html and "高雄市政府行政暨國際處 (2)" in html


def test_counts_follow_view_restrictions(client, home):
    """A document put behind a password leaves the index's counts as it leaves its list,
    and comes back to them when the restriction is lifted."""
    gazette_index(home)
    load(record(1), record(2))
    assert "高雄市政府行政暨國際處 (2)" in client.get("/gazette/").content.decode()
    document = GazetteDocumentPage.objects.get(document_number=record(2)["document_number"])
    restriction = PageViewRestriction.objects.create(
        page=document, restriction_type="password", password="secret")
    html = client.get("/gazette/").content.decode()
    assert "高雄市政府行政暨國際處 (1)" in html and "共 1 份文件" in html
    restriction.delete()
    assert "高雄市政府行政暨國際處 (2)" in client.get("/gazette/").content.decode()


def test_the_newest_issue_is_read_from_an_index(db):
    # The home page, the gazette index and the feeds ask for the newest issue; without
    # this index PostgreSQL joined every page to find it.
    with connection.cursor() as cursor:
        indexes = connection.introspection.get_constraints(cursor, "bulletin_gazetteissuepage")
    assert indexes["bulletin_issue_newest"]["columns"] == ["publication_date", "number"]


def test_the_language_switcher_leads_chinese_gazette_pages_to_their_english_reading(
        client, home, home_en):
    """The gazette is published in Chinese only: from a Chinese issue or document, "English"
    leads to the same issue or document under the English gazette index, not to the
    English home page."""

    translate(gazette_index(home), "en", title="City Gazette")
    document = load(record(1, title_en="Service by publication No. 1")).pages[-1]
    issue = document.get_parent().specific
    switcher = parse(client.get(document.url)).select_one("nav.language-switcher")
    assert has_link(switcher, f"/en/gazette/d/{document.pk}/")
    switcher = parse(client.get(issue.url)).select_one("nav.language-switcher")
    assert has_link(switcher, "/en/gazette/i/113-夏-5/")
