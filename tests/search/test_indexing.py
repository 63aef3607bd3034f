import io
import logging

import pytest
from django.core.management import call_command
from django.test import override_settings
from elastic_transport import BaseNode
from elastic_transport import ConnectionError as TransportConnectionError
from wagtail.models import Page

from home.models import StandardPage
from search import tasks
from search.elasticsearch import search_backends
from tests.factories import add_page


class DownNode(BaseNode):
    """A search server that is down."""

    def perform_request(self, *args, **kwargs):
        raise TransportConnectionError("connection refused")


def down_elasticsearch():
    settings = search_backends("http://127.0.0.1:9")
    settings["default"]["OPTIONS"] = {"node_class": DownNode, "max_retries": 0}
    return settings


def test_publish_succeeds_and_retries_when_the_search_server_is_down(home, caplog):
    page = add_page(home, StandardPage, title="釜山姊妹市", slug="busan", publish=False)
    with override_settings(WAGTAILSEARCH_BACKENDS=down_elasticsearch()), \
            caplog.at_level(logging.WARNING):
        page.save_revision().publish()
    page.refresh_from_db()
    assert page.live
    retries = [r for r in caplog.records if "retrying later" in r.getMessage()]
    # The immediate task backend runs every retry at once: first try plus MAX_ATTEMPTS
    # (per save: publishing saves the page more than once).
    assert sorted({r.args[2] for r in retries}) == list(range(1, tasks.MAX_ATTEMPTS + 2))
    assert any("Gave up indexing" in r.getMessage() for r in caplog.records)


@pytest.mark.django_db
def test_update_index_shows_its_progress(home):
    # Wagtail's own command: per model, one dot per chunk of objects indexed, then the total.
    for i in range(3):
        add_page(home, StandardPage, title=f"高雄{i}", slug=f"p{i}")
    out = io.StringIO()
    call_command("update_index", chunk_size=1, stdout=out, stderr=io.StringIO())
    lines = out.getvalue().splitlines()
    assert any(line.startswith("default: home.StandardPage") and line.rstrip().endswith("...")
               and line.count(".") == 4 for line in lines), lines
    assert any(line.startswith("default: indexed ") for line in lines), lines
    assert [p.slug for p in Page.objects.live().search("高雄")]
