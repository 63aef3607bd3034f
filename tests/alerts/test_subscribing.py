"""Subscribing to a gazette search, through the pages and the e-mails a citizen sees: the
double opt-in, its expiring link, bad input, the rate limits, managing and unsubscribing."""

import datetime
from urllib.parse import urlencode

import pytest
import time_machine
from django.core import mail
from django.test import Client

from alerts.models import Subscription
from bulletin.models import GazetteDocumentPage
from tests.alerts.helpers import at, confirm, gazette, link_to, path_of
from tests.bulletin.helpers import load, record
from tests.html import parse

pytestmark = pytest.mark.django_db
AGENCY_SEARCH = {"conditions[agency][]": "397050000A", "conditions[type][]": "公告",
                 "order": "oldest", "page": "2"}


@pytest.fixture
def index(home, home_en):
    return gazette(home)


def subscribe(client, email, search=None, prefix=""):
    """The subscribe link of the gazette search, followed, and the form sent."""
    query = urlencode(search or {}, doseq=True)
    page = client.get(f"{prefix}/alerts/subscribe/" + (f"?{query}" if query else ""))
    assert page.status_code == 200
    hidden = parse(page.content).select_one("input[name=query]").get("value", "")
    return client.post(f"{prefix}/alerts/subscribe/", {"email": email, "query": hidden})


def test_every_gazette_search_links_to_subscribing_to_it_in_its_language(client, index):
    chinese = parse(client.get("/gazette/", AGENCY_SEARCH).content)
    link = chinese.select_one("a.subscribe-link")
    assert link.get_text(strip=True) == "以電子郵件訂閱此搜尋"
    assert link["href"].startswith("/alerts/subscribe/?")
    english = parse(client.get("/en/gazette/", {"conditions[agency][]": "397050000A"}).content)
    link = english.select_one("a.subscribe-link")
    assert link.get_text(strip=True) == "Subscribe to this search by e-mail"
    page = client.get(link["href"])
    assert page.status_code == 200
    text = page.content.decode()
    assert "Agency: Legal Affairs Bureau" in text
    assert "Personal Data Protection Act" in text


def test_a_gazette_document_offers_to_follow_its_agency_in_its_language(client, index):
    load(record(1, agency={"name": "高雄市政府法制局", "code": "397050000A"}))
    document = GazetteDocumentPage.objects.get()
    for url, text, target in ((document.url, "以電子郵件訂閱此機關的公報文件",
                               "/alerts/subscribe/"),
                              (f"/en/gazette/d/{document.pk}/",
                               "Subscribe to this agency’s gazette documents by e-mail",
                               "/en/alerts/subscribe/")):
        link = parse(client.get(url)).select_one("a.subscribe-link")
        assert link.get_text(strip=True) == text
        assert link["href"] == f"{target}?conditions%5Bagency%5D%5B%5D=397050000A"


def test_subscribing_in_chinese_asks_only_the_address_and_confirms_by_e_mail(client, index):
    page = parse(client.get("/alerts/subscribe/", AGENCY_SEARCH).content)
    form = page.select_one("main form[method=post]")
    assert sorted(field["name"] for field in form.select("input")) == [
        "csrfmiddlewaretoken", "email", "query"]
    assert "個人資料保護法" in page.get_text()
    assert "機關：高雄市政府法制局" in page.get_text()

    response = subscribe(client, "Reader@Example.ORG", AGENCY_SEARCH)
    assert response.status_code == 302
    assert "請至電子郵件信箱" in client.get(response["Location"]).content.decode()
    subscription = Subscription.objects.get()
    # Normalised: the order and the page of the search are not part of what is followed.
    assert subscription.query == ("conditions%5Btype%5D%5B%5D=%E5%85%AC%E5%91%8A&"
                                  "conditions%5Bagency%5D%5B%5D=397050000A")
    assert (subscription.email, subscription.language) == ("Reader@example.org", "zh-hant")
    assert subscription.confirmed_at is None
    # Nothing else about the person: the model has no field for it.
    assert {field.name for field in Subscription._meta.concrete_fields} == {
        "id", "email", "address_key", "query", "language", "created_at", "confirmed_at",
        "unsubscribed_at"}

    [message] = mail.outbox
    assert message.to == ["Reader@example.org"]
    assert message.subject == "請確認公報訂閱"
    assert "機關：高雄市政府法制局" in message.body and "類型：公告" in message.body
    assert "並按下頁面上的按鈕" in message.body
    link = path_of(link_to(message, "/alerts/confirm/"))
    # Opening the link, as a mail scanner or a link preview also does, only asks.
    page = parse(client.get(link).content)
    assert page.select_one("main h1").get_text(strip=True) == "請確認公報訂閱"
    assert "機關：高雄市政府法制局" in page.get_text()
    button = page.select_one("main form[method=post] button[type=submit]")
    assert button.get_text(strip=True) == "確認訂閱"
    subscription.refresh_from_db()
    assert subscription.confirmed_at is None
    confirmed = client.post(link)
    assert confirmed.status_code == 200
    assert "已確認訂閱" in confirmed.content.decode()
    subscription.refresh_from_db()
    assert subscription.confirmed_at is not None
    # The link opened again says so, with no second button.
    again = parse(client.get(link).content)
    assert "已確認訂閱" in again.get_text() and not again.select("main form")


def test_subscribing_in_english_keeps_the_language_for_the_e_mails(client, index):
    response = subscribe(client, "reader@example.org", {"conditions[term]": " parking "},
                         prefix="/en")
    assert response["Location"] == "/en/alerts/subscribe/sent/"
    subscription = Subscription.objects.get()
    assert (subscription.query, subscription.language) == ("conditions%5Bterm%5D=parking", "en")
    [message] = mail.outbox
    assert message.subject == "Confirm your gazette alert"
    assert "Words: “parking”" in message.body
    link = link_to(message, "/confirm/")
    assert "/en/alerts/confirm/" in link
    assert "Subscription confirmed" in confirm(Client(), message).content.decode()


def test_an_expired_confirmation_link_is_refused_with_a_way_to_subscribe_again(client, index):
    with time_machine.travel(at(2, 9), tick=False) as traveller:
        subscribe(client, "late@example.org", {"conditions[type][]": "公告"})
        link = path_of(link_to(mail.outbox[0], "/confirm/"))
        traveller.shift(datetime.timedelta(hours=49))
        response = client.post(link)
    assert response.status_code == 410
    assert client.get(link).status_code == 410
    page = parse(response.content)
    assert "連結已過期" in page.get_text()
    again = page.select_one("main article a")["href"]
    assert again.startswith("/alerts/subscribe/?conditions")
    assert Subscription.objects.get().confirmed_at is None
    # The same link with one character of its signature changed is no link at all.
    tampered = link[:-2] + ("B" if link[-2] == "A" else "A") + "/"
    assert client.get(tampered).status_code == 404


def test_bad_address_is_refused_in_the_readers_language_and_shown_again(client, index):
    page = parse(client.get("/alerts/subscribe/").content)
    query = page.select_one("input[name=query]").get("value", "")
    response = client.post("/alerts/subscribe/", {"email": "not an address", "query": query})
    assert response.status_code == 400
    page = parse(response.content)
    assert page.select_one("input[name=email]")["value"] == "not an address"
    assert page.select_one("input[name=email]")["aria-invalid"] == "true"
    assert "請輸入有效的電子郵件地址" in page.get_text()
    response = Client().post("/en/alerts/subscribe/", {"email": "", "query": query})
    assert response.status_code == 400
    assert "This field is required" in response.content.decode()
    assert not Subscription.objects.exists() and not mail.outbox


def test_a_search_the_gazette_refuses_cannot_be_followed(client, index):
    response = client.get("/en/alerts/subscribe/",
                          {"conditions[publication_date][gte]": "2024-13-01"})
    assert response.status_code == 400
    assert "must be a date such as 2024-06-05" in response.content.decode()
    response = client.post("/alerts/subscribe/", {"email": "a@example.org",
                                                  "query": "conditions[colour]=red"})
    assert response.status_code == 400
    assert "conditions[colour]" in response.content.decode()
    assert not Subscription.objects.exists()


def test_confirmations_are_limited_per_address_and_per_requester(client, index, settings):
    settings.ALERTS_ADDRESS_LIMIT, settings.ALERTS_REQUESTER_LIMIT = 2, 4
    with time_machine.travel(at(2, 9, 5), tick=False):
        assert subscribe(client, "flood@example.org").status_code == 302
        assert subscribe(client, "flood@example.org", {"conditions[type][]": "公告"}
                         ).status_code == 302
        # Another requester cannot flood that mailbox either.
        refused = subscribe(Client(REMOTE_ADDR="10.0.0.9"), "flood@example.org",
                            {"conditions[term]": "x"}, prefix="/en")
        assert refused.status_code == 429
        assert int(refused["Retry-After"]) == 55 * 60
        page = parse(refused.content)
        assert "Too many confirmation e-mails" in page.get_text()
        assert page.select_one("input[name=email]")["value"] == "flood@example.org"
        assert subscribe(client, "other@example.org").status_code == 302
        assert subscribe(client, "third@example.org").status_code == 302
        refused = subscribe(client, "fourth@example.org")
        assert refused.status_code == 429
        assert "要求確認信的次數過多" in refused.content.decode()
    assert len(mail.outbox) == 4
    assert "fourth@example.org" not in {message.to[0] for message in mail.outbox}


def test_manage_link_lists_the_addresses_subscriptions_and_unsubscribes(client, index):
    subscribe(client, "many@example.org", {"conditions[type][]": "公告"})
    subscribe(client, "many@example.org", {"conditions[agency][]": "397050000A"})
    subscribe(client, "someone.else@example.org")
    for message in mail.outbox:
        confirm(client, message)
    confirmed = client.get(path_of(link_to(mail.outbox[0], "/confirm/")))
    manage = parse(confirmed.content).select_one("main article a")["href"]

    response = Client().get(manage)
    assert response.status_code == 200
    assert "no-store" in response["Cache-Control"]
    page = parse(response.content)
    assert "many@example.org" in page.get_text()
    assert "someone.else" not in page.get_text()
    buttons = page.select("button[name=subscription]")
    assert len(buttons) == 2
    response = Client().post(manage, {"subscription": buttons[0]["value"]})
    assert response.status_code == 302
    assert Subscription.objects.filter(unsubscribed_at__isnull=False).count() == 1
    Client().post(manage, {"all": "1"})
    assert Subscription.objects.filter(unsubscribed_at__isnull=False).count() == 2
    assert "已退訂" in Client().get(manage).content.decode()
    assert Client().get(manage[:-6] + "abcde/").status_code == 404
