"""What a submission no longer reads or writes each time (issue 19): the intake page's route
is kept between POSTs, but never past a change to the page or to who may see it; and the
confirmation is carried by a signed cookie of its own, not by a session."""

import pytest
from django.test import Client
from wagtail.models import PageViewRestriction

from petitions.models import Case
from tests.petitions.helpers import petition_data, tracking_code

pytestmark = pytest.mark.django_db


def _send(client, page, number):
    return client.post(page.url, petition_data(subject=f"路燈 {number}"))


def test_an_unpublished_form_takes_nothing_after_its_route_was_kept(client, petition_page):
    url = petition_page.url
    assert _send(client, petition_page, 1).status_code == 302  # routed, and the route kept
    petition_page.unpublish()
    assert client.post(url, petition_data(subject="路燈 2")).status_code == 404
    assert list(Case.objects.values_list("subject", flat=True)) == ["路燈 1"]


def test_a_form_restricted_after_its_route_was_kept_asks_for_sign_in(client, petition_page):
    assert _send(client, petition_page, 1).status_code == 302
    PageViewRestriction.objects.create(page=petition_page,
                                       restriction_type=PageViewRestriction.LOGIN)
    refused = _send(client, petition_page, 2)
    assert refused.status_code == 302 and "/login/" in refused["Location"]
    assert Case.objects.count() == 1


def test_a_restricted_form_is_checked_on_every_post(client, petition_page):
    PageViewRestriction.objects.create(page=petition_page,
                                       restriction_type=PageViewRestriction.LOGIN)
    for number in (1, 2):
        refused = _send(client, petition_page, number)
        assert refused.status_code == 302 and "/login/" in refused["Location"]
    assert not Case.objects.exists()


def test_a_submission_opens_no_session_and_its_confirmation_cookie_is_signed(petition_page):
    browser = Client()
    posted = _send(browser, petition_page, 1)
    assert "sessionid" not in posted.cookies
    cookie = posted.cookies["petitions_received"]
    assert cookie["httponly"] and cookie["samesite"] == "Lax"
    # Sent to the confirmation page alone, not with every page the reader opens next.
    assert cookie["path"] == posted["Location"]
    shown = browser.get(posted["Location"])
    code = tracking_code(shown.content.decode())
    assert code and Case.objects.get().number in shown.content.decode()
    # Another case's number put into the cookie breaks its signature: nothing is shown.
    other = Case.objects.create(kind="petition", number="P115-999999", subject="x",
                                received_at=Case.objects.get().received_at,
                                deadline=Case.objects.get().deadline)
    forger = Client()
    forger.cookies["petitions_received"] = cookie.value.replace(
        f"{Case.objects.exclude(pk=other.pk).get().pk}:", f"{other.pk}:", 1)
    refused = forger.get(posted["Location"])
    assert refused.status_code == 302 and refused["Location"] == "/cases/track/"
