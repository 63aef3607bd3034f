"""The intake rate limit counts clients, not the proxy in front of them, and a forged
X-Forwarded-For does not buy more submissions."""

import pytest

from petitions.models import Case
from tests.petitions.helpers import petition_data

pytestmark = pytest.mark.django_db


def submit(client, page, forwarded):
    return client.post(page.url, petition_data(), HTTP_X_FORWARDED_FOR=forwarded,
                       follow=True)


def test_behind_the_proxy_each_client_has_its_own_quota(client, petition_page, settings):
    settings.PORTAL_TRUSTED_PROXY_COUNT = 1
    settings.PETITIONS_SUBMIT_LIMIT = 2
    for _ in range(2):
        assert submit(client, petition_page, "203.0.113.5").status_code == 200
    # The same client, also sending a forged entry of its own on the left.
    assert submit(client, petition_page, "198.51.100.1, 203.0.113.5").status_code == 429
    # Another citizen behind the same nginx still gets through.
    assert submit(client, petition_page, "203.0.113.6").status_code == 200
    assert Case.objects.count() == 3


def test_without_a_trusted_proxy_a_forged_header_does_not_reset_the_quota(
        client, petition_page, settings):
    settings.PORTAL_TRUSTED_PROXY_COUNT = 0
    settings.PETITIONS_SUBMIT_LIMIT = 2
    for number in range(2):
        assert submit(client, petition_page, f"198.51.100.{number}").status_code == 200
    assert submit(client, petition_page, "198.51.100.99").status_code == 429
    assert Case.objects.count() == 2
