"""The confirmation page is built, like every page, from the chrome kept for anonymous
readers (portal.fragments) around each case's details: the page a reader gets is the page a
fresh render gives, settings changes show at once, and a signed-in reader's own chrome (the
user bar) is never shared. tests/portal/test_kept_chrome.py checks the chrome itself."""

import pytest
from django.contrib.auth.models import User
from django.core.cache import cache
from django.test import Client
from wagtail.models import Site

from portal.models import PortalSettings
from tests.factories import sign_in_verified, translate
from tests.petitions.helpers import petition_data, tracking_code

pytestmark = pytest.mark.django_db

USER_BAR = "wagtail-userbar"


def _confirmation(client, page, number):
    """The confirmation page a browser is shown after sending petition `number`."""
    posted = client.post(page.url, petition_data(subject=f"路燈 {number}",
                                                 email=f"ming{number}@example.com"))
    assert posted.status_code == 302
    return client.get(posted["Location"])


@pytest.mark.parametrize("language", ["zh-hant", "en"])
def test_the_kept_chrome_gives_the_page_a_fresh_render_gives(petition_page, language):
    page = petition_page if language == "zh-hant" else translate(petition_page, "en",
                                                                 title="Petition")
    first, second = Client(), Client()
    _confirmation(first, page, 1)  # renders the chrome and keeps it
    kept = _confirmation(second, page, 2)
    body = kept.content.decode()
    assert "路燈 2" in body and "路燈 1" not in body
    assert ("Your case has been received" in body) == (language == "en")
    assert tracking_code(body) != tracking_code(first.get(kept.request["PATH_INFO"])
                                                .content.decode())
    cache.clear()  # nothing kept: rendered afresh
    fresh = second.get(kept.request["PATH_INFO"])
    assert fresh.content == kept.content
    assert fresh["Content-Type"] == kept["Content-Type"]
    assert "no-store" in kept["Cache-Control"]


def test_a_settings_change_shows_on_the_next_confirmation(petition_page):
    _confirmation(Client(), petition_page, 1)
    settings_row = PortalSettings.for_site(Site.objects.get())
    settings_row.phone = "07-799-5678"
    settings_row.save()
    assert "07-799-5678" in _confirmation(Client(), petition_page, 2).content.decode()


def test_a_signed_in_readers_chrome_is_neither_kept_nor_shared(petition_page):
    assert USER_BAR not in _confirmation(Client(), petition_page, 1).content.decode()
    staff = Client()
    sign_in_verified(staff, User.objects.create_superuser("root", password="pw"))
    assert USER_BAR in _confirmation(staff, petition_page, 2).content.decode()
    assert USER_BAR not in _confirmation(Client(), petition_page, 3).content.decode()
