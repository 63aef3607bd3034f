"""The server's page cache answers a kept page first, from stored bytes and headers: the
visitor gets what the render gave, with every header the middleware adds, nothing personal
is ever kept or served, and a hit does no other work (no query, no session)."""

import datetime

import pytest
import time_machine
from django.contrib.auth import get_user_model
from django.core.cache import cache
from django.core.handlers.wsgi import WSGIHandler
from django.core.signals import request_finished, request_started
from django.db import close_old_connections
from django.test import Client, RequestFactory

from portal import caching
from tests.factories import add_page, sign_in_verified

# Headers that belong to one response: the cache's own status, the request's id, and
# what the server adds as it sends.
PER_RESPONSE = {"x-page-cache", "x-request-id", "date"}


@pytest.fixture
def strict_client(settings):
    """A client whose responses carry HSTS, as production sends it over HTTPS."""
    settings.SECURE_HSTS_SECONDS = 3600
    return Client()


def headers(response):
    return {name.lower(): value for name, value in response.items()
            if name.lower() not in PER_RESPONSE}


def kept_entry(client, url, **extra):
    """The response that stored a page and the first one served from the cache."""
    miss = client.get(url, **extra)
    assert miss["X-Page-Cache"] == "miss"
    hit = client.get(url, **extra)
    assert hit["X-Page-Cache"] == "hit"
    return miss, hit


@pytest.mark.parametrize("url", ["/about/", "/en/about/", "/"])
def test_a_hit_is_the_miss_that_stored_it(strict_client, about, url):
    miss, hit = kept_entry(strict_client, url, secure=True)
    assert hit.status_code == miss.status_code == 200
    assert hit.content == miss.content
    assert headers(hit) == headers(miss)
    for name in ("Cache-Control", "Vary", "Content-Security-Policy", "Strict-Transport-Security",
                 "X-Content-Type-Options", "Referrer-Policy", "Permissions-Policy",
                 "Cross-Origin-Opener-Policy", "X-Frame-Options", "Content-Type",
                 "Content-Length"):
        assert hit.has_header(name), name
    assert "public" in hit["Cache-Control"]


def test_a_hit_has_a_request_id_of_its_own_or_the_one_given(client, about):
    miss, hit = kept_entry(client, "/about/")
    assert hit["X-Request-ID"] != miss["X-Request-ID"]
    given = client.get("/about/", headers={"X-Request-ID": "proxy-id-12345"})
    assert given["X-Page-Cache"] == "hit"
    assert given["X-Request-ID"] == "proxy-id-12345"


class InnerProbe:
    """Stands just inside the session middleware: records each request that reaches it."""

    reached = []

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        self.reached.append(request.path)
        return self.get_response(request)


def test_a_hit_runs_no_query_and_no_session_locale_or_auth(about, django_assert_num_queries,
                                                           settings):
    session = settings.MIDDLEWARE.index("django.contrib.sessions.middleware.SessionMiddleware")
    settings.MIDDLEWARE = [*settings.MIDDLEWARE[:session + 1],
                           f"{__name__}.InnerProbe", *settings.MIDDLEWARE[session + 1:]]
    InnerProbe.reached.clear()
    visitor = Client()
    kept_entry(visitor, "/about/")
    assert InnerProbe.reached == ["/about/"]  # the miss only
    with django_assert_num_queries(0):
        hit = visitor.get("/about/")
    assert hit["X-Page-Cache"] == "hit"
    assert "本處簡介" in hit.content.decode()
    assert not hit.cookies
    assert InnerProbe.reached == ["/about/"]


def test_a_worker_serves_its_own_copy_while_the_version_holds(client, about):
    miss, _hit = kept_entry(client, "/about/")
    # The shared entry is gone (Redis evicted it); the worker's copy still answers.
    cache.delete(caching.url_key("http://testserver/about/"))
    hit = client.get("/about/")
    assert hit["X-Page-Cache"] == "hit"
    assert hit.content == miss.content


def test_a_publish_anywhere_replaces_the_workers_copies(client, about):
    zh, _en = about
    kept_entry(client, "/about/")
    zh.title = "本處組織與職掌"
    zh.save_revision().publish()
    response = client.get("/about/")
    assert response["X-Page-Cache"] == "miss"
    assert "本處組織與職掌" in response.content.decode()


def test_a_version_changed_by_another_worker_is_seen_at_once(client, about):
    kept_entry(client, "/about/")
    caching.bump_content_version()  # as a publish handled by another worker does
    assert client.get("/about/")["X-Page-Cache"] == "miss"
    assert client.get("/about/")["X-Page-Cache"] == "hit"


def test_a_kept_page_lasts_page_cache_seconds_at_most(client, about, settings):
    settings.PORTAL_PAGE_CACHE_SECONDS = 60
    start = datetime.datetime.now(datetime.UTC)
    with time_machine.travel(start, tick=False):
        kept_entry(client, "/about/")
    with time_machine.travel(start + datetime.timedelta(seconds=61), tick=False):
        assert client.get("/about/")["X-Page-Cache"] == "miss"


@pytest.fixture
def signed_in(db):
    editor = Client()
    sign_in_verified(editor, get_user_model().objects.create_superuser(
        "editor", "editor@example.gov.tw", "a-long-test-password"))
    return editor


def test_personal_requests_never_get_a_kept_page(client, signed_in, about):
    kept_entry(client, "/about/")
    with_session = Client()
    with_session.cookies["sessionid"] = "whatever"
    with_messages = Client()
    with_messages.cookies["messages"] = "pending"
    for visitor in (signed_in, with_session, with_messages):
        response = visitor.get("/about/")
        assert response.status_code == 200
        assert "X-Page-Cache" not in response
        assert "public" not in response["Cache-Control"]
    posted = client.post("/about/")
    assert "X-Page-Cache" not in posted
    assert "no-store" in posted["Cache-Control"]
    head = client.head("/about/")
    assert "X-Page-Cache" not in head


def test_a_cross_origin_request_goes_through_the_cors_middleware(client, about):
    kept_entry(client, "/about/")
    response = client.get("/about/", headers={"Origin": "https://example.org"})
    assert response.status_code == 200
    assert "X-Page-Cache" not in response


def test_plain_http_is_still_redirected_when_https_is_required(client, about, settings):
    kept_entry(client, "/about/")
    settings.SECURE_SSL_REDIRECT = True
    response = Client().get("/about/")
    assert response.status_code == 301
    assert response["Location"] == "https://testserver/about/"


@pytest.fixture
def wsgi(settings):
    """Calls the application as gunicorn does (portal/wsgi.py): the page cache's wrapper
    around Django's handler; (status, headers, body) of one GET. With HSTS over HTTPS, as
    production sends it."""
    settings.SECURE_HSTS_SECONDS = 3600
    application = caching.PageCacheApplication(WSGIHandler())
    # As Django's test client does: the test's connection stays open between requests.
    request_started.disconnect(close_old_connections)
    request_finished.disconnect(close_old_connections)

    def get(path, **extra):
        request = RequestFactory().get(path, **extra)
        # The environ as a server gives it: the path still in WSGI's Latin-1 (the request
        # made from it has decoded it in place).
        environ = {**request.environ,
                   "PATH_INFO": request.path_info.encode().decode("iso-8859-1")}
        sent = {}

        def start_response(status, headers):
            sent.update(status=status, headers=headers)

        chunks = application(environ, start_response)
        try:
            body = b"".join(chunks)
        finally:
            getattr(chunks, "close", lambda: None)()
        return sent["status"], {name.lower(): value for name, value in sent["headers"]}, body

    yield get
    request_started.connect(close_old_connections)
    request_finished.connect(close_old_connections)


def test_the_wsgi_application_answers_a_hit_as_the_miss_that_stored_it(
        wsgi, about, django_assert_num_queries):
    status, miss, body = wsgi("/about/", secure=True)
    assert (status, miss["x-page-cache"]) == ("200 OK", "miss")
    with django_assert_num_queries(0):
        status, hit, hit_body = wsgi("/about/", secure=True)
    assert (status, hit["x-page-cache"]) == ("200 OK", "hit")
    assert hit_body == body
    assert {name: value for name, value in hit.items() if name not in PER_RESPONSE} == {
        name: value for name, value in miss.items() if name not in PER_RESPONSE}
    assert "strict-transport-security" in hit and "content-security-policy" in hit
    assert hit["x-request-id"] != miss["x-request-id"]
    # The test client, going through the middleware, is given the same page.
    through_middleware = Client().get("/about/", secure=True)
    assert through_middleware["X-Page-Cache"] == "hit"
    assert headers(through_middleware) == {
        name: value for name, value in hit.items() if name not in PER_RESPONSE}


def test_the_wsgi_application_serves_pages_with_chinese_addresses(wsgi, home):
    add_page(home, title="夏季活動", slug="夏季活動", summary="本處夏季活動")
    status, miss, body = wsgi("/夏季活動/")
    assert (status, miss["x-page-cache"]) == ("200 OK", "miss")
    status, hit, hit_body = wsgi("/夏季活動/")
    assert (status, hit["x-page-cache"], hit_body) == ("200 OK", "hit", body)


def test_the_wsgi_application_leaves_personal_and_bad_requests_to_django(wsgi, about):
    wsgi("/about/")
    assert wsgi("/about/")[1]["x-page-cache"] == "hit"
    status, sent, _body = wsgi("/about/", HTTP_COOKIE="sessionid=whatever")
    assert status == "200 OK" and "x-page-cache" not in sent
    assert "public" not in sent["cache-control"]
    assert wsgi("/about/", HTTP_HOST="evil.example")[0].startswith("400")
    caching.bump_content_version()
    assert wsgi("/about/")[1]["x-page-cache"] == "miss"
