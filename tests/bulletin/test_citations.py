"""The citation resolver: /gazette/cite/<issue or 發文字號> and /api/gazette/cite/<…>."""

from urllib.parse import quote

import pytest

from bulletin.citations import normalise, parse_issue
from bulletin.models import GazetteDocumentPage
from tests.bulletin.helpers import gazette_index, load, record
from tests.factories import translate
from tests.html import has_link, parse

NUMBER = "高市府行國字第11330000001號"


@pytest.fixture
def documents(home):
    gazette_index(home)
    report = load(
        record(1, title="公示送達第1號處分書", title_en="Service by publication No. 1"),
        record(2, title="消費者保護稽查結果公告", subtype="公告"),
        # Two agencies gave the same number: it happens, and neither may hide the other.
        record(3, title="同字號之一", document_number="高市府法字第1130000號",
               issue=(113, "秋", 1, "2024-07-03")),
        record(4, title="同字號之二", document_number="高市府法字第1130000號",
               agency={"name": "高雄市政府法制局", "code": "397000100A"}),
    )
    assert not report.errors
    return {page.title: page for page in report.pages}


@pytest.mark.parametrize("text, expected", [
    ("113年夏字第5期", (113, "夏", 5)),
    ("１１３年夏字第５期", (113, "夏", 5)),
    ("民國113年夏字第5期", (113, "夏", 5)),
    ("高雄市政府公報113年夏字第5期", (113, "夏", 5)),
    ("113-夏-5", (113, "夏", 5)),
    ("１１３－夏－５", (113, "夏", 5)),
    (" 113 年 夏字 第 5 期\n", (113, "夏", 5)),
    ("113年初字第5期", None),
    ("113-summer-5", None),
    (NUMBER, None),
])
def test_issue_citations_are_read_as_people_write_them(text, expected):
    assert parse_issue(normalise(text)) == expected


def test_normalising_folds_full_width_characters_and_whitespace():
    assert normalise("　高市府行國字第１１３３００００００１號 ") == NUMBER
    assert normalise("高市府行國字\n第11330000001號") == NUMBER


@pytest.mark.parametrize("citation", [
    NUMBER, "高市府行國字第１１３３００００００１號", f"  {NUMBER}　", quote(NUMBER)])
def test_a_document_number_leads_to_the_document(client, documents, citation):
    document = documents["公示送達第1號處分書"]
    response = client.get(f"/gazette/cite/{citation}")
    assert response.status_code == 302
    assert response["Location"] == document.url


@pytest.mark.parametrize("citation", ["113年夏字第5期", "113-夏-5", "１１３－夏－５"])
def test_an_issue_citation_leads_to_the_issue(client, documents, citation):
    issue = documents["公示送達第1號處分書"].get_parent()
    response = client.get("/gazette/cite/" + quote(citation))
    assert response.status_code == 302 and response["Location"] == issue.url


def test_english_readers_are_led_to_the_english_page(client, home, home_en, documents):
    document = documents["公示送達第1號處分書"]
    untranslated = documents["消費者保護稽查結果公告"]
    index = gazette_index(home)
    translate(index, "en", title="City Gazette")
    assert client.get(f"/en/gazette/cite/{NUMBER}")["Location"] == (
        f"/en/gazette/d/{document.pk}/")
    assert client.get("/en/gazette/cite/113-夏-5")["Location"] == quote("/en/gazette/i/113-夏-5/")
    # A document with a translation of its own: that is its English page.
    translate(document.get_parent(), "en")
    english = translate(document, "en", title="Service by publication No. 1")
    assert client.get(f"/en/gazette/cite/{NUMBER}")["Location"] == english.url
    # Chinese readers still go to the Chinese page, and the rest still read through the index.
    assert client.get(f"/gazette/cite/{NUMBER}")["Location"] == document.url
    assert client.get(f"/en/gazette/cite/{untranslated.document_number}")["Location"] == (
        f"/en/gazette/d/{untranslated.pk}/")
    followed = client.get(f"/en/gazette/cite/{untranslated.document_number}", follow=True)
    assert followed.status_code == 200 and parse(followed).html["lang"] == "en"


def test_without_an_english_gazette_english_readers_get_the_chinese_page(client, documents):
    document = documents["公示送達第1號處分書"]
    assert client.get(f"/en/gazette/cite/{NUMBER}")["Location"] == document.url


@pytest.mark.parametrize("prefix, heading, search", [
    ("", "找不到", "搜尋公報"), ("/en", "Citation not found", "Search the gazette for")])
def test_an_unknown_citation_is_a_404_in_the_readers_language_with_a_search(
        client, home, home_en, documents, prefix, heading, search):
    translate(gazette_index(home), "en", title="City Gazette")
    response = client.get(f"{prefix}/gazette/cite/高市府行國字第99999號")
    assert response.status_code == 404
    text = response.content.decode()
    assert heading in text and "高市府行國字第99999號" in text
    soup = parse(text)
    link = soup.find("a", string=lambda s: s and search in s)
    assert link["href"].startswith(f"{prefix}/gazette/?conditions%5Bterm%5D=")
    assert client.get(link["href"]).status_code == 200
    # The language switcher: the same lookup in the other language.
    other = "" if prefix else "/en"
    assert has_link(soup, other + "/gazette/cite/" + quote("高市府行國字第99999號"))


@pytest.mark.parametrize("citation", [
    "113-夏-99", "113年冬字第1期", "x" * 300, "%00", "a%00b", "%20", "."])
def test_nothing_found_is_a_404_never_a_500(client, documents, citation):
    assert client.get(f"/gazette/cite/{citation}").status_code == 404
    response = client.get(f"/api/gazette/cite/{citation}")
    assert response.status_code == 404 and "citation" in response.json()["errors"]


def test_unpublished_documents_are_not_cited(client, documents):
    documents["公示送達第1號處分書"].unpublish()
    assert client.get(f"/gazette/cite/{NUMBER}").status_code == 404
    assert client.get(f"/api/gazette/cite/{NUMBER}").status_code == 404


def test_several_documents_with_one_number_are_offered_to_choose(client, documents):
    response = client.get("/gazette/cite/高市府法字第1130000號")
    assert response.status_code == 300
    soup = parse(response)
    for title in ("同字號之一", "同字號之二"):
        assert has_link(soup, documents[title].url, title)
    search = soup.find("a", string=lambda s: s and "公報搜尋" in s)["href"]
    assert search.startswith("/gazette/?conditions%5Bdocument_number%5D=")
    listing = client.get(search)
    assert listing.status_code == 200 and listing.context["count"] == 2


def test_the_api_answers_the_same_lookup(client, home, home_en, documents):
    document = documents["公示送達第1號處分書"]
    translate(gazette_index(home), "en", title="City Gazette")

    response = client.get("/api/gazette/cite/" + quote("高市府行國字第１１３３００００００１號"))
    assert response.status_code == 200 and response["Access-Control-Allow-Origin"] == "*"
    data = response.json()
    assert data["citation"] == NUMBER and data["kind"] == "document"
    found = data["document"]
    assert found["id"] == document.pk and found["title"] == document.title
    assert found["html_urls"] == {"zh-hant": f"http://testserver{document.url}",
                                  "en": f"http://testserver/en/gazette/d/{document.pk}/"}
    assert client.get(found["json_url"]).json()["id"] == document.pk

    issue = client.get("/api/gazette/cite/113年夏字第5期").json()
    assert issue["kind"] == "issue" and issue["citation"] == "113年夏字第5期"
    assert issue["issue"]["key"] == "113-夏-5" and issue["issue"]["title"] == "113年夏字第5期"
    assert issue["issue"]["html_urls"]["en"] == "http://testserver" + quote(
        "/en/gazette/i/113-夏-5/")
    assert client.get(issue["issue"]["json_url"]).status_code == 200
    # Addresses are URIs: the issue's Chinese volume is percent-encoded.
    assert issue["issue"]["json_url"].endswith("/api/gazette/issues/" + quote("113-夏-5.json"))

    several = client.get("/api/gazette/cite/高市府法字第1130000號")
    assert several.status_code == 300
    choice = several.json()
    assert choice["kind"] == "documents"
    assert {d["title"] for d in choice["documents"]} == {"同字號之一", "同字號之二"}
    assert client.get(choice["search_url"]).json()["count"] == 2


def test_the_choice_page_keeps_a_constant_number_of_queries(
        client, home, documents, django_assert_max_num_queries):
    def choose():
        response = client.get("/gazette/cite/高市府法字第1130000號")
        assert response.status_code == 300
        return response

    choose()
    with django_assert_max_num_queries(25) as captured:
        choose()
    # Counted now: the connection's log of queries is bounded, and loading issues rolls it.
    few = len(captured.captured_queries)
    # One number in ten more issues (an issue holds a number once).
    load(*[record(n, document_number="高市府法字第1130000號",
                  issue=(113, "秋", n, f"2024-08-{n:02d}")) for n in range(5, 15)])
    choose()  # the content changed: warm again what is kept per content version
    with django_assert_max_num_queries(few):
        more = choose()
    assert len(parse(more).select(".gazette-results li")) == 12


def test_a_translated_document_is_cited_once(client, home, home_en, documents):
    document = documents["公示送達第1號處分書"]
    translate(gazette_index(home), "en", title="City Gazette")
    translate(document.get_parent(), "en")
    translate(document, "en")
    assert GazetteDocumentPage.objects.filter(document_number=NUMBER).count() == 2
    assert client.get(f"/gazette/cite/{NUMBER}").status_code == 302
    assert client.get(f"/api/gazette/cite/{NUMBER}").json()["kind"] == "document"


def test_the_api_refuses_in_the_clients_language(client, documents):
    def message(**headers):
        response = client.get("/api/gazette/cite/113-夏-99", **headers)
        assert response.status_code == 404
        return response.json()["errors"]["citation"]

    english = message(HTTP_ACCEPT_LANGUAGE="en")
    assert english != message() and "citation" in english
    assert client.get("/api/gazette/cite/113-夏-99?locale=fr").status_code == 400
