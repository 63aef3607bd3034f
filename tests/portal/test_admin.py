import base64
import hashlib

import pytest
from django.contrib.auth import get_user_model
from django.core.management import call_command
from django.http import HttpResponse
from wagtail.models import Locale

from portal.middleware import AdminWidgetCSPMiddleware
from portal.models import Agency
from tests.bulletin.helpers import gazette_index, load, record
from tests.factories import sign_in_verified
from tests.html import inline_scripts, parse
from tests.sign_in import enrol, sign_in


@pytest.fixture
def editor(db):
    return get_user_model().objects.create_superuser("editor", "editor@example.gov.tw",
                                                     "a long test password")


def test_ensure_admin_prints_a_working_password(db, client, capsys, monkeypatch):
    monkeypatch.delenv("ADMIN_PASSWORD", raising=False)
    call_command("ensure_admin")
    password = capsys.readouterr().out.split("password: ")[1].split()[0]
    assert len(password) >= 16
    assert sign_in(client, "admin", password).status_code == 302
    # The administrator can see cases, so the first sign-in sets up two-step verification.
    assert client.get("/admin/")["Location"] == "/admin/two-factor/?next=/admin/"
    enrol(client)
    assert client.get("/admin/cases/").status_code == 200


def test_ensure_admin_uses_admin_password_when_set(db, client, monkeypatch, capsys):
    monkeypatch.setenv("ADMIN_PASSWORD", "a chosen demo password")
    call_command("ensure_admin")
    assert "a chosen demo password" in capsys.readouterr().out
    assert sign_in(client, "admin", "a chosen demo password").status_code == 302


def test_editor_creates_an_agency_and_translates_it(client, editor, home):
    sign_in_verified(client, editor)
    response = client.post("/admin/snippets/portal/agency/add/", {
        "name": "高雄市政府行政暨國際處", "short_name": "行國處", "code": "397000000A",
        "phone": "07-3368333", "email": "daia@kcg.gov.tw", "address": "高雄市苓雅區四維三路2號",
        "locale": Locale.objects.get(language_code="zh-hant").pk,
    })
    assert response.status_code == 302, response.content.decode()[:2000]
    agency = Agency.objects.get(code="397000000A")
    assert client.get("/admin/snippets/portal/agency/").status_code == 200
    english = agency.copy_for_translation(Locale.objects.get(language_code="en"))
    english.name = "Department of Administration and International Affairs"
    english.save()
    assert Agency.objects.filter(code="397000000A").count() == 2


def test_agency_code_is_unique_per_language(client, editor, home):
    zh = Locale.objects.get(language_code="zh-hant")
    Agency.objects.create(name="行國處", code="397000000A", locale=zh)
    sign_in_verified(client, editor)
    response = client.post("/admin/snippets/portal/agency/add/", {
        "name": "重複", "code": "397000000A", "locale": zh.pk})
    assert response.status_code == 200
    assert Agency.objects.filter(code="397000000A").count() == 1


def test_site_settings_edit_in_admin(client, editor, home):
    sign_in_verified(client, editor)
    response = client.get("/admin/settings/portal/portalsettings/")
    assert response.status_code in (200, 302)
    site_id = home.get_site().pk
    response = client.post(f"/admin/settings/portal/portalsettings/{site_id}/", {
        "site_name": "高雄市政府行政暨國際處", "site_name_en": "DAIA",
        "citizen_hotline": "1999", "consumer_hotline": "1950", "main_menu-count": "0",
        "footer_links-count": "0",
    })
    assert response.status_code == 302
    assert "高雄市政府行政暨國際處" in client.get("/").content.decode()


def test_page_editor_opens_for_both_page_types(client, editor, home, home_en):
    sign_in_verified(client, editor)
    assert client.get(f"/admin/pages/{home.pk}/edit/").status_code == 200
    response = client.get(f"/admin/pages/add/home/standardpage/{home.pk}/")
    assert response.status_code == 200


def test_admin_widget_initialisers_are_allowed_by_hash_and_nothing_else(client, editor, home):
    """The page editor's schedule dialog uses inline initialisers; the policy allows those
    exact scripts by hash rather than with 'unsafe-inline'."""

    sign_in_verified(client, editor)
    response = client.get(f"/admin/pages/{home.pk}/edit/")
    policy = response["Content-Security-Policy"]
    script_src = next(part for part in policy.split(";") if "script-src" in part)
    assert "unsafe-inline" not in script_src
    inline = [body for body in inline_scripts(parse(response))
              if body.lstrip().startswith("initDate")]
    assert inline, "the page editor no longer has inline initialisers; drop the middleware"
    for body in inline:
        digest = base64.b64encode(hashlib.sha256(body.encode()).digest()).decode()
        assert f"'sha256-{digest}'" in script_src
    assert "gravatar" not in response.content.decode()


def test_gazette_document_editor_runs_its_choosers_and_inline_panel(client, editor, home):
    """Every inline initialiser of the gazette document editor (document type and agency
    choosers, date pickers, the attachments panel, the correction's page chooser) is
    allowed by hash; without them the editor could not choose a document type or agency.
    The blank form of the attachments panel is copied by script when one is added, and is
    not run from the page."""

    gazette_index(home)
    issue = load(record(1)).pages[0]
    sign_in_verified(client, editor)
    response = client.get(f"/admin/pages/add/bulletin/gazettedocumentpage/{issue.pk}/")
    soup = parse(response)
    for template in soup.find_all("template"):
        template.decompose()
    script_src = next(part for part in response["Content-Security-Policy"].split(";")
                      if "script-src" in part)
    inline = inline_scripts(soup)
    assert any("SnippetChooser" in body for body in inline)
    assert any("InlinePanel" in body for body in inline)
    for body in inline:
        digest = base64.b64encode(hashlib.sha256(body.encode()).digest()).decode()
        assert f"'sha256-{digest}'" in script_src, body


def admin_page_policy(rf, html):
    """The script-src that the policy middleware gives an admin page of `html`."""
    def view(request):
        return HttpResponse(html, content_type="text/html")

    response = AdminWidgetCSPMiddleware(view)(rf.get("/admin/pages/1/edit/"))
    return next(part.strip() for part in response["Content-Security-Policy"].split(";")
                if part.strip().startswith("script-src"))


def test_a_widget_initialiser_gets_its_hash(rf):
    body = 'new SnippetChooser("id_x", {});'
    digest = base64.b64encode(hashlib.sha256(body.encode()).digest()).decode()
    assert admin_page_policy(rf, f"<script>{body}</script>") == (
        f"script-src 'self' 'sha256-{digest}'")


def test_other_inline_scripts_get_no_hash(rf):
    script_src = admin_page_policy(
        rf,
        "<script>alert(1)</script>"
        '<script>new SnippetChooser("id_x", {});alert(1);</script>'
        '<script>(function() { var panel = new InlinePanel(JSON.parse("{}")); alert(1) })();'
        "</script>")
    assert script_src == "script-src 'self'"
