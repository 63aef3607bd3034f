import json
import logging
import urllib.error
import urllib.parse
import urllib.request
import xml.etree.ElementTree as ET

import pytest

from petitions import actions, domain
from petitions.models import Case, Kind
from petitions.open311 import issue_api_key
from tests.factories import sign_in_verified
from tests.petitions.test_domain import _agency

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
    status, _body = fetch(base + "?api_key=" + secret, data)
    assert status == 200
    assert fetch(base, {"api_key": secret, "service_code": "nope"})[0] == 400
    assert secret not in caplog.text


@pytest.mark.parametrize("output_format", ["json", "xml"])
def test_georeport_client_reads_the_api(live_server, output_format):
    from georeport import GeoReport

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
    import datetime

    from django.utils import timezone

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
    from django.contrib.auth.models import User
    from django.urls import reverse

    from petitions.models import ApiKey

    sign_in_verified(client, User.objects.create_superuser("root", password="pw"))
    response = client.post(reverse("open311_keys:add"), {"name": "高雄市1999", "active": "on"})
    assert response.status_code == 200 and "no-store" in response["Cache-Control"]
    secret = response.content.decode().split('class="open311-key">')[1].split("<")[0]
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
