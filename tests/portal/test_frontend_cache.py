"""A publish purges the front-end cache (Varnish taking HTTP PURGE, here a real HTTP server
on the loopback) of the page in both languages, the pages that list it and their feeds."""

import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest
from wagtail.models import PageViewRestriction

from tests.bulletin.page_makers import make_document
from tests.factories import translate


class PurgeRecorder(BaseHTTPRequestHandler):
    def do_PURGE(self):  # noqa: N802 - the method's name is the HTTP verb
        self.server.purged.append((self.headers["Host"], self.path))
        self.send_response(200)
        self.end_headers()

    def log_message(self, *args):
        pass


@pytest.fixture
def varnish(settings):
    server = ThreadingHTTPServer(("127.0.0.1", 0), PurgeRecorder)
    server.purged = []
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    settings.WAGTAILFRONTENDCACHE = {"varnish": {
        "BACKEND": "wagtail.contrib.frontend_cache.backends.HTTPBackend",
        "LOCATION": f"http://127.0.0.1:{server.server_port}",
    }}
    yield server.purged
    server.shutdown()
    server.server_close()


@pytest.fixture
def bilingual_document(home, home_en):
    document = make_document(home)
    issue, index = document.get_parent(), document.get_parent().get_parent()
    translate(index.specific, "en", title="Gazette")
    translate(issue.specific, "en")
    document_en = translate(document, "en", title="Parking self-government ordinance")
    return document, document_en


def paths(purged):
    assert {host for host, _ in purged} == {"testserver"}
    return {path for _, path in purged}


def test_publishing_purges_both_languages_listings_and_feeds(varnish, bilingual_document):
    document, document_en = bilingual_document
    issue, index = document.get_parent(), document.get_parent().get_parent()
    issue_en, index_en = document_en.get_parent(), document_en.get_parent().get_parent()
    varnish.clear()

    document.save_revision().publish()

    assert paths(varnish) >= {
        document.url, document_en.url, issue.url, issue_en.url, index.url, index_en.url,
        "/", "/en/", "/gazette/feed.atom", "/en/gazette/feed.atom",
    }
    assert document_en.url.startswith("/en/") and not document.url.startswith("/en/")
    assert not any(path.startswith("/zh-hant/") for path in paths(varnish))


def test_unpublishing_purges_the_same(varnish, bilingual_document):
    document, document_en = bilingual_document
    varnish.clear()
    document.unpublish()
    assert paths(varnish) >= {document.url, document_en.url, "/gazette/feed.atom"}


def test_restricting_a_page_purges_it_and_what_is_below(varnish, bilingual_document):
    document, _document_en = bilingual_document
    issue = document.get_parent()
    varnish.clear()
    PageViewRestriction.objects.create(page=issue, restriction_type="password", password="x")
    assert paths(varnish) >= {issue.url, document.url}

