"""The bad-input sweep: every public form and API is sent oversized bodies, malformed UTF-8,
huge page numbers, floods of query fields and path traversal. Each answer is a 4xx (a huge
page number on an HTML listing may instead show the last page, the portal's rule for pages),
never a 500, and a normal request right after still works.

Every parameter an endpoint takes (each filter of a listing, each field of a form) is also
sent values that are not what it expects: numbers past the database's integers, dates at the
ends of the calendar, deep nesting, a NUL. An HTML listing may answer with a message on the
page; nothing may answer with a 500."""

import pytest
from django.contrib.contenttypes.models import ContentType
from django.core.cache import cache
from django.core.files.base import ContentFile
from django.core.files.uploadedfile import SimpleUploadedFile
from wagtail.documents.models import Document

from petitions import domain
from petitions.models import Attachment, Case, Kind
from petitions.open311 import issue_api_key
from portal.api import MAX_FIELDS_NESTING, fields_nesting
from tests.bulletin.page_makers import make_document
from tests.consumer.page_makers import consumer_index, make_notice
from tests.factories import add_page
from tests.html import parse
from tests.opendata.page_makers import make_dataset
from tests.petitions.helpers import complaint_data, petition_data
from tests.petitions.page_makers import PAGE_MAKERS as PETITION_PAGES
from tests.sistercities.page_makers import exhibition_index, make_city

HUGE = str(10**30)
TOO_MANY_FIELDS = "&".join(["a=1"] * 10_001)  # DATA_UPLOAD_MAX_NUMBER_FIELDS is 10,000
DEEP_KEY = "conditions" + "[a]" * 500 + "=1"
# Values no parameter expects. "²" passes str.isdigit() but not int(); 5,000 digits pass
# neither int() (Python's 4,300-digit limit) nor the database; the calendar's first and last
# days overflow once a listing turns them into moments in UTC.
BAD_VALUES = [HUGE, "9" * 5000, "²", "-1", "0001-01-01", "9999-12-31", "a(" * 2000,
              "[" * 5000, "\x00"]
# JSON a POST body may carry: Infinity (no integer), nesting past Python's recursion limit.
BAD_JSON_BODIES = [b'{"rows": 1e400}', b'{"start": -1e400}', b'{"rows": 1' + b"0" * 5000 + b"}",
                   b"[" * 100_000, b'{"q": ' + b"[" * 100_000 + b"}", b'{"q": {"a": 1}}',
                   b'{"fq": [1]}', b'{"facet.field": [["tags"]]}',
                   b'"text"', b"\xff\xfe"]


class Endpoint:
    """One public form or API: how to call it normally, what it answers, and which query
    parameter (if any) takes a page number or offset."""

    def __init__(self, name, method, url, data=None, status=200, page_param=None,
                 html_listing=False, content_type=None):
        self.name, self.method, self.url, self.data = name, method, url, data
        self.status, self.page_param, self.html_listing = status, page_param, html_listing
        self.content_type = content_type

    def parameters(self):
        """The normal request's parameters (the form's fields, the listing's filters)."""
        return self.data() if callable(self.data) else dict(self.data or {})

    def __repr__(self):
        return self.name

    def call(self, client, url=None, data=None, **extra):
        url = url or self.url
        data = self.data if data is None else data
        if self.method == "get":
            return client.get(url, data, **extra)
        if callable(data):
            data = data()
        if self.content_type:
            return client.post(url, data, content_type=self.content_type, **extra)
        return client.post(url, data, **extra)


def build_site(home, home_en):
    """Every kind of public page and API with something in it; returns named values."""
    about = add_page(home, title="關於本處", slug="about")
    for number in range(25):
        add_page(about, title=f"子頁面{number}", slug=f"child-{number}")
    document = make_document(home)
    consumer_index(home)
    make_notice(home)
    make_city(home)
    exhibition_index(home)
    dataset = make_dataset(home)
    PETITION_PAGES[next(iter(PETITION_PAGES))](home)
    complaint_page = PETITION_PAGES[list(PETITION_PAGES)[1]](home)
    case, code = domain.create_case(Kind.PETITION, {"subject": "路燈不亮", "description": "x"})
    attachment = Attachment.objects.create(
        case=case, file=ContentFile(b"%PDF-1.4", "a.pdf"), content_type="application/pdf",
        original_name="a.pdf", size=8)
    _key, secret = issue_api_key("sweep")
    wagtail_document = Document.objects.create(title="公報", file=ContentFile(b"%PDF-1.4",
                                                                              "gazette.pdf"))
    return {"about": about, "document": document, "dataset": dataset, "case": case, "code": code,
            "attachment": attachment, "secret": secret, "complaint_page": complaint_page,
            "wagtail_document": wagtail_document}


def endpoints(site):
    document, dataset, case = site["document"], site["dataset"], site["case"]
    about = site["about"]
    resource = dataset.resources.first()
    issue = document.get_parent().specific
    document_type = ContentType.objects.get_for_model(document).pk
    return [
        Endpoint("page listing", "get", "/about/", {"page": "2"}, page_param="page",
                 html_listing=True),
        Endpoint("search", "get", "/search/",
                 {"q": "公報", "content_type": str(document_type),
                  "agency": str(document.agency_id), "date_from": "2024-01-01",
                  "date_to": "2024-12-31"}, page_param="page", html_listing=True),
        Endpoint("search in English", "get", "/en/search/", {"q": "gazette"},
                 page_param="page", html_listing=True),
        Endpoint("search suggestions", "get", "/search/suggest/", {"q": "公"}),
        Endpoint("gazette browse", "get", "/gazette/",
                 {"q": "停車場", "conditions[publication_date][year]": "2024",
                  "conditions[publication_date][gte]": "2024-01-01",
                  "conditions[issue]": issue.key, "conditions[type]": "公告"},
                 page_param="page", html_listing=True),
        Endpoint("gazette feed", "get", "/gazette/feed.atom", {}),
        Endpoint("gazette API search", "get", "/api/gazette/documents.json",
                 {"conditions[term]": "停車場", "conditions[type]": "公告",
                  "conditions[publication_date][lte]": "2024-12-31", "per_page": "5",
                  "order": "newest", "fields[]": "title"}, page_param="page"),
        Endpoint("gazette API CSV", "get", "/api/gazette/documents.csv", {},
                 page_param="page"),
        Endpoint("gazette API document", "get", f"/api/gazette/documents/{document.pk}.json",
                 {}),
        Endpoint("gazette API issue", "get", f"/api/gazette/issues/{issue.key}.json", {}),
        Endpoint("consumer notices", "get", "/consumer/",
                 {"kind": "alert", "topic": "food", "from": "2019-01-01", "to": "2030-12-31"},
                 page_param="page", html_listing=True),
        Endpoint("consumer feed", "get", "/consumer/feed.atom",
                 {"kind": "alert", "from": "2019-01-01", "to": "2030-12-31"}),
        Endpoint("sister cities", "get", "/sister-cities/", {"sort": "name"}),
        Endpoint("exhibition calendar", "get", "/exhibitions/calendar.ics", {}),
        Endpoint("dataset listing", "get", "/data/",
                 {"q": "消費", "agency": "", "category": "", "format": "CSV", "tag": "",
                  "frequency": ""}, page_param="page", html_listing=True),
        Endpoint("CKAN package_search", "get", "/api/3/action/package_search",
                 {"q": "消費", "rows": "5", "sort": "name asc", "fq": "",
                  "facet.field": '["tags"]', "facet.limit": "5"}, page_param="start"),
        Endpoint("CKAN package_list", "get", "/api/3/action/package_list", {},
                 page_param="offset"),
        Endpoint("CKAN package_show", "get", "/api/3/action/package_show",
                 {"id": dataset.identifier}),
        Endpoint("CKAN action by POST", "post", "/api/3/action/package_search",
                 {"q": "消費", "rows": 5, "facet.field": ["tags"]},
                 content_type="application/json"),
        Endpoint("CKAN action by form POST", "post", "/api/3/action/package_search",
                 {"q": "消費", "rows": "5"}),
        Endpoint("DCAT catalogue", "get", "/data/catalog.ttl", {}),
        Endpoint("DCAT-US", "get", "/data.json", {}),
        Endpoint("data package", "get", f"/data/{dataset.identifier}/datapackage.json", {}),
        Endpoint("resource download", "get", f"/data/resource/{resource.pk}/download", {}),
        Endpoint("Wagtail pages API", "get", "/api/v2/pages/",
                 {"limit": "5", "fields": "title,seo_title", "child_of": str(about.pk),
                  "type": "wagtailcore.Page", "order": "title", "search": "子頁面"},
                 page_param="offset"),
        Endpoint("Wagtail page", "get", f"/api/v2/pages/{about.pk}/", {"fields": "title"}),
        Endpoint("Wagtail images API", "get", "/api/v2/images/", {"limit": "5"},
                 page_param="offset"),
        Endpoint("Wagtail documents API", "get", "/api/v2/documents/",
                 {"limit": "5", "fields": "title"}, page_param="offset"),
        Endpoint("document download", "get", site["wagtail_document"].url, {}),
        Endpoint("Open311 services", "get", "/open311/v2/services.json", {}),
        Endpoint("Open311 requests", "get", "/open311/v2/requests.json",
                 {"status": "open", "service_code": "petition", "start_date": "2020-01-01",
                  "end_date": "2099-12-31T23:59:59+08:00"}),
        Endpoint("Open311 request", "get", f"/open311/v2/requests/{case.number}.json", {}),
        Endpoint("Open311 new request", "post", "/open311/v2/requests.json",
                 {"api_key": site["secret"], "service_code": "petition",
                  "description": "路燈不亮"}),
        # A form that goes through redirects to its confirmation (Post/Redirect/Get).
        Endpoint("petition intake", "post", "/mayor-mailbox/", petition_data, status=302),
        Endpoint("complaint intake", "post", site["complaint_page"].url, complaint_data,
                 status=302),
        Endpoint("tracking", "post", "/cases/track/",
                 {"number": case.number, "code": site["code"]}),
        Endpoint("case attachment", "get", f"/cases/files/attachments/{site['attachment'].pk}/",
                 {}, status=404),  # nobody signed in
    ]


@pytest.fixture
def site(home, home_en, settings, tmp_path):
    settings.PETITIONS_PRIVATE_ROOT = str(tmp_path / "private")
    settings.PETITIONS_SUBMIT_LIMIT = settings.PETITIONS_TRACK_LIMIT = 1000
    settings.PETITIONS_SUBMIT_PERSON_LIMIT = 1000
    cache.clear()
    return build_site(home, home_en)


ENDPOINT_NAMES = [
    "page listing", "search", "search in English", "search suggestions", "gazette browse",
    "gazette feed", "gazette API search", "gazette API CSV", "gazette API document",
    "gazette API issue", "consumer notices", "consumer feed", "sister cities",
    "exhibition calendar", "dataset listing", "CKAN package_search", "CKAN package_list",
    "CKAN package_show", "CKAN action by POST", "CKAN action by form POST", "DCAT catalogue",
    "DCAT-US", "data package", "resource download", "Wagtail pages API", "Wagtail page",
    "Wagtail images API", "Wagtail documents API", "document download", "Open311 services",
    "Open311 requests", "Open311 request", "Open311 new request", "petition intake",
    "complaint intake", "tracking", "case attachment",
]


def bad_requests(endpoint):
    """(what, how to send it, the statuses allowed) for every bad input the endpoint takes."""
    url = endpoint.url
    cases = [
        ("malformed UTF-8 in the query string",
         lambda c: c.get(url + "?q=%ff%fe&x=%c3%28"), {400}),
        ("raw invalid bytes in the query string",
         lambda c: c.get(url, QUERY_STRING="q=\xff\xfe"), {400}),
        # A GET's body is never read: a page kept in the cache may be answered as usual.
        ("a body claiming to be huge",
         lambda c: c.generic(endpoint.method.upper(), url, b"x" * 10,
                             "application/x-www-form-urlencoded",
                             CONTENT_LENGTH=str(10**12)),
         {413} if endpoint.method == "post" else {413, endpoint.status}),
        ("too many query fields",
         lambda c: c.get(url + "?" + TOO_MANY_FIELDS), {400}),
        ("a deep query key",
         lambda c: c.get(url + "?" + DEEP_KEY), "not 500"),
        ("a huge query value",
         lambda c: c.get(url, {"q": "公" * 100_000}), "not 500"),
    ]
    if endpoint.method == "post":
        cases += [
            ("malformed UTF-8 in a form body",
             lambda c: c.post(url, "description=%ff%fe&subject=%c3%28",
                              content_type="application/x-www-form-urlencoded"), {400}),
            ("malformed UTF-8 in a multipart field",
             lambda c: c.post(url, _multipart_with_bad_utf8(),
                              content_type="multipart/form-data; boundary=BOUNDARY"), {400}),
            ("a truncated multipart body",
             lambda c: c.post(url, b"--BOUNDARY\r\nContent-Disposition: form-data; name=",
                              content_type="multipart/form-data; boundary=BOUNDARY"), "4xx"),
            ("form fields over 2.5 MB",
             lambda c: c.post(url, "description=" + "x" * 3_000_000,
                              content_type="application/x-www-form-urlencoded"), {413}),
            ("too many form fields",
             lambda c: c.post(url, TOO_MANY_FIELDS,
                              content_type="application/x-www-form-urlencoded"), {400}),
        ]
    for name, normal in endpoint.parameters().items():
        if not isinstance(normal, str | int | list):
            continue  # a file
        cases += [(f"{name}={value[:12]!r}",
                   lambda c, name=name, value=value: endpoint.call(
                       c, data={**endpoint.parameters(), name: value}),
                   "not 500")
                  for value in BAD_VALUES]
    if endpoint.content_type == "application/json":
        cases += [(f"JSON body {body[:12]!r}",
                   lambda c, body=body: c.post(url, body, content_type="application/json"),
                   "4xx")
                  for body in BAD_JSON_BODIES]
    if endpoint.page_param:
        # HTML listings show the nearest page instead (tests/portal/test_public_interfaces.py);
        # an API may answer a page far past the end as an empty page, however far.
        cases += [(f"page number {number[:12]}",
                   lambda c, number=number: c.get(
                       url, {**(endpoint.data or {}), endpoint.page_param: number}),
                   "not 500" if endpoint.html_listing or number == HUGE else "4xx")
                  for number in (HUGE, "9" * 5000, "²", "-1", "1e3", "0x10")]
    return cases


def _multipart_with_bad_utf8():
    return (b"--BOUNDARY\r\nContent-Disposition: form-data; name=\"description\"\r\n\r\n"
            b"\xff\xfe\xc3\x28\r\n--BOUNDARY--\r\n")


@pytest.mark.parametrize("name", ENDPOINT_NAMES)
def test_bad_input_gets_a_4xx_and_the_endpoint_keeps_working(client, site, name):
    endpoint = next(e for e in endpoints(site) if e.name == name)
    assert endpoint.call(client).status_code == endpoint.status, "the normal request"
    for what, send, allowed in bad_requests(endpoint):
        response = send(client)
        if allowed == "not 500":
            assert response.status_code < 500, what
        elif allowed == "4xx":
            assert 400 <= response.status_code < 500, (what, response.status_code)
        else:
            assert response.status_code in allowed, (what, response.status_code)
        again = endpoint.call(client)
        assert again.status_code == endpoint.status, f"a normal request after {what}"


def test_the_list_of_endpoints_is_complete(site):
    assert [endpoint.name for endpoint in endpoints(site)] == ENDPOINT_NAMES


@pytest.mark.parametrize("url", [
    "/data/resource/..%2f..%2f..%2fetc%2fpasswd/download",
    "/data/..%2f..%2fportal%2fsettings/datapackage.json",
    "/data/catalog.%2e%2e%2f%2e%2e%2fmanage.py",
    "/api/gazette/issues/..%2f..%2fmanage.py.json",
    "/api/gazette/documents/..%2f1.json",
    "/api/3/action/..%2f..%2fmanage.py",
    "/open311/v2/services/..%2f..%2fmanage.json",
    "/open311/v2/requests/..%2f..%2fmanage.json",
    "/cases/files/attachments/..%2f1/",
    "/cases/files/attachments/1/..%2f..%2f..%2fmanage.py",
    "/documents/1/..%2f..%2f..%2fmanage.py",
    "/documents/1/%2e%2e/%2e%2e/manage.py",
    "/static/..%2f..%2fmanage.py",
    "/static/css/..%2f..%2f..%2fmanage.py",
    "/static/%2e%2e/%2e%2e/portal/settings/base.py",
    "/media/..%2f..%2fmanage.py",
])
def test_path_traversal_in_file_names_gets_a_4xx(client, site, url):
    response = client.get(url)
    assert 400 <= response.status_code < 500, response.status_code
    body = response.content if not response.streaming else b"".join(response.streaming_content)
    assert b"SECRET_KEY" not in body and b"DJANGO_SETTINGS_MODULE" not in body
    assert client.get("/data.json").status_code == 200


def test_an_uploaded_file_name_cannot_leave_the_private_folder(client, site, settings):
    upload = SimpleUploadedFile("../../../../escape.pdf", b"%PDF-1.4 sweep",
                                content_type="application/pdf")
    response = client.post("/mayor-mailbox/", petition_data(attachments=[upload]),
                           follow=True)
    assert response.status_code == 200
    stored = Case.objects.latest("pk").attachments.get()
    assert ".." not in stored.file.name and ".." not in stored.original_name
    assert stored.file.path.startswith(settings.PETITIONS_PRIVATE_ROOT)


def test_a_browser_gets_the_refusal_as_a_page_in_its_language(client, site):
    response = client.get("/en/search/?q=%ff", HTTP_ACCEPT="text/html")
    assert response.status_code == 400
    text = response.content.decode()
    assert parse(text).html["lang"] == "en" and "not UTF-8" in text
    response = client.get("/search/?q=%ff", HTTP_ACCEPT="text/html")
    assert parse(response).html["lang"] == "zh-Hant"
    assert "UTF-8 編碼" in response.content.decode()


def test_an_api_client_gets_the_refusal_as_json(client, site):
    response = client.get("/api/gazette/documents.json?" + TOO_MANY_FIELDS)
    assert response.status_code == 400
    assert response.json() == {"error": "請求的欄位過多。"}


@pytest.mark.parametrize("path", [
    "/api/gazette/documents/{}.json",
    "/data/resource/{}/download", "/cases/files/attachments/{}/", "/documents/{}/gazette.pdf",
    "/api/v2/pages/{}/", "/api/v2/images/{}/", "/api/v2/documents/{}/",
    "/open311/v2/requests/{}.json", "/api/3/action/package_show?id={}",
    "/api/3/action/resource_show?id={}",
])
def test_a_record_number_past_the_databases_integers_is_not_found(client, site, path):
    response = client.get(path.format(HUGE))
    assert response.status_code == 404, response.status_code


def test_fields_nesting_counts_the_deepest_parentheses():
    assert fields_nesting("") == 0
    assert fields_nesting("title,seo_title") == 0
    assert fields_nesting("a(b),c(d(e))") == 2
    assert fields_nesting("a(" * (MAX_FIELDS_NESTING + 1)) == MAX_FIELDS_NESTING + 1


@pytest.mark.parametrize("send", [
    lambda c: c.get("/search/", {"q": "公\x00報"}),
    lambda c: c.post("/cases/track/", "number=%00&code=x",
                     content_type="application/x-www-form-urlencoded"),
    lambda c: c.post("/cases/track/", {"number": "\x00", "code": "x"}),
    lambda c: c.get("/api/v2/pages/", {"search": "\x00"}),
], ids=["query string", "form body", "multipart field", "Wagtail API"])
def test_a_nul_character_is_refused_with_a_message(client, site, send):
    """PostgreSQL's text cannot hold NUL: it is refused before any view stores or searches
    for it, on every database. (The gazette, CKAN and Open311 APIs refuse it themselves, in
    their own error formats: tests/bulletin, tests/opendata, tests/petitions.)"""
    response = send(client)
    assert response.status_code == 400
    assert response.json() == {
        "error": "請求中含有 NUL 字元，文字中不能有這個字元。請去掉後重新輸入。"}
