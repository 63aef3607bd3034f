"""The relevance cases of test_backend against a real Elasticsearch 8 server, only when
ELASTICSEARCH_URL is set (skipped otherwise)."""

import os

import pytest
from django.test import override_settings
from wagtail.models import Page
from wagtail.search.backends import get_search_backend

from search.elasticsearch import search_backends
from tests.factories import build_site
from tests.search.helpers import CASES, make_pages

URL = os.environ.get("ELASTICSEARCH_URL")
pytestmark = pytest.mark.skipif(not URL, reason="ELASTICSEARCH_URL is not set")


@pytest.fixture
def indexed(db):
    with override_settings(WAGTAILSEARCH_BACKENDS=search_backends(URL)):
        backend = get_search_backend()
        backend.reset_index()
        make_pages(build_site()[0])
        index = backend.get_index_for_model(Page)
        index.refresh()
        yield backend


@pytest.mark.parametrize(("query", "slug"), CASES)
def test_every_case_is_found(indexed, query, slug):
    found = [page.slug for page in indexed.search(query, Page.objects.live())]
    assert slug in found
