"""The gazette API and feed as real clients meet them: refusals in the client's language,
unknown conditions named, a flat CSV for csv and pandas, feed titles that say the search."""

import csv
import datetime
import io

import feedparser
import pandas
import pytest
from django.utils import translation

from bulletin.conditions import Conditions
from bulletin.feeds import search_description
from portal.models import Agency
from tests.bulletin.helpers import gazette_index, sample_documents
from tests.factories import translate


@pytest.fixture
def documents(home, tmp_path):
    attachment = tmp_path / "table.pdf"
    attachment.write_bytes(b"%PDF-1.4 table")
    return sample_documents(home, second_title="釜山市姊妹市交流公告", attachments=[
        {"title": "附表", "path": str(attachment)}])


SEARCH = "/api/gazette/documents.json"


def errors(response):
    assert response.status_code == 400, response.content
    return response.json()["errors"]


# Refusals in the client's language.

def test_refusals_follow_accept_language_and_locale(client, documents):
    query = {"per_page": "1001", "order": "up"}
    assert errors(client.get(SEARCH, query)) == {
        "order": "須為 relevance、newest 或 oldest", "per_page": "不得超過 1000"}
    english = {"order": "must be one of relevance, newest, oldest",
               "per_page": "must be at most 1000"}
    assert errors(client.get(SEARCH, query, HTTP_ACCEPT_LANGUAGE="en-US,en;q=0.9")) == english
    assert errors(client.get(SEARCH, {**query, "locale": "en"})) == english
    assert errors(client.get(SEARCH, {**query, "locale": "EN"})) == english
    # locale= wins over the header, both ways.
    assert errors(client.get(SEARCH, {**query, "locale": "zh-Hant"},
                             HTTP_ACCEPT_LANGUAGE="en"))["per_page"] == "不得超過 1000"
    assert errors(client.get(SEARCH, {**query, "locale": "en"},
                             HTTP_ACCEPT_LANGUAGE="zh-TW"))["per_page"] == english["per_page"]
    assert errors(client.get(SEARCH, query, HTTP_ACCEPT_LANGUAGE="zh-TW,en;q=0.5")) == {
        "order": "須為 relevance、newest 或 oldest", "per_page": "不得超過 1000"}


def test_every_gazette_api_refusal_speaks_english_when_asked(client, documents):
    english = {"HTTP_ACCEPT_LANGUAGE": "en"}
    assert errors(client.get("/api/gazette/documents.csv", {"page": "0"}, **english)) == {
        "page": "must be at least 1"}
    assert errors(client.get("/api/gazette/issues/bad.json", **english)) == {
        "issue": "must be an issue such as 113-夏-5"}
    for url, parameter, message in [
            ("/api/gazette/documents/999999.json", "document_id",
             "no published document has this id"),
            ("/api/gazette/issues/113-夏-99.json", "issue", "no published issue has this number"),
            ("/api/gazette/nothing-here", "path", "no such address in the gazette API")]:
        response = client.get(url, **english)
        assert response.status_code == 404, url
        assert response.json() == {"errors": {parameter: message}}
    # The NUL message was translated once, at import, in whatever language was active.
    assert errors(client.get(SEARCH, {"conditions[term]": "a\x00", "locale": "en"})) == {
        "conditions[term]": "contains a character that is not allowed"}
    assert errors(client.get(SEARCH, {"conditions[term]": "a\x00"})) == {
        "conditions[term]": "含有不允許的字元"}


def test_a_locale_naming_no_language_is_refused(client, documents):
    for url in [SEARCH, "/api/gazette/documents.csv", "/api/gazette/issues/113-夏-5.json",
                f"/api/gazette/documents/{documents[0].pk}.json"]:
        assert errors(client.get(url, {"locale": "fr"}, HTTP_ACCEPT_LANGUAGE="en")) == {
            "locale": "must be one of zh-hant, en"}, url
        assert client.get(url, {"locale": ""}).status_code == 200, url
        assert client.get(url, {"locale": "en"}).status_code == 200, url


def test_answers_read_the_same_in_every_language(client, documents):
    chinese = client.get(SEARCH).json()
    assert client.get(SEARCH, {"locale": "en"}, HTTP_ACCEPT_LANGUAGE="en").json()["results"] \
        == chinese["results"]


def test_feed_refusals_follow_the_client_too(client, documents):
    response = client.get("/gazette/feed.atom", {"per_page": "x"}, HTTP_ACCEPT_LANGUAGE="en")
    assert errors(response) == {"per_page": "must be a whole number"}
    assert errors(client.get("/gazette/feed.atom", {"per_page": "x"})) == {
        "per_page": "須為整數"}
    assert errors(client.get("/gazette/feed.atom", {"per_page": "x", "locale": "en"})) == {
        "per_page": "must be a whole number"}
    assert errors(client.get("/gazette/feed.atom", {"locale": "xx"})) == {
        "locale": "須為下列之一：zh-hant, en"}


# Unknown conditions.

def test_unknown_conditions_are_refused_by_name(client, documents):
    query = "conditions[agencies][]=397000100A&conditions[typ]=公告&conditions[term][]=x"
    for url in [SEARCH, "/api/gazette/documents.csv", "/gazette/feed.atom"]:
        refused = errors(client.get(f"{url}?{query}&locale=en"))
        assert list(refused) == ["conditions[agencies][]", "conditions[typ]",
                                 "conditions[term][]"], url
        assert refused["conditions[typ]"].startswith(
            "conditions[typ] is not a condition; the conditions are conditions[term], "), url
    assert "不是可用的條件" in errors(client.get(SEARCH + "?conditions[typ]=公告"))[
        "conditions[typ]"]
    assert list(errors(client.get(SEARCH + "?conditions=公告"))) == ["conditions"]


def test_known_conditions_in_either_spelling_and_other_parameters_pass(client, documents):
    def count(query):
        response = client.get(f"{SEARCH}?{query}")
        assert response.status_code == 200, response.content
        return response.json()["count"]

    assert count("conditions[type]=公告&conditions[agency]=397000100A") == 1
    assert count("conditions[type][]=公告&conditions[agency][]=397000100A") == 1
    assert count("utm_source=newsletter&callback=x") == 4  # not conditions: not ours to judge


def test_the_search_page_names_an_unknown_condition_too(client, documents):
    text = client.get("/gazette/?conditions[typ]=公告").content.decode()
    assert "conditions[typ]" in text and "不是可用的條件" in text


# The CSV, flat.

COLUMNS = ["id", "document_number", "title", "title_en", "type", "subtype", "agency_name",
           "agency_code", "issue", "issue_label", "publication_date", "signing_date",
           "effective_date", "comment_deadline", "html_url", "json_url", "attachment_urls",
           "correction_of", "corrections"]


def test_csv_has_flat_columns_for_the_csv_module(client, documents):
    response = client.get("/api/gazette/documents.csv", {"order": "oldest"})
    assert response.status_code == 200
    rows = list(csv.DictReader(io.StringIO(response.content.decode("utf-8-sig"))))
    assert list(rows[0]) == COLUMNS
    assert not [cell for row in rows for cell in row.values() if cell[:1] in ("{", "[")]
    by_title = {row["title"]: row for row in rows}
    vehicle = by_title["高雄市機關車輛管理要點"]
    assert vehicle["agency_name"] == "高雄市政府行政暨國際處"
    assert vehicle["agency_code"] == "397000000A"
    assert (vehicle["issue"], vehicle["issue_label"], vehicle["publication_date"]) == (
        "113-夏-5", "113年夏字第5期", "2024-06-05")
    assert (vehicle["type"], vehicle["subtype"]) == ("行政規則", "")
    assert vehicle["attachment_urls"].startswith("http://testserver/documents/")
    assert vehicle["attachment_urls"].endswith(".pdf") and " " not in vehicle["attachment_urls"]
    assert vehicle["corrections"] == str(documents[-1].pk)
    correction = by_title["更正車輛管理要點"]
    assert (correction["type"], correction["subtype"]) == ("其他", "更正")
    assert correction["correction_of"] == vehicle["id"] and correction["corrections"] == ""
    autumn = by_title["公示送達處分書"]
    assert (autumn["issue"], autumn["issue_label"]) == ("113-秋-1", "113年秋字第1期")
    # The issue key reads back as the condition that finds it.
    again = client.get(SEARCH, {"conditions[issue]": autumn["issue"]}).json()
    assert [row["title"] for row in again["results"]] == ["公示送達處分書"]


def test_csv_reads_into_pandas_with_clean_columns(client, documents):
    response = client.get("/api/gazette/documents.csv")
    frame = pandas.read_csv(io.BytesIO(response.content), dtype=str, keep_default_na=False)
    assert list(frame.columns) == COLUMNS
    assert len(frame) == 4
    assert set(frame["agency_code"]) == {"397000000A", "397000100A"}
    assert set(frame["issue_label"]) == {"113年夏字第5期", "113年秋字第1期"}


def test_csv_fields_pick_flat_columns(client, documents):
    response = client.get("/api/gazette/documents.csv?fields[]=id&fields[]=agency"
                          "&fields[]=issue&conditions[agency][]=397000100A")
    frame = pandas.read_csv(io.BytesIO(response.content), dtype=str)
    assert list(frame.columns) == ["id", "agency_name", "agency_code", "issue", "issue_label",
                                   "publication_date"]
    assert frame.iloc[0]["agency_name"] == "高雄市政府法制局"


# Feed titles say what the search was.

def feed(client, url):
    response = client.get(url)
    assert response.status_code == 200, response.content
    parsed = feedparser.parse(response.content)
    assert not parsed.bozo, parsed.get("bozo_exception")
    return parsed


def test_a_feeds_title_says_its_search(client, documents):
    assert feed(client, "/gazette/feed.atom").feed.title == "高雄市政府公報"
    parsed = feed(client, "/gazette/feed.atom?conditions[term]=釜山"
                          "&conditions[agency][]=397000100A")
    assert parsed.feed.title == "高雄市政府公報：關鍵字「釜山」、機關 高雄市政府法制局"
    assert [entry.title for entry in parsed.entries] == ["釜山市姊妹市交流公告"]
    parsed = feed(client, "/gazette/feed.atom?conditions[type][]=公告&conditions[type][]=其他"
                          "&conditions[issue]=113-夏-5"
                          "&conditions[publication_date][gte]=2024-06-01")
    assert parsed.feed.title == ("高雄市政府公報：類型「公告」或「其他」、113年夏字第5期、"
                                 "發行日期自 民國113年6月1日 起")


def test_an_english_feeds_title_says_its_search_in_english(client, home, home_en, documents):
    translate(gazette_index(home), "en", title="City Gazette")
    agency = Agency.objects.get(code="397000100A")
    english = agency.copy_for_translation(home_en.locale)
    english.name = "Legal Affairs Bureau"
    english.save()
    parsed = feed(client, "/en/gazette/feed.atom?conditions[term]=釜山"
                          "&conditions[agency][]=397000100A&conditions[type][]=公告")
    assert parsed.feed.title == ("Kaohsiung City Government Gazette: keyword “釜山”, "
                                 "type “Announcements”, agency Legal Affairs Bureau")
    assert [entry.title for entry in parsed.entries] == ["釜山市姊妹市交流公告"]


@pytest.mark.django_db
def test_search_description_names_every_condition():
    conditions = Conditions(
        agencies=["999999999Z"], issue=(113, "夏", 5), document_number="高市府法字第1號",
        dates={("publication_date", "is"): datetime.date(2024, 6, 5),
               ("publication_date", "lte"): datetime.date(2024, 6, 30),
               ("signing_date", "gte"): datetime.date(2024, 5, 1),
               ("signing_date", "lte"): datetime.date(2024, 5, 31),
               ("publication_date", "year"): 2024})
    with translation.override("en"):
        assert search_description(conditions) == (
            "agency 999999999Z, issue ROC year 113, Summer volume, No. 5, "
            "document number 高市府法字第1號, published on 5 June 2024, "
            "published until 30 June 2024, signed from 1 May 2024, signed until 31 May 2024, "
            "published in 2024")
    with translation.override("zh-hant"):
        assert search_description(conditions) == (
            "機關 999999999Z、113年夏字第5期、發文字號 高市府法字第1號、發行日期 民國113年6月5日、"
            "發行日期至 民國113年6月30日、發文日期自 民國113年5月1日 起、"
            "發文日期至 民國113年5月31日、民國113年發行")
    assert search_description(Conditions()) == ""


# per_page's cap.

def test_per_page_goes_to_1000_and_the_cap_is_documented(client, documents):
    assert len(client.get(SEARCH, {"per_page": "1000"}).json()["results"]) == 4
    assert errors(client.get(SEARCH, {"per_page": "1001", "locale": "en"})) == {
        "per_page": "must be at most 1000"}
    parameters = client.get("/api/openapi.json").json()["paths"][SEARCH]["get"]["parameters"]
    per_page = next(p for p in parameters if p["name"] == "per_page")
    assert per_page["schema"]["anyOf"][0]["maximum"] == 1000
    assert "at most 1,000" in per_page["description"]
    assert any(p["name"] == "locale" for p in parameters)
