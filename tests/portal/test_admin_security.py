"""Admin sign-in: lockout after repeated failures, two-step verification for whoever can see
cases, and sessions that end after inactivity. All through HTTP, as a person signs in."""

import datetime

import pytest
import time_machine
from django.contrib.auth.models import Group, Permission, User
from django.core.cache import cache
from django.core.files.base import ContentFile
from django.test import RequestFactory
from django.urls import reverse
from django.utils import timezone
from wagtail.models import GroupPagePermission

from petitions import domain
from petitions.models import Attachment, Kind, OfficerGroup
from portal.security import two_factor
from portal.security.client import client_address
from tests.factories import sign_in_verified
from tests.html import parse
from tests.petitions.helpers import _agency
from tests.sign_in import code_for, enrol, shown_secret, sign_in

pytestmark = pytest.mark.django_db
PASSWORD = "a long test password"


@pytest.fixture(autouse=True)
def _private_root(settings, tmp_path):
    settings.PETITIONS_PRIVATE_ROOT = str(tmp_path / "private")


def person(username, group_name=None, **officer_scope):
    """A staff member in a group of their own; an officer group when a scope is given."""
    user = User.objects.create_user(username, password=PASSWORD)
    group = Group.objects.create(name=group_name or f"group of {username}")
    group.permissions.add(Permission.objects.get(codename="access_admin"))
    if officer_scope:
        OfficerGroup.objects.create(group=group, **officer_scope)
    user.groups.add(group)
    return user


@pytest.fixture
def case():
    agency = _agency("397000000A")
    case, _code = domain.create_case(Kind.PETITION, {"subject": "路燈不亮"})
    case.agency = agency
    case.save()
    return case


@pytest.fixture
def officer(case):
    return person("officer", "陳情承辦-任何名稱", agency=case.agency)


# --- lockout ---------------------------------------------------------------------------


def fail_five_times(client, username, **headers):
    for _attempt in range(4):
        response = sign_in(client, username, "wrong password", **headers)
        assert response.status_code == 200  # the form again, with its error
    return sign_in(client, username, "wrong password", **headers)


def test_five_wrong_passwords_lock_the_account_with_a_chinese_message(client, officer):
    assert fail_five_times(client, "officer").status_code == 429
    response = sign_in(client, "officer", PASSWORD)  # the right password, too late
    assert response.status_code == 429
    text = response.content.decode()
    assert "登入失敗次數過多" in text and "30 分鐘" in text
    assert client.get("/admin/cases/").status_code == 302  # not signed in
    # Another person signing in from the same address is not locked out by it.
    person("editor")
    assert sign_in(client, "editor", PASSWORD).status_code == 302


def test_the_lockout_message_is_in_english_for_english_readers(client, officer):
    fail_five_times(client, "officer", HTTP_ACCEPT_LANGUAGE="en")
    response = sign_in(client, "officer", PASSWORD, HTTP_ACCEPT_LANGUAGE="en")
    assert response.status_code == 429
    assert "Too many failed sign-in attempts" in response.content.decode()


def test_four_wrong_passwords_do_not_lock(client, officer):
    for _attempt in range(4):
        sign_in(client, "officer", "wrong password")
    assert sign_in(client, "officer", PASSWORD).status_code == 302


def test_a_forged_forwarded_for_header_does_not_escape_the_lockout(client, officer):
    for number in range(5):
        sign_in(client, "officer", "wrong", HTTP_X_FORWARDED_FOR=f"198.51.100.{number}")
    assert sign_in(client, "officer", PASSWORD,
                   HTTP_X_FORWARDED_FOR="198.51.100.99").status_code == 429


def test_behind_a_configured_proxy_the_lockout_follows_the_client_address(
        client, officer, settings):
    settings.PORTAL_TRUSTED_PROXY_COUNT = 1
    fail_five_times(client, "officer", HTTP_X_FORWARDED_FOR="203.0.113.5")
    assert sign_in(client, "officer", PASSWORD,
                   HTTP_X_FORWARDED_FOR="203.0.113.5").status_code == 429
    assert sign_in(client, "officer", PASSWORD,
                   HTTP_X_FORWARDED_FOR="203.0.113.6").status_code == 302


@pytest.mark.parametrize(("proxies", "forwarded", "expected"), [
    (0, "203.0.113.5", "10.0.0.1"),
    (1, "203.0.113.5", "203.0.113.5"),
    (1, "192.0.2.1, 203.0.113.5", "203.0.113.5"),  # the client's own entry is ignored
    (2, "192.0.2.1, 203.0.113.5, 10.0.0.2", "203.0.113.5"),
    (1, "", "10.0.0.1"),
    (1, "not-an-address", "10.0.0.1"),
])
def test_client_address(settings, proxies, forwarded, expected):
    settings.PORTAL_TRUSTED_PROXY_COUNT = proxies
    request = RequestFactory().get("/", REMOTE_ADDR="10.0.0.1", HTTP_X_FORWARDED_FOR=forwarded)
    assert client_address(request) == expected


# --- two-step verification ---------------------------------------------------------------


def test_case_officer_enrols_and_later_verifies_over_http(client, officer, case):
    assert sign_in(client, "officer", PASSWORD).status_code == 302
    response = client.get("/admin/cases/")
    assert response["Location"] == "/admin/two-factor/?next=/admin/cases/"
    page = client.get(response["Location"])
    text = page.content.decode()
    qr = parse(text).find("svg", class_="two-factor-qr")
    assert qr is not None  # drawn here, no outside service
    assert qr.find("title") is not None  # the QR code has a text alternative
    secret = shown_secret(page)
    wrong = client.post("/admin/two-factor/", {"code": "000000", "next": "/admin/cases/"})
    assert wrong.status_code == 400 and "不正確" in wrong.content.decode()
    assert client.get("/admin/cases/").status_code == 302
    with time_machine.travel(timezone.now() + datetime.timedelta(seconds=5), tick=False):
        done = client.post("/admin/two-factor/",
                           {"code": code_for(secret), "next": "/admin/cases/"})
        assert done["Location"] == "/admin/cases/"
        assert case.number in client.get("/admin/cases/").content.decode()
    client.post("/admin/logout/")

    # Next time: password, then a code from the same app.
    later = timezone.now() + datetime.timedelta(minutes=2)
    with time_machine.travel(later, tick=False):
        sign_in(client, "officer", PASSWORD)
        response = client.get("/admin/cases/")
        assert response["Location"] == "/admin/two-factor/verify/?next=/admin/cases/"
        assert client.post(response["Location"], {"code": "123456"}).status_code == 400
    with time_machine.travel(later + datetime.timedelta(seconds=5), tick=False):
        response = client.post("/admin/two-factor/verify/",
                               {"code": code_for(secret), "next": "/admin/cases/"})
        assert response["Location"] == "/admin/cases/"
        assert client.get("/admin/cases/").status_code == 200


def test_wrong_codes_are_slowed_down(client, officer):
    sign_in_verified(client, officer)
    client.post("/admin/logout/")
    sign_in(client, "officer", PASSWORD)
    for _attempt in range(3):
        response = client.post("/admin/two-factor/verify/", {"code": "000000"})
    assert response.status_code == 400
    assert "錯誤次數過多" in response.content.decode()


def case_pages(case):
    attachment = Attachment.objects.create(case=case, file=ContentFile(b"%PDF-1.4", "a.pdf"),
                                           content_type="application/pdf",
                                           original_name="a.pdf", size=8)
    return [
        ("get", "/admin/"),  # the dashboard counts cases
        ("get", reverse("cases:index")),
        ("get", reverse("cases:index") + "?export=csv"),
        ("get", reverse("cases:inspect", args=[case.pk])),
        ("post", reverse("petitions_case_action", args=[case.pk])),
        ("get", reverse("case_audit:index")),
        ("get", reverse("petitions_files:attachment", args=[attachment.pk])),
    ]


def test_a_case_officer_without_two_factor_reaches_no_case_page(client, officer, case):
    sign_in(client, "officer", PASSWORD)
    for method, url in case_pages(case):
        response = getattr(client, method)(url, {"action": "note", "text": "x"}
                                           if method == "post" else None)
        assert response.status_code == 302, url
        assert response["Location"].startswith("/admin/two-factor/"), url
        assert case.number.encode() not in response.content
    assert not case.events.filter(type="note").exists()


def test_a_superuser_without_two_factor_reaches_no_case_page(client, case):
    User.objects.create_superuser("root", password=PASSWORD)
    sign_in(client, "root", PASSWORD)
    for method, url in case_pages(case):
        response = getattr(client, method)(url)
        assert response["Location"].startswith("/admin/two-factor/"), url


def test_editor_without_case_permissions_uses_the_admin_without_two_factor(client, home):
    editor = person("editor", "網站編輯")
    GroupPagePermission.objects.create(group=editor.groups.get(), page=home,
                                       permission=Permission.objects.get(codename="change_page"))
    sign_in(client, "editor", PASSWORD)
    assert client.get("/admin/").status_code == 200
    assert client.get(f"/admin/pages/{home.pk}/edit/").status_code == 200
    assert client.get(reverse("cases:index")).status_code != 200
    # The account page offers two-step verification all the same.
    assert "/admin/two-factor/" in client.get("/admin/account/").content.decode()


def test_an_editor_who_turns_it_on_must_verify_and_may_turn_it_off(client, home):
    person("editor")
    sign_in(client, "editor", PASSWORD)
    secret = enrol(client)
    client.post("/admin/logout/")
    sign_in(client, "editor", PASSWORD)
    assert client.get("/admin/")["Location"] == "/admin/two-factor/verify/?next=/admin/"
    # A password alone cannot replace the authenticator with another one.
    assert client.get("/admin/two-factor/")["Location"].startswith("/admin/two-factor/verify/")
    with time_machine.travel(timezone.now() + datetime.timedelta(minutes=1), tick=False):
        client.post("/admin/two-factor/verify/", {"code": code_for(secret)})
    assert client.get("/admin/").status_code == 200
    client.post("/admin/two-factor/", {"action": "remove"})
    client.post("/admin/logout/")
    sign_in(client, "editor", PASSWORD)
    assert client.get("/admin/").status_code == 200


def test_an_officer_may_not_turn_it_off(client, officer):
    sign_in_verified(client, officer)
    response = client.post("/admin/two-factor/", {"action": "remove"}, follow=True)
    assert "必須使用兩步驟驗證" in response.content.decode()
    assert two_factor.confirmed_device(officer) is not None


def test_who_must_use_it_follows_case_permissions_not_group_names(case):
    officer = person("a", "任何名稱的群組", agency=case.agency)
    complaints = person("b", "另一個群組", sees_complaints=True)
    everything = person("c", "third", sees_all=True)
    editor = person("d", "陳情承辦-看似承辦卻無權限")
    assert [two_factor.required_for(user) for user in (officer, complaints, everything, editor)
            ] == [True, True, True, False]
    OfficerGroup.objects.filter(group__user=officer).delete()
    assert not two_factor.required_for(officer)


# --- sessions ----------------------------------------------------------------------------


def test_the_session_ends_after_thirty_minutes_without_activity(client, home):
    editor = person("editor")
    GroupPagePermission.objects.create(group=editor.groups.get(), page=home,
                                       permission=Permission.objects.get(codename="change_page"))
    start = timezone.now()
    with time_machine.travel(start, tick=False):
        sign_in(client, "editor", PASSWORD)
        assert client.get("/admin/").status_code == 200
    # Each request pushes the end on: 25 minutes after the last one is still signed in...
    for minutes in (25, 50, 75):
        with time_machine.travel(start + datetime.timedelta(minutes=minutes), tick=False):
            assert client.get("/admin/").status_code == 200, minutes
    # ...but 31 minutes of nothing signs out.
    with time_machine.travel(start + datetime.timedelta(minutes=75 + 31), tick=False):
        response = client.get("/admin/")
        assert response.status_code == 302 and response["Location"].startswith("/admin/login/")


# --- the proxy in front ------------------------------------------------------------------


def test_behind_the_proxy_a_forged_leftmost_entry_does_not_escape_the_lockout(
        client, officer, settings):
    # nginx appends the address it saw ($proxy_add_x_forwarded_for): the client's own
    # entries stand to its left and are not believed.
    settings.PORTAL_TRUSTED_PROXY_COUNT = 1
    for number in range(5):
        sign_in(client, "officer", "wrong",
                HTTP_X_FORWARDED_FOR=f"198.51.100.{number}, 203.0.113.5")
    assert sign_in(client, "officer", PASSWORD,
                   HTTP_X_FORWARDED_FOR="198.51.100.99, 203.0.113.5").status_code == 429
    assert sign_in(client, "officer", PASSWORD,
                   HTTP_X_FORWARDED_FOR="203.0.113.6").status_code == 302


def test_an_uncounted_proxy_is_reported_once(client, settings, caplog):
    cache.clear()
    settings.PORTAL_TRUSTED_PROXY_COUNT = 0
    client.get("/healthz")  # no proxy: nothing to say
    # nginx on the same machine (the test client's 127.0.0.1) forwarding two clients.
    for forwarded in ("203.0.113.5", "203.0.113.6"):
        client.get("/healthz", HTTP_X_FORWARDED_FOR=forwarded)
    # A client on the internet sending the header itself is rightly not believed.
    client.get("/healthz", HTTP_X_FORWARDED_FOR="203.0.113.7", REMOTE_ADDR="192.0.2.10")
    errors = [record for record in caplog.records
              if "TRUSTED_PROXY_COUNT" in record.getMessage()]
    assert len(errors) == 1 and errors[0].levelname == "ERROR"
    assert "203.0.113" not in errors[0].getMessage()
    settings.PORTAL_TRUSTED_PROXY_COUNT = 1
    cache.clear()
    client.get("/healthz", HTTP_X_FORWARDED_FOR="203.0.113.5")
    assert len([r for r in caplog.records if "TRUSTED_PROXY_COUNT" in r.getMessage()]) == 1
