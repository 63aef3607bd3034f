from io import StringIO

import pytest
from django.core.management import call_command


@pytest.fixture
def demo(live_server, site_tree):
    # site_tree first: an earlier live-server test may have flushed the page tree's root.
    call_command("load_demo_content", stdout=StringIO())
    return live_server.url
