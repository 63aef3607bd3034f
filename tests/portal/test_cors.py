"""CORS: scripts on other sites may read the open-data interfaces (CKAN API, data.json, the
DCAT catalogue, Data Packages) as CKAN and data.gov.tw allow, with "*" and no credentials;
nothing with cookies, sessions or personal data answers them."""

import http.server
import threading

import pytest
from django.contrib.auth.models import User

from petitions.models import PetitionFormPage
from petitions.open311 import issue_api_key
from tests.factories import add_page
from tests.opendata.page_makers import make_dataset

pytestmark = pytest.mark.django_db

ORIGIN = "https://data.example.org"
OPEN = [
    "/api/3/action/package_search?q=消費",
    "/api/3/action/package_show?id=consumer-figures",
    "/api/action/package_list",
    "/data.json",
    "/data/catalog.ttl",
    "/data/catalog.jsonld",
    "/data/catalog.rdf",
    "/data/consumer-figures/datapackage.json",
]


@pytest.fixture
def dataset(home):
    return make_dataset(home)


def _preflight(client, path, method="GET", headers="if-none-match"):
    return client.options(path, headers={"Origin": ORIGIN,
                                         "Access-Control-Request-Method": method,
                                         "Access-Control-Request-Headers": headers})


def _assert_open(response):
    assert response["Access-Control-Allow-Origin"] == "*"
    # "*" with credentials is refused by browsers; and none is wanted here.
    assert "Access-Control-Allow-Credentials" not in response
    assert "origin" in response["Vary"].lower()


@pytest.mark.parametrize("path", OPEN)
def test_a_script_on_another_site_reads_the_open_data_interfaces(client, dataset, path):
    response = client.get(path, headers={"Origin": ORIGIN})
    assert response.status_code == 200, path
    _assert_open(response)


def test_a_script_that_read_a_data_package_can_fetch_its_files(client, dataset):
    # The files a datapackage.json or a CKAN resource points to, the Excel copy too.
    for path in (f"/data/resource/{dataset.resources.get().pk}/download",
                 f"/data/resource/{dataset.resources.get().pk}/download/excel.csv"):
        response = client.get(path, headers={"Origin": ORIGIN})
        assert response.status_code == 200, path
        _assert_open(response)


@pytest.mark.parametrize("path", OPEN)
def test_the_preflight_of_each_open_data_interface_is_allowed(client, dataset, path):
    response = _preflight(client, path)
    assert response.status_code == 200 and response.content == b""
    _assert_open(response)
    assert "GET" in response["Access-Control-Allow-Methods"].split(", ")
    assert "if-none-match" in response["Access-Control-Allow-Headers"].split(", ")


def test_a_ckan_client_may_post_json_across_sites(client, dataset):
    # CKAN's own JavaScript client posts actions as JSON, which needs a preflight.
    response = _preflight(client, "/api/3/action/package_search", "POST", "content-type")
    _assert_open(response)
    assert "POST" in response["Access-Control-Allow-Methods"].split(", ")
    response = client.post("/api/3/action/package_search", {"rows": 1},
                           content_type="application/json", headers={"Origin": ORIGIN})
    assert response.status_code == 200 and response.json()["success"] is True
    _assert_open(response)


def test_errors_of_the_open_data_interfaces_are_readable_too(client, dataset):
    # A script must be able to read CKAN's error envelope, not only successes.
    response = client.get("/api/3/action/package_show?id=nothing", headers={"Origin": ORIGIN})
    assert response.status_code == 404 and response.json()["success"] is False
    _assert_open(response)


def test_pages_with_sessions_or_personal_data_give_other_sites_nothing(client, home):
    page = add_page(home, PetitionFormPage, title="市長信箱", slug="mayor-mailbox",
                    intro="<p>陳情</p>")
    _key, secret = issue_api_key("partner")
    User.objects.create_superuser("root", password="pw")
    closed = [page.url, "/admin/", "/admin/login/", "/open311/v2/requests.json",
              "/open311/v2/discovery.json"]
    for path in closed:
        response = client.get(path, headers={"Origin": ORIGIN})
        assert response.status_code in (200, 302), path
        assert "Access-Control-Allow-Origin" not in response, path
        preflight = _preflight(client, path, "POST", "content-type")
        assert "Access-Control-Allow-Origin" not in preflight, path
        assert "Access-Control-Allow-Methods" not in preflight, path
    created = client.post("/open311/v2/requests.json", {
        "api_key": secret, "service_code": "petition", "description": "路燈"},
        headers={"Origin": ORIGIN})
    assert created.status_code == 200 and "Access-Control-Allow-Origin" not in created
    signed_in = client.post("/admin/login/", {"username": "root", "password": "pw"},
                            headers={"Origin": ORIGIN})
    assert "Access-Control-Allow-Origin" not in signed_in
    assert "Access-Control-Allow-Credentials" not in signed_in



# What a browser does with the headers, in Debian's Chromium: a page served by another
# server on this machine (another origin, in the same loopback address space, which
# Chromium's local network access checks require) fetches the interfaces.
PROBE = """async (urls) => {
    const results = {};
    for (const [url, init] of urls) {
        try {
            const response = await fetch(url, init);
            results[url] = response.status + " " + (await response.text()).length;
        } catch (error) {
            results[url] = "blocked";
        }
    }
    return results;
}"""


class ProbePage(http.server.BaseHTTPRequestHandler):
    def do_GET(self):  # noqa: N802 - the name http.server calls
        body = b"<!doctype html><title>probe</title>"
        self.send_response(200)
        self.send_header("Content-Type", "text/html")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, *args):
        pass


@pytest.fixture
def other_site():
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), ProbePage)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_address[1]}/"
    server.shutdown()
    server.server_close()


@pytest.mark.browser
@pytest.mark.django_db(transaction=True)
def test_a_browser_on_another_site_reads_open_data_but_not_open311(browser, live_server, home,
                                                                   other_site):
    make_dataset(home)
    server = live_server.url
    page = browser.new_page()
    page.goto(other_site)
    get = {"method": "GET"}
    post = {"method": "POST", "headers": {"Content-Type": "application/json"},
            "body": '{"rows": 1}'}
    calls = [[server + path, get] for path in OPEN]
    calls += [[server + "/api/3/action/package_search", post],
              [server + "/open311/v2/discovery.json", get]]
    results = page.evaluate(PROBE, calls)
    for path in OPEN:
        status, length = results[server + path].split()
        assert status == "200" and int(length) > 0, (path, results[server + path])
    assert results[server + "/api/3/action/package_search"].startswith("200 ")
    assert results[server + "/open311/v2/discovery.json"] == "blocked"
