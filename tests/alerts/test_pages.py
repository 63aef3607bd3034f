"""Where people meet alerts besides the gazette search: the home page's section in both
languages, and the admin dashboard's counts, which never show an address."""

import pytest
from django.contrib.auth.models import Group, Permission, User

from alerts import subscribing
from alerts.models import Subscription
from tests.alerts.helpers import gazette
from tests.factories import sign_in_verified
from tests.html import parse

pytestmark = pytest.mark.django_db


def test_the_home_page_explains_alerts_and_leads_to_them_in_both_languages(client, home,
                                                                            home_en):
    gazette(home)
    for url, title, subscribe, index in (
            ("/", "公報電子郵件訂閱", "/alerts/subscribe/", "/gazette/"),
            ("/en/", "Gazette alerts by e-mail", "/en/alerts/subscribe/", "/en/gazette/")):
        section = parse(client.get(url)).select_one("#home-alerts-title").parent
        assert section.h2.get_text(strip=True) == title
        assert section.find("a", href=subscribe) and section.find("a", href=index)


def test_the_home_page_has_no_alerts_section_without_a_gazette(client, home):
    assert parse(client.get("/")).select_one("#home-alerts-title") is None


def test_editors_see_how_many_follow_the_gazette_never_who(client, home):
    gazette(home)
    for number in range(3):
        subscription = subscribing.request(f"reader{number}@example.org", "", "zh-hant")
        if number:
            Subscription.objects.filter(pk=subscription.pk).update(
                confirmed_at=subscription.created_at)
    subscribing.unsubscribe(Subscription.objects.filter(email="reader2@example.org"))
    editors = Group.objects.create(name="alert test editors")
    editors.permissions.add(Permission.objects.get(codename="access_admin"))
    editor = User.objects.create_user("editor", password="a long test password")
    editor.groups.add(editors)
    sign_in_verified(client, editor)
    response = client.get("/admin/")
    assert response.status_code == 200
    panel = parse(response).select_one("#gazette-alerts-panel").parent
    text = panel.get_text(" ", strip=True)
    assert "1 筆已確認的訂閱" in text and "1 筆等待確認" in text and "1 筆已退訂" in text
    assert "example.org" not in response.content.decode()
