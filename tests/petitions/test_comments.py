"""A comment on a draft regulation (法規預告): from the draft's button to the petition form
that names it, to a case of its own kind routed to the agency that issued the draft, counted
(never shown) on the draft's page; refused once the deadline has passed."""

import datetime
import json
import zoneinfo

import pytest
import time_machine
from django.core import mail

from petitions.models import AuditLog, Case, CaseEvent, DeadlinePolicy, Kind, Status
from portal.models import Agency
from tests.bulletin.helpers import consultations_dataset, draft_record, gazette_index, load, record
from tests.factories import translate
from tests.html import parse
from tests.opendata.helpers import call
from tests.petitions.helpers import petition_data

TAIPEI = zoneinfo.ZoneInfo("Asia/Taipei")
OPEN = datetime.datetime(2024, 6, 20, 10, 0, tzinfo=TAIPEI)
CLOSED = datetime.datetime(2024, 7, 6, 0, 0, 1, tzinfo=TAIPEI)
COMMENT = "建議第四條增列線上申訴管道，並明定受理後十日內回覆。"


@pytest.fixture
def draft(home, home_en):
    """Issued by the Legal Affairs Bureau, comments until the end of 2024-07-05."""
    index = gazette_index(home)
    translate(index, "en", title="City Gazette", slug="gazette")
    report = load(draft_record(90, agency={"name": "高雄市政府法制局", "code": "397050000A"}),
                  record(1))
    assert not report.errors
    return report.documents[0]


@pytest.fixture
def forms(petition_page):
    return petition_page, translate(petition_page, "en", title="Write to the Mayor")


def comment_data(about, **overrides):
    data = petition_data(draft=str(about.pk), subject="對消費者保護自治條例草案之意見",
                         description=COMMENT, name="林志明", email="chih.ming@example.com")
    del data["category"], data["location"]
    data.update(overrides)
    return data


def test_the_button_opens_the_petition_form_about_the_draft(client, draft, forms):
    zh_form, en_form = forms
    with time_machine.travel(OPEN, tick=False):
        button = parse(client.get(draft.url).content.decode()).select_one("a.comment-button")
        response = client.get(button["href"])
        assert response.status_code == 302
        assert response["Location"] == f"{zh_form.url}?draft={draft.pk}"
        html = parse(client.get(response["Location"]).content.decode())
        named = html.select_one(".draft-for-comment")
        # Linked by its citation, which leads to its page in the reader's language.
        cited = client.get(named.select_one("a")["href"])
        assert cited.status_code == 302 and cited["Location"] == draft.url
        assert draft.title in named.get_text() and "民國113年7月5日" in named.get_text()
        assert html.select_one("input[name=draft]")["value"] == str(draft.pk)
        assert html.select_one("textarea[name=description]") is not None
        assert html.select_one("select[name=category]") is None  # a comment has no category

        english = client.get(f"/en/cases/comment/{draft.pk}/")
        assert english["Location"] == f"{en_form.url}?draft={draft.pk}"
        html = parse(client.get(english["Location"]).content.decode())
        cited = client.get(html.select_one(".draft-for-comment a")["href"])
        assert cited["Location"] == f"/en/gazette/d/{draft.pk}/"
        assert "Your comment" in html.get_text() and "5 July 2024" in html.get_text()


def test_a_comment_is_a_case_routed_to_the_issuing_agency(client, draft, forms):
    zh_form, _en_form = forms
    bureau = Agency.objects.get(code="397050000A")
    with time_machine.travel(OPEN, tick=False):
        response = client.post(f"{zh_form.url}?draft={draft.pk}", comment_data(draft),
                               follow=True)
        assert response.redirect_chain == [("/cases/received/", 302)]
    case = Case.objects.get()
    assert case.kind == Kind.COMMENT and case.number == "D113-000001"
    assert case.draft_id == draft.pk and case.description == COMMENT
    assert case.agency == bureau and case.status == Status.ASSIGNED
    # The kind's own deadline policy (60 days), not a petition's 30.
    assert case.deadline == datetime.date(2024, 6, 20) + datetime.timedelta(days=60)
    assert case.events.filter(type=CaseEvent.Type.ASSIGNMENT, agency=bureau).exists()
    assert list(AuditLog.objects.filter(case=case).values_list("action", flat=True)
                .order_by("pk")) == ["receive", "assign"]
    assert len(mail.outbox) == 1 and case.number in mail.outbox[0].subject

    # The draft's page counts it, and shows neither who sent it nor what it says.
    with time_machine.travel(OPEN, tick=False):
        for url in (draft.url, f"/en/gazette/d/{draft.pk}/"):
            html = client.get(url).content.decode()
            assert "林志明" not in html and COMMENT not in html
            assert "chih.ming" not in html and case.number not in html
        count = parse(client.get(draft.url).content.decode()).select_one(".comment-count")
        assert count.get_text(strip=True) == "已收到 1 則意見。"
        english = parse(client.get(f"/en/gazette/d/{draft.pk}/").content.decode())
        assert english.select_one(".comment-count").get_text(strip=True) == \
            "1 comment received."
        listed = parse(client.get("/gazette/consultations/").content.decode())
        assert listed.select_one(".consultation-item .comment-count").get_text() == "1"


def test_the_comment_kind_has_its_own_editable_deadline_policy(client, draft, forms):
    assert DeadlinePolicy.objects.get(kind=Kind.COMMENT).days == 60
    DeadlinePolicy.objects.filter(kind=Kind.COMMENT).update(days=45)
    zh_form, _en_form = forms
    with time_machine.travel(OPEN, tick=False):
        client.post(f"{zh_form.url}?draft={draft.pk}", comment_data(draft))
        client.post(zh_form.url, petition_data(email="other@example.com", name="陳美玲"))
    comment, petition = Case.objects.get(kind=Kind.COMMENT), Case.objects.get(kind=Kind.PETITION)
    assert comment.deadline == datetime.date(2024, 8, 4)
    assert petition.deadline == datetime.date(2024, 7, 20) and petition.agency is None


def test_after_the_deadline_the_form_refuses_the_comment_and_keeps_it(client, draft, forms):
    zh_form, en_form = forms
    with time_machine.travel(CLOSED, tick=False):
        response = client.post(f"{zh_form.url}?draft={draft.pk}", comment_data(draft))
        assert response.status_code == 400
        html = parse(response.content.decode())
        assert "本草案已於民國113年7月5日截止表示意見，您的意見未送出。" in html.select_one(
            ".error-summary").get_text()
        assert html.select_one("textarea[name=description]").get_text().strip() == COMMENT
        assert html.select_one("input[name=name]")["value"] == "林志明"

        english = client.post(f"{en_form.url}?draft={draft.pk}", comment_data(draft))
        assert english.status_code == 400
        assert "Comments on this draft closed on 5 July 2024, so your comment was not sent." \
            in english.content.decode()

        # Opened after the deadline, the form says so instead of asking for a comment.
        closed = client.get(f"{zh_form.url}?draft={draft.pk}")
        assert closed.status_code == 410
        html = parse(closed.content.decode())
        assert html.select_one("form.intake-form") is None
        notice = html.select_one(".comments-closed").get_text()
        assert "本草案已於民國113年7月5日截止表示意見" in notice
    assert not Case.objects.exists()


def test_a_form_naming_no_draft_for_comment_is_not_found(client, draft, forms):
    zh_form, _en_form = forms
    notice = draft.get_siblings().exclude(pk=draft.pk).get()
    with time_machine.travel(OPEN, tick=False):
        for value in (str(notice.pk), "99999999", "abc", "99999999999999999999"):
            assert client.get(f"{zh_form.url}?draft={value}").status_code == 404, value
            assert client.post(zh_form.url, comment_data(draft, draft=value)).status_code == 404
        # The plain petition form is unchanged.
        assert client.get(zh_form.url).status_code == 200
    assert not Case.objects.exists()


def test_open311_lists_no_comment(client, draft, forms):
    """Open311 offers petitions and complaints: a comment on a draft is none of its service
    requests, and its listing answers without it rather than failing on its kind."""
    zh_form, _en_form = forms
    with time_machine.travel(OPEN, tick=False):
        client.post(f"{zh_form.url}?draft={draft.pk}", comment_data(draft))
        client.post(zh_form.url, petition_data(email="other@example.com", name="陳美玲"))
        listing = client.get("/open311/v2/requests.json")
        assert listing.status_code == 200
        assert [item["service_code"] for item in listing.json()] == ["petition"]
        comment = Case.objects.get(kind=Kind.COMMENT)
        assert client.get(f"/open311/v2/requests/{comment.number}.json").status_code == 404


def test_the_open_dataset_counts_the_comments_and_nothing_else_of_them(client, draft, forms,
                                                                      home):
    consultations_dataset(home)

    def download():
        package = call(client, "package_show", id="gazette-consultations").json()["result"]
        response = client.get(package["resources"][0]["url"])
        return b"".join(response.streaming_content).decode()

    assert [row["comments_received"] for row in json.loads(download())] == [0]
    zh_form, _en_form = forms
    with time_machine.travel(OPEN, tick=False):
        client.post(f"{zh_form.url}?draft={draft.pk}", comment_data(draft))
    # The file kept for the earlier version is not served again.
    text = download()
    assert [row["comments_received"] for row in json.loads(text)] == [1]
    assert "林志明" not in text and COMMENT not in text and "chih.ming" not in text
