from io import StringIO

import pytest
from django.core.management import call_command


@pytest.fixture
def demo(live_server, site_tree, settings):
    # site_tree first: an earlier live-server test may have flushed the page tree's root.
    call_command("load_demo_content", stdout=StringIO())
    # The checks post each intake form once per width (four forms, three widths): more than
    # a citizen's hourly limit, which is not what they check.
    settings.PETITIONS_SUBMIT_LIMIT = 100
    return live_server.url
