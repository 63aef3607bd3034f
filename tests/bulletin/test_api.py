import csv
import io

import feedparser
import pytest

from tests.bulletin.helpers import sample_documents


@pytest.fixture
def documents(home):
    return sample_documents(home)


def test_search_json_shape_and_filters(client, documents):
    response = client.get("/api/gazette/documents.json")
    assert response.status_code == 200
    assert response["Access-Control-Allow-Origin"] == "*"
    data = response.json()
    assert set(data) == {"count", "total_pages", "next_page_url", "previous_page_url",
                         "results"}
    assert data["count"] == 4
    first = data["results"][0]
    assert first["title"] == "公示送達處分書"  # newest issue first
    assert first["issue"] == {"roc_year": 113, "volume": "秋", "number": 1,
                              "publication_date": "2024-07-03"}
    assert first["agency"] == {"name": "高雄市政府行政暨國際處", "code": "397000000A"}
    assert first["type"] == "公告" and first["subtype"] == "公示送達"
    vehicle = next(r for r in data["results"] if r["title"] == "高雄市機關車輛管理要點")
    assert vehicle["type"] == "行政規則" and vehicle["subtype"] is None
    assert vehicle["corrections"] == [documents[-1].pk]
    correction = next(r for r in data["results"] if r["title"] == "更正車輛管理要點")
    assert correction["correction_of"] == vehicle["id"]
    assert vehicle["json_url"].endswith(f"/api/gazette/documents/{vehicle['id']}.json")

    def count(query):
        return client.get("/api/gazette/documents.json?" + query).json()["count"]

    assert count("conditions[type][]=公告") == 2
    assert count("conditions[type][]=行政規則&conditions[type][]=其他") == 2
    assert count("conditions[agency][]=397000100A") == 1
    assert count("conditions[issue]=113-秋-1") == 1
    assert count("conditions[publication_date][gte]=2024-07-01") == 1
    assert count("conditions[publication_date][is]=2024-06-05") == 3
    assert count("conditions[publication_date][year]=2024") == 4
    assert count("conditions[signing_date][lte]=2024-05-31") == 1
    assert count(f"conditions[document_number]={documents[0].document_number}") == 1
    assert count("conditions[term]=vehicle") == 1


def test_paging_order_and_fields(client, documents):
    data = client.get("/api/gazette/documents.json?per_page=3&order=oldest&fields[]=id"
                      "&fields[]=title").json()
    assert data["total_pages"] == 2 and data["previous_page_url"] is None
    assert set(data["results"][0]) == {"id", "title"}
    second = client.get(data["next_page_url"]).json()
    assert len(second["results"]) == 1 and second["next_page_url"] is None
    assert second["results"][0]["title"] == "公示送達處分書"
    assert second["previous_page_url"]


@pytest.mark.parametrize("query, parameter", [
    ("per_page=1001", "per_page"), ("per_page=0", "per_page"), ("page=abc", "page"),
    ("order=random", "order"), ("conditions[publication_date][gte]=06/05",
                                "conditions[publication_date][gte]"),
    ("conditions[publication_date][year]=twenty", "conditions[publication_date][year]"),
    ("conditions[issue]=113-summer-5", "conditions[issue]"), ("fields[]=password", "fields[]"),
])
def test_bad_parameters_give_400_with_errors(client, documents, query, parameter):
    for url in ["/api/gazette/documents.json?", "/api/gazette/documents.csv?"]:
        response = client.get(url + query)
        assert response.status_code == 400
        assert parameter in response.json()["errors"]


def test_per_page_is_capped_at_1000(client, documents):
    assert client.get("/api/gazette/documents.json?per_page=1000").status_code == 200
    assert client.get("/api/gazette/documents.json?per_page=1001").status_code == 400


def test_csv(client, documents):
    response = client.get("/api/gazette/documents.csv?conditions[type][]=公告")
    assert response.status_code == 200 and response["Content-Type"].startswith("text/csv")
    rows = list(csv.DictReader(io.StringIO(response.content.decode("utf-8-sig"))))
    assert {row["title"] for row in rows} == {"消費者保護稽查結果公告", "公示送達處分書"}
    assert next(r for r in rows if r["subtype"] == "公告")["agency_code"] == "397000100A"


def test_one_document_and_one_issue(client, documents):
    document = documents[0]
    data = client.get(f"/api/gazette/documents/{document.pk}.json").json()
    assert data["document_number"] == document.document_number
    assert data["body_html"].startswith("<p>")
    assert client.get("/api/gazette/documents/999999.json").status_code == 404
    issue = client.get("/api/gazette/issues/113-夏-5.json").json()
    assert issue["title"] == "113年夏字第5期" and len(issue["documents"]) == 3
    assert client.get("/api/gazette/issues/113-夏-99.json").status_code == 404
    assert client.get("/api/gazette/issues/bad.json").status_code == 400


def test_atom_feed_parses_and_takes_conditions(client, documents):
    response = client.get("/gazette/feed.atom?conditions[type][]=公告")
    assert response["Content-Type"].startswith("application/atom+xml")
    feed = feedparser.parse(response.content)
    assert not feed.bozo, feed.get("bozo_exception")
    assert {entry.title for entry in feed.entries} == {"消費者保護稽查結果公告", "公示送達處分書"}
    assert all("/gazette/d/" in entry.link for entry in feed.entries)
    assert client.get("/gazette/feed.atom?per_page=x").status_code == 400
    # No English gazette page in this site, so no English feed either.
    assert client.get("/en/gazette/feed.atom").status_code == 404


def test_wagtail_api_exposes_gazette_fields(client, documents):
    document = documents[0]
    data = client.get(f"/api/v2/pages/{document.pk}/").json()
    assert data["document_number"] == document.document_number
    assert data["agency"]["id"] == document.agency_id


def test_not_found_answers_in_json_not_the_site_page(client, documents):
    for url, parameter in [("/api/gazette/documents/999999.json", "document_id"),
                           (f"/api/gazette/documents/{2**70}.json", "document_id"),
                           ("/api/gazette/issues/113-夏-99.json", "issue"),
                           ("/api/gazette/documents/abc.json", "path"),
                           ("/api/gazette/nothing-here", "path"),
                           ("/api/gazette/nothing%0Ahere", "path")]:  # once the HTML page
        response = client.get(url)
        assert response.status_code == 404, url
        assert response["Content-Type"] == "application/json"
        assert parameter in response.json()["errors"], url


def test_other_methods_get_405_not_the_csrf_page(client, documents):
    client.handler.enforce_csrf_checks = True
    for url in ["/api/gazette/documents.json", "/api/gazette/documents.csv",
                f"/api/gazette/documents/{documents[0].pk}.json",
                "/api/gazette/issues/113-夏-5.json"]:
        response = client.post(url)
        assert response.status_code == 405, url
        assert response["Allow"] == "GET"


@pytest.mark.parametrize("query, parameter", [
    ("conditions[publication_date][year]=²⁰²⁴", "conditions[publication_date][year]"),
    ("conditions[issue]=١١٣-夏-5", "conditions[issue]"),
])
def test_digits_are_ascii_digits(client, documents, query, parameter):
    response = client.get("/api/gazette/documents.json?" + query)
    assert response.status_code == 400
    assert parameter in response.json()["errors"]


def test_an_issue_is_named_exactly(client, documents):
    assert client.get("/api/gazette/issues/113-夏-5.json").status_code == 200
    for key in ("113-夏-5%0A", "١١٣-夏-5"):
        assert client.get(f"/api/gazette/issues/{key}.json").status_code == 400, key


def test_a_page_past_the_end_is_empty(client, documents):
    for page in (3, 10**20):
        data = client.get(f"/api/gazette/documents.json?per_page=2&page={page}").json()
        assert data["count"] == 4 and data["results"] == [] and data["next_page_url"] is None


@pytest.mark.parametrize("parameter", ["conditions[term]", "conditions[document_number]",
                                       "conditions[agency][]", "conditions[type][]"])
def test_a_nul_character_is_refused_not_sent_to_the_database(client, documents, parameter):
    # PostgreSQL refuses NUL in text: without this check the query failed with a 500 there.
    response = client.get("/api/gazette/documents.json", {parameter: "公告\x00"})
    assert response.status_code == 400
    assert parameter in response.json()["errors"]
