"""The digest, run by the scheduler's own loop over frozen time (tests/scheduling.py): an
issue scheduled by its editor goes live, and each confirmed subscriber gets one e-mail of
its matching documents, in the language subscribed in, never twice; a refused address does
not stop the others and is retried; ended and unconfirmed addresses go after 30 days."""

import datetime

import pytest
from django.core import mail
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext

from alerts import subscribing
from alerts.digest import send_digests
from alerts.models import Delivery, DeliveryStatus, Subscription
from tests.alerts.helpers import (
    RefusingBackend,
    at,
    gazette,
    link_to,
    outbox_to,
    path_of,
    scheduled_issue,
)
from tests.scheduling import run_scheduler, travel

pytestmark = pytest.mark.django_db
GO_LIVE = at(3, 8)
DOCUMENTS = [
    {"title": "高雄市公有收費停車場收費標準修正", "title_en": "Amended car park fees",
     "type": "自治條例", "agency": "397050000A", "number": "高市府法規字第11530001號"},
    {"title": "公示送達王○明違規停車處分書", "type": "公示送達", "agency": "397000000A",
     "number": "高市府行國字第11530002號"},
    {"title": "消費者保護稽查結果公告", "type": "公告", "agency": "397050000A",
     "number": "高市法消字第11530003號"},
]


@pytest.fixture
def index(home, home_en):
    return gazette(home)


def subscriber(email, query, language, when=None):
    """A confirmed subscription, as the confirmation link leaves it."""
    subscription = subscribing.request(email, query, language, now=when)
    Subscription.objects.filter(pk=subscription.pk).update(
        confirmed_at=when or subscription.created_at)
    return Subscription.objects.get(pk=subscription.pk)


def test_a_scheduled_issue_going_live_sends_each_subscriber_one_digest(index):
    with travel(at(2, 9)) as traveller:
        subscriber("all@example.org", "", "zh-hant")
        subscriber("legal@example.org", "conditions%5Bagency%5D%5B%5D=397050000A", "en")
        subscriber("notices@example.org", "conditions%5Btype%5D%5B%5D=%E5%85%AC%E5%91%8A",
                   "zh-hant")
        subscriber("parking@example.org", "conditions%5Bterm%5D=%E5%81%9C%E8%BB%8A", "zh-hant")
        subscriber("nothing@example.org", "conditions%5Btype%5D%5B%5D=%E4%BA%BA%E4%BA%8B",
                   "zh-hant")
        waiting = subscribing.request("waiting@example.org", "", "zh-hant")
        issue = scheduled_issue(index, GO_LIVE, 3, DOCUMENTS)

        run_scheduler(traveller, GO_LIVE - datetime.timedelta(minutes=1))
        assert mail.outbox == []

        run_scheduler(traveller, GO_LIVE + datetime.timedelta(minutes=6))
        issue.refresh_from_db()
        assert issue.live
        assert sorted(message.to[0] for message in mail.outbox) == [
            "all@example.org", "legal@example.org", "notices@example.org",
            "parking@example.org"]
        assert not outbox_to(waiting.email)

        [chinese] = outbox_to("all@example.org")
        assert chinese.subject == "公報訂閱通知：115年春字第3期，3 則文件"
        assert "民國115年3月3日" in chinese.body
        for document in DOCUMENTS:
            assert document["title"] in chinese.body and document["number"] in chinese.body
        assert "類型：自治條例" in chinese.body and "機關：高雄市政府法制局" in chinese.body
        assert "發文字號：高市府法規字第11530001號" in chinese.body
        permalinks = [line.strip() for line in chinese.body.splitlines()
                      if "/gazette/d/" in line]
        assert len(permalinks) == 3
        assert Client().get(path_of(permalinks[0])).status_code == 302

        [english] = outbox_to("legal@example.org")
        assert english.subject == (
            "Gazette alert: ROC year 115, Spring volume, No. 3, 2 documents")
        assert "Amended car park fees" in english.body
        assert "3 March 2026" in english.body
        assert "公示送達" not in english.body
        assert "Legal Affairs Bureau" in english.body
        english_links = [line.strip() for line in english.body.splitlines()
                         if "/gazette/d/" in line]
        assert all("/en/gazette/d/" in link for link in english_links)
        assert Client().get(path_of(english_links[0])).status_code == 200

        # A type takes its subtypes, as in the gazette search: 公告 and 公示送達.
        [notices] = outbox_to("notices@example.org")
        assert "2 則文件" in notices.subject and "消費者保護稽查結果公告" in notices.body
        assert "公示送達王○明" in notices.body and "停車場" not in notices.body
        [parking] = outbox_to("parking@example.org")
        assert "停車場收費標準" in parking.body and "消費者保護" not in parking.body

        for message in mail.outbox:
            unsubscribe = link_to(message, "/alerts/unsubscribe/")
            assert message.extra_headers["List-Unsubscribe"] == f"<{unsubscribe}>"
            assert message.extra_headers["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"
            assert link_to(message, "/alerts/manage/")
            assert "@" not in unsubscribe.split("/alerts/")[1]

        # Later runs send nothing again.
        mail.outbox.clear()
        run_scheduler(traveller, GO_LIVE + datetime.timedelta(minutes=21))
        assert mail.outbox == []
    assert Delivery.objects.filter(status=DeliveryStatus.SENT).count() == 4
    assert Delivery.objects.filter(status=DeliveryStatus.NOTHING).count() == 1


def test_one_click_unsubscribe_needs_no_session_and_stops_the_next_digest(index):
    with travel(at(2, 9)) as traveller:
        subscriber("leaving@example.org", "", "en")
        subscriber("staying@example.org", "", "en")
        scheduled_issue(index, GO_LIVE, 3, DOCUMENTS[:1])
        run_scheduler(traveller, GO_LIVE + datetime.timedelta(minutes=6))
        [message] = outbox_to("leaving@example.org")
        unsubscribe = path_of(message.extra_headers["List-Unsubscribe"].strip("<>"))

        # What a mail program does (RFC 8058): a POST, no cookie, no CSRF token.
        mail_program = Client(enforce_csrf_checks=True)
        assert mail_program.get(unsubscribe).status_code == 200
        assert Subscription.objects.get(email="leaving@example.org").active
        response = mail_program.post(unsubscribe, "List-Unsubscribe=One-Click",
                                     content_type="application/x-www-form-urlencoded")
        assert response.status_code == 200
        assert "You are unsubscribed" in response.content.decode()
        assert not Subscription.objects.get(email="leaving@example.org").active
        assert mail_program.post(unsubscribe, "List-Unsubscribe=One-Click",
                                 content_type="application/x-www-form-urlencoded"
                                 ).status_code == 200
        assert mail_program.post(unsubscribe[:-4] + "abc/").status_code == 404

        mail.outbox.clear()
        traveller.move_to(at(10, 7))
        scheduled_issue(index, at(10, 8), 4, DOCUMENTS[1:])
        run_scheduler(traveller, at(10, 8, 6))
    assert [message.to[0] for message in mail.outbox] == ["staying@example.org"]


def test_a_refused_address_does_not_stop_the_others_and_is_retried(index, settings):
    settings.EMAIL_BACKEND = f"{RefusingBackend.__module__}.RefusingBackend"
    RefusingBackend.refused = {"full@example.org"}
    with travel(at(2, 9)) as traveller:
        for name in ("first", "full", "last"):
            subscriber(f"{name}@example.org", "", "zh-hant")
        scheduled_issue(index, GO_LIVE, 3, DOCUMENTS)
        run_scheduler(traveller, GO_LIVE + datetime.timedelta(minutes=6))
        assert sorted(message.to[0] for message in mail.outbox) == [
            "first@example.org", "last@example.org"]
        assert Delivery.objects.get(subscription__email="full@example.org").status == (
            DeliveryStatus.FAILED)

        RefusingBackend.refused = set()
        run_scheduler(traveller, GO_LIVE + datetime.timedelta(minutes=11))
    assert sorted(message.to[0] for message in mail.outbox) == [
        "first@example.org", "full@example.org", "last@example.org"]
    assert set(Delivery.objects.values_list("status", flat=True)) == {DeliveryStatus.SENT}


def test_a_send_failing_every_time_is_given_up_after_the_last_attempt(index, settings):
    settings.EMAIL_BACKEND = f"{RefusingBackend.__module__}.RefusingBackend"
    settings.ALERTS_MAX_ATTEMPTS = 2
    RefusingBackend.refused = {"gone@example.org"}
    with travel(at(2, 9)) as traveller:
        subscriber("gone@example.org", "", "zh-hant")
        scheduled_issue(index, GO_LIVE, 3, DOCUMENTS)
        run_scheduler(traveller, GO_LIVE + datetime.timedelta(minutes=31))
    RefusingBackend.refused = set()
    delivery = Delivery.objects.get()
    assert (delivery.status, delivery.attempts) == (DeliveryStatus.GAVE_UP, 2)


def test_the_digests_queries_do_not_grow_with_subscribers(index):
    queries = ["", "conditions%5Bagency%5D%5B%5D=397050000A",
               "conditions%5Bterm%5D=%E5%81%9C%E8%BB%8A"]

    def run(number, go_live, subscribers):
        with travel(go_live - datetime.timedelta(hours=1)) as traveller:
            for position in range(subscribers):
                subscriber(f"reader{number}-{position}@example.org",
                           queries[position % len(queries)], ("zh-hant", "en")[position % 2])
            scheduled_issue(index, go_live, number, DOCUMENTS)
            # The issue goes live (second 1); the digest's own time (second 30) is not yet.
            run_scheduler(traveller, go_live + datetime.timedelta(seconds=10))
            mail.outbox.clear()
            with CaptureQueriesContext(connection) as captured:
                outcome = send_digests()
        assert outcome.queries == len(queries)
        return outcome.sent, len(captured)

    # Two weeks apart: the first issue has left the digest's window by the second.
    few, few_queries = run(3, at(3, 8), 6)
    many, many_queries = run(4, at(17, 8), 30)
    assert (few, many) == (6, 36)
    assert many_queries == few_queries


def test_unconfirmed_and_unsubscribed_addresses_are_deleted_after_30_days(index):
    with travel(at(1, 12)) as traveller:
        unconfirmed = subscribing.request("never@example.org", "", "zh-hant")
        ended = subscriber("ended@example.org", "", "en")
        kept = subscriber("kept@example.org", "", "en")
        subscribing.unsubscribe(Subscription.objects.filter(pk=ended.pk))
        traveller.move_to(at(31, 3, 39))
        run_scheduler(traveller, at(31, 3, 41))
        assert Subscription.objects.count() == 3
        traveller.move_to(at(1, 3, 39, month=4))
        run_scheduler(traveller, at(1, 3, 41, month=4))
    assert list(Subscription.objects.values_list("pk", flat=True)) == [kept.pk]
    assert not Subscription.objects.filter(pk__in=[unconfirmed.pk, ended.pk]).exists()
