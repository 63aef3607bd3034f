import datetime
import json
import logging
import urllib.error
import urllib.parse
import urllib.request
import xml.etree.ElementTree as ET

import pytest
import requests
from django.contrib.auth.models import User
from django.core import mail
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone
from georeport import GeoReport

from petitions import actions, domain
from petitions.models import ApiKey, AuditLog, Case, Kind
from petitions.open311 import issue_api_key
from tests.factories import sign_in_verified
from tests.html import parse
from tests.petitions.helpers import _agency

pytestmark = pytest.mark.django_db(transaction=True)


def fetch(url, data=None):
    body = urllib.parse.urlencode(data).encode() if data is not None else None
    try:
        with urllib.request.urlopen(url, body) as response:  # noqa: S310 - live_server http URL
            return response.status, response.read().decode()
    except urllib.error.HTTPError as error:
        return error.code, error.read().decode()


def test_read_side_over_http_has_no_personal_data(live_server):
    agency = _agency("397000000A")
    case, _ = domain.create_case(Kind.PETITION, {"subject": "秘密主旨", "name": "王小明",
                                                 "email": "m@example.com",
                                                 "description": "我家地址"})
    actions.assign(case, agency, None)
    base = live_server.url + "/open311/v2/"
    status, body = fetch(base + "services.json")
    assert status == 200 and {s["service_code"] for s in json.loads(body)} == {
        "petition", "complaint"}
    assert fetch(base + "service/petition.json")[0] == 200
    assert fetch(base + "services/petition.xml")[0] == 200
    status, body = fetch(base + "requests.json?jurisdiction_id=")
    items = json.loads(body)
    assert items[0]["service_request_id"] == case.number and items[0]["status"] == "open"
    assert items[0]["requested_datetime"].endswith("+08:00")
    for secret in ("王小明", "m@example.com", "我家地址", "秘密主旨"):
        assert secret not in body
    status, body = fetch(base + f"requests/{case.number}.json")
    assert status == 200 and isinstance(json.loads(body), list)
    status, body = fetch(base + f"requests/{case.number}.xml")
    assert ET.fromstring(body).find("request/status_notes").text
    status, body = fetch(base + "requests/P999-000001.xml")
    assert status == 404 and ET.fromstring(body).tag == "errors"
    assert ET.fromstring(body).find("error/code").text == "404"
    assert fetch(base + "discovery.json")[0] == 200


def test_post_needs_admin_issued_key_and_never_logs_it(live_server, caplog):
    _key, secret = issue_api_key("partner")
    base = live_server.url + "/open311/v2/requests.json"
    caplog.set_level(logging.DEBUG)
    data = {"service_code": "petition", "description": "人行道破損", "email": "a@example.com"}
    assert fetch(base, {**data, "api_key": "wrong"})[0] == 403
    status, body = fetch(base, {**data, "api_key": secret})
    assert status == 200
    number = json.loads(body)[0]["service_request_id"]
    assert Case.objects.get(number=number).description == "人行道破損"
    # Defect 10: a key in the address reaches access logs; it is refused, and said why.
    status, body = fetch(base + "?api_key=" + secret, data)
    assert status == 400 and "X-API-Key" in json.loads(body)[0]["description"]
    assert Case.objects.count() == 1
    request = urllib.request.Request(  # noqa: S310 - live_server http URL
        base, urllib.parse.urlencode(data).encode(), headers={"X-API-Key": secret})
    with urllib.request.urlopen(request) as response:  # noqa: S310 - live_server http URL
        assert response.status == 200
    assert Case.objects.count() == 2
    assert fetch(base, {"api_key": secret, "service_code": "nope"})[0] == 400
    assert secret not in caplog.text


@pytest.mark.parametrize("output_format", ["json", "xml"])
def test_georeport_client_reads_the_api(live_server, output_format):
    case, _ = domain.create_case(Kind.COMPLAINT, {"stage": "first", "name": "陳小華"})
    client = GeoReport(live_server.url + "/open311/v2", output_format=output_format)
    services = client.get_service_list()
    assert {s["service_code"] for s in services} == {"petition", "complaint"}
    assert client.get_service_definition("complaint")
    listed = client.get_service_requests()
    assert case.number in str(listed)
    detail = client.get_service_request(case.number)
    assert detail["service_request_id"] == case.number and detail["status"] == "open"
    assert "陳小華" not in str(detail)


def test_request_list_takes_the_georeport_query_parameters(client):
    now = timezone.now()
    old, _ = domain.create_case(Kind.PETITION, {}, now - datetime.timedelta(days=200))
    recent, _ = domain.create_case(Kind.PETITION, {}, now - datetime.timedelta(days=2))
    complaint, _ = domain.create_case(Kind.COMPLAINT, {"stage": "first"},
                                      now - datetime.timedelta(days=1))
    Case.objects.filter(pk=complaint.pk).update(status="closed")

    def listed(**params):
        response = client.get("/open311/v2/requests.json", params)
        assert response.status_code == 200, response.content
        return [item["service_request_id"] for item in response.json()]

    assert listed() == [complaint.number, recent.number]  # newest first, last 90 days
    assert listed(start_date=(now - datetime.timedelta(days=365)).isoformat()) == [
        complaint.number, recent.number, old.number]
    assert listed(end_date=(now - datetime.timedelta(days=150)).date().isoformat()) == [
        old.number]
    assert listed(service_code="petition") == [recent.number]
    assert listed(status="closed") == [complaint.number]
    assert listed(status="open,closed", service_code="petition,complaint") == [
        complaint.number, recent.number]
    assert listed(service_request_id=f"{old.number},{recent.number.lower()}") == [
        recent.number, old.number]
    for bad in ({"start_date": "yesterday"}, {"status": "pending"}, {"service_code": "x"},
                {"start_date": "2024-02-01", "end_date": "2024-01-01"},
                {"end_date": "2024-13-45T99:00"}):
        response = client.get("/open311/v2/requests.xml", bad)
        assert response.status_code == 400, bad
        assert ET.fromstring(response.content).find("error/code").text == "400"


def test_administrator_issues_a_key_in_the_admin_and_sees_it_once(client):
    sign_in_verified(client, User.objects.create_superuser("root", password="pw"))
    response = client.post(reverse("open311_keys:add"), {"name": "高雄市1999", "active": "on"})
    assert response.status_code == 200 and "no-store" in response["Cache-Control"]
    secret = parse(response).select_one(".open311-key").get_text()
    key = ApiKey.objects.get(name="高雄市1999")
    assert secret not in key.key_hash and len(secret) >= 32
    created = client.post("/open311/v2/requests.json",
                          {"api_key": secret, "service_code": "petition", "description": "路燈"})
    assert created.status_code == 200
    client.post(reverse("open311_keys:edit", args=[key.pk]), {"name": key.name})  # inactive
    refused = client.post("/open311/v2/requests.json",
                          {"api_key": secret, "service_code": "petition", "description": "路燈"})
    assert refused.status_code == 403
    assert secret not in client.get(reverse("open311_keys:index")).content.decode()


def test_discovery_and_definitions_have_the_georeport_shapes(client):
    discovery = client.get("/open311/v2/discovery.json").json()
    assert discovery["endpoints"][0]["changeset"] == discovery["changeset"]
    root = ET.fromstring(client.get("/open311/v2/discovery.xml").content)
    assert root.find("key_service").text == "高雄市政府行政暨國際處"
    endpoint = root.find("endpoints/endpoint")
    assert endpoint.find("url").text == "http://testserver/open311/v2/"
    assert [f.text for f in endpoint.findall("formats/format")] == ["text/xml",
                                                                   "application/json"]
    # A definition with attributes: metadata is true, and booleans are booleans.
    assert all(s["metadata"] is True
               for s in client.get("/open311/v2/services.json").json())
    assert ET.fromstring(client.get("/open311/v2/services.xml").content).find(
        "service/metadata").text == "true"
    definition = client.get("/open311/v2/services/petition.json").json()
    assert definition["attributes"][0]["variable"] is True
    assert definition["attributes"][0]["required"] is False
    root = ET.fromstring(client.get("/open311/v2/services/petition.xml").content)
    assert root.find("service_code").text == "petition"
    assert root.find("attributes/attribute/required").text == "false"


@pytest.mark.parametrize("path", [
    "requests.0", "requests.JSON", "requests/P1/2.json", "nowhere",
    "requests/P1%20x.xml", "services/%E2%80%BD.xml",
    "discovery.%07%0A.~",  # a newline in the format: once Django's HTML page
])
def test_unknown_addresses_get_an_open311_error(client, path):
    response = client.get(f"/open311/v2/{path}")
    assert response.status_code == 404
    assert response["Content-Type"].startswith("text/xml")  # XML unless JSON was asked for
    assert ET.fromstring(response.content).find("error/code").text == "404"
    assert client.get("/open311/v2/requests/P1%20x.json").json()[0]["code"] == 404


def test_other_methods_get_405(client):
    client.handler.enforce_csrf_checks = True
    for method, path in [("put", "requests.json"), ("delete", "requests/P1.json"),
                         ("post", "services.json"), ("trace", "discovery.json"),
                         ("patch", "")]:
        response = getattr(client, method)(f"/open311/v2/{path}")
        assert response.status_code == 405, (method, path)


@pytest.mark.parametrize("params", [
    {"start_date": "0001-01-01"}, {"end_date": "0001-01-01T00:00:00Z"},
    {"start_date": "9999-12-31T23:59:59-23:00"},
    {"service_code": "petition,"}, {"status": "open, closed"},
    {"service_request_id": "P113-000001", "start_date": "yesterday"},
])
def test_request_list_refuses_what_it_cannot_read(client, params):
    response = client.get("/open311/v2/requests.json", params)
    assert response.status_code == 400, params
    assert response.json()[0]["code"] == 400


@pytest.mark.parametrize("email", ["not-an-address", "a@" + "b" * 250 + ".tw"])
def test_post_refuses_an_email_address_that_cannot_take_a_reply(client, email):
    _key, secret = issue_api_key("partner")
    response = client.post("/open311/v2/requests.json", {
        "api_key": secret, "service_code": "petition", "description": "路燈",
        "email": email})
    assert response.status_code == 400
    assert "email" in response.json()[0]["description"]
    assert not Case.objects.exists()


def test_a_nul_character_is_refused_not_sent_to_the_database(client):
    # PostgreSQL refuses NUL in text: without these checks the queries failed with a 500 there.
    _key, secret = issue_api_key("partner")
    response = client.get("/open311/v2/requests.json", {"service_request_id": "P1\x00"})
    assert response.status_code == 400
    assert client.get("/open311/v2/requests/P1%00.json").status_code == 404
    response = client.post("/open311/v2/requests.json", {
        "api_key": secret, "service_code": "petition", "description": "路燈\x00壞了"})
    assert response.status_code == 400
    assert not Case.objects.exists()


COMPLAINT_ATTRIBUTES = {
    "attribute[stage]": "first", "attribute[business_name]": "好買公司",
    "attribute[business_address]": "高雄市前金區", "attribute[product_category]": "online",
    "attribute[transaction_date]": "2025-05-01", "attribute[amount]": "1200",
    "attribute[resolution_sought]": "退款",
}


def test_post_goes_through_the_one_intake_path_over_http(live_server):
    _key, secret = issue_api_key("高雄市1999")
    base = live_server.url + "/open311/v2/"
    status, body = fetch(base + "requests.json", {
        "api_key": secret, "service_code": "petition", "description": "路燈不亮",
        "first_name": "小明", "last_name": "王", "email": "ming@example.com",
        "lat": "22.6203348", "long": "120.3120375", "address_string": "高雄市苓雅區四維三路2號"})
    assert status == 200
    [created] = json.loads(body)
    case = Case.objects.get(number=created["service_request_id"])
    assert (case.lat, case.long) == (22.6203348, 120.3120375)
    assert case.location == "高雄市苓雅區四維三路2號"
    # The token is the tracking code: the citizen follows the case with it.
    assert domain.tracking_code_matches(case, created["token"])
    # The receipt went out, after the commit, without a word the partner sent.
    [receipt] = mail.outbox
    assert case.number in receipt.subject and "路燈" not in receipt.body
    assert "小明" not in receipt.body
    entry = AuditLog.objects.get(case=case, action="receive")
    assert entry.detail == "channel=open311 client=高雄市1999" and secret not in entry.detail
    # GET shows the point roughly, never the address as typed.
    status, body = fetch(base + f"requests/{case.number}.json")
    [public] = json.loads(body)
    assert (public["lat"], public["long"]) == (22.62, 120.312)
    assert "四維三路" not in body and "ming@example.com" not in body
    root = ET.fromstring(fetch(base + f"requests/{case.number}.xml")[1])
    assert root.find("request/lat").text == "22.62"


def test_a_complaint_from_a_partner_has_its_own_fields(client):
    _key, secret = issue_api_key("partner")
    response = client.post("/open311/v2/requests.json", {
        "api_key": secret, "service_code": "complaint", "description": "付款後未出貨",
        "email": "hua@example.com", "lat": "22.6", "long": "120.3", **COMPLAINT_ATTRIBUTES})
    assert response.status_code == 200
    case = Case.objects.get()
    complaint = case.complaint
    assert case.kind == Kind.COMPLAINT and complaint.business_name == "好買公司"
    assert complaint.amount == 1200 and complaint.stage == "first"
    assert complaint.product_category == "online"
    assert str(complaint.transaction_date) == "2025-05-01" and complaint.resolution_sought == "退款"
    # A complaint's place may be a home or a shop: never in GET.
    [public] = client.get(f"/open311/v2/requests/{case.number}.json").json()
    assert public["lat"] is None and public["long"] is None


@pytest.mark.parametrize(("changes", "named"), [
    ({"attribute[business_name]": ""}, "attribute[business_name]"),
    ({"attribute[amount]": "lots"}, "attribute[amount]"),
    ({"attribute[stage]": "third"}, "attribute[stage]"),
    # Mediation follows an unsettled complaint: the partner says when and with what result.
    ({"attribute[stage]": "mediation"}, "attribute[first_complaint_date]"),
    ({"attribute[transaction_date]": "2999-01-01"}, "attribute[transaction_date]"),
    ({"attribute[transaction_date]": "1899-01-01"}, "attribute[transaction_date]"),
    ({"lat": "91", "long": "120"}, "lat"),
    ({"lat": "22.6"}, "lat"),
    ({"lat": "nan", "long": "120"}, "lat"),
])
def test_a_partner_gets_each_refusal_by_name(client, changes, named):
    _key, secret = issue_api_key("partner")
    response = client.post("/open311/v2/requests.json", {
        "api_key": secret, "service_code": "complaint", "description": "x",
        **COMPLAINT_ATTRIBUTES, **changes})
    assert response.status_code == 400
    assert named in response.json()[0]["description"]
    assert not Case.objects.exists()


def test_a_complaints_details_under_another_service_are_refused_not_dropped(client):
    _key, secret = issue_api_key("partner")
    petition = {"api_key": secret, "service_code": "petition", "description": "路燈",
                "attribute[subject]": "路燈不亮"}
    response = client.post("/open311/v2/requests.json",
                           {**petition, "attribute[amount]": "-1", "attribute[stage]": ""})
    assert response.status_code == 400
    message = response.json()[0]["description"]
    assert "attribute[amount]" in message and "stage" not in message
    assert not Case.objects.exists()
    # Empty attributes are nothing sent, as from an HTML form.
    response = client.post("/open311/v2/requests.json", {**petition, "attribute[stage]": ""})
    assert response.status_code == 200
    assert Case.objects.get().subject == "路燈不亮"


def test_the_complaint_definition_lists_its_attributes(live_server):
    client = GeoReport(live_server.url + "/open311/v2", output_format="json")
    definition = client.get_service_definition("complaint")
    attributes = {a["code"]: a for a in definition["attributes"]}
    assert set(COMPLAINT_ATTRIBUTES) <= {f"attribute[{code}]" for code in attributes}
    assert attributes["business_name"]["required"] is True
    assert attributes["amount"]["datatype"] == "number"
    assert attributes["transaction_date"]["datatype"] == "datetime"
    assert {v["key"] for v in attributes["stage"]["values"]} == {"first", "second",
                                                                  "mediation"}
    root = ET.fromstring(fetch(live_server.url + "/open311/v2/services/complaint.xml")[1])
    codes = [a.find("code").text for a in root.findall("attributes/attribute")]
    assert "business_name" in codes
    stage = next(a for a in root.findall("attributes/attribute")
                 if a.find("code").text == "stage")
    assert {v.find("key").text for v in stage.findall("values/value")} == {
        "first", "second", "mediation"}


def test_a_key_in_the_address_is_refused_and_never_logged(client, caplog):
    _key, secret = issue_api_key("partner")
    caplog.set_level(logging.DEBUG)
    response = client.post(f"/open311/v2/requests.xml?api_key={secret}",
                           {"service_code": "petition", "description": "路燈"})
    assert response.status_code == 400
    assert "X-API-Key" in ET.fromstring(response.content).find("error/description").text
    assert not Case.objects.exists() and secret not in caplog.text
    header = client.post("/open311/v2/requests.json",
                         {"service_code": "petition", "description": "路燈"},
                         headers={"X-API-Key": secret})
    assert header.status_code == 200 and Case.objects.count() == 1


def test_the_officer_sees_where_the_partner_placed_it(client):
    _key, secret = issue_api_key("partner")
    client.post("/open311/v2/requests.json", {
        "api_key": secret, "service_code": "petition", "description": "路燈不亮",
        "lat": "22.6203348", "long": "120.3120375", "address_string": "四維三路2號"})
    case = Case.objects.get()
    sign_in_verified(client, User.objects.create_superuser("root", password="pw"))
    body = client.get(reverse("cases:inspect", args=[case.pk])).content.decode()
    assert "22.620335" in body and "120.312038" in body and "四維三路2號" in body
    assert "openstreetmap.org/?mlat=22.620335&amp;mlon=120.312038" in body


def _received(count, now, tied=2):
    """`count` petitions received a day apart, newest first, the last `tied` at one moment
    (so that only the tie-break keeps pages apart)."""
    moments = [now - datetime.timedelta(days=day) for day in range(1, count - tied + 2)]
    moments += [moments[-1]] * (tied - 1)
    return [domain.create_case(Kind.PETITION, {}, moment)[0] for moment in moments]


def test_a_client_pages_through_every_request_once_by_the_link_header(live_server):
    cases = _received(7, timezone.now(), tied=3)
    url = live_server.url + "/open311/v2/requests.json?service_code=petition&page_size=2"
    seen, pages = [], 0
    while url:
        response = requests.get(url, timeout=10)
        assert response.status_code == 200
        seen += [item["service_request_id"] for item in response.json()]
        pages += 1
        assert ("prev" in response.links) == (pages > 1)
        url = response.links.get("next", {}).get("url")
    assert pages == 4 and len(seen) == len(set(seen)) == 7
    assert set(seen) == {case.number for case in cases}
    assert seen[:4] == [case.number for case in cases[:4]]  # newest first
    # The filters stay in the links; past the last page, an empty list and no next page.
    response = requests.get(live_server.url + "/open311/v2/requests.xml",
                            {"page": 5, "page_size": 2}, timeout=10)
    assert response.status_code == 200 and "next" not in response.links
    assert ET.fromstring(response.content).tag == "service_requests"
    assert not ET.fromstring(response.content).findall("request")
    assert "page=4" in response.links["prev"]["url"]


def test_pages_in_xml_match_pages_in_json(client):
    _received(5, timezone.now())
    for page in (1, 2, 3):
        query = {"page": page, "page_size": 2}
        as_json = [item["service_request_id"]
                   for item in client.get("/open311/v2/requests.json", query).json()]
        root = ET.fromstring(client.get("/open311/v2/requests.xml", query).content)
        assert [node.text for node in root.findall("request/service_request_id")] == as_json
        assert len(as_json) == (1 if page == 3 else 2)


def test_without_paging_parameters_the_answer_is_the_standard_one(client):
    _received(3, timezone.now())
    response = client.get("/open311/v2/requests.json", {"page": "", "page_size": ""})
    assert len(response.json()) == 3 and "Link" not in response


@pytest.mark.parametrize("query", [
    {"page": "0"}, {"page": "-1"}, {"page": "two"}, {"page": "1.5"}, {"page": "+2"},
    {"page": "100001"}, {"page": "9" * 40}, {"page_size": "0"}, {"page_size": "1001"},
    {"page_size": "１０"},  # full-width digits are not a number here
])
@pytest.mark.parametrize("fmt", ["json", "xml"])
def test_a_bad_page_is_a_georeport_error(client, query, fmt):
    response = client.get(f"/open311/v2/requests.{fmt}", query)
    assert response.status_code == 400, query
    if fmt == "json":
        [error] = response.json()
        code, description = error["code"], error["description"]
    else:
        root = ET.fromstring(response.content)
        assert root.tag == "errors"
        code = int(root.find("error/code").text)
        description = root.find("error/description").text
    [name] = query
    assert code == 400 and description.startswith(f"{name} must be a whole number from 1 to ")


def test_a_page_costs_the_same_queries_whatever_its_size(client, django_assert_max_num_queries):
    agency = _agency("397000000A")
    for case in _received(12, timezone.now()):
        actions.assign(case, agency, None)
    counts = []
    for size in (2, 12):
        with CaptureQueriesContext(connection) as queries:
            response = client.get("/open311/v2/requests.json", {"page_size": size})
        assert len(response.json()) == size
        counts.append(len(queries))
    assert counts[0] == counts[1]
    with django_assert_max_num_queries(counts[0]):
        client.get("/open311/v2/requests.xml", {"page_size": 12, "page": 1})


def test_discovery_states_the_window_and_the_caps(client):
    discovery = client.get("/open311/v2/discovery.json").json()
    assert (discovery["max_requests"], discovery["default_page_size"],
            discovery["max_page"], discovery["default_window_days"]) == (1000, 1000, 100000, 90)
    root = ET.fromstring(client.get("/open311/v2/discovery.xml").content)
    assert root.find("max_requests").text == "1000"
    assert root.find("default_window_days").text == "90"
    # The OpenAPI description says the same, from the same constants.
    described = client.get("/api/openapi.json").json()
    operation = described["paths"]["/open311/v2/requests.{format}"]["get"]
    page_size = next(p for p in operation["parameters"] if p["name"] == "page_size")
    assert page_size["schema"]["anyOf"][0]["maximum"] == 1000
    assert "90 days" in operation["summary"] and "Link" in operation["description"]
