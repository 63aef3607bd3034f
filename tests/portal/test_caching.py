"""Cache-Control of every kind of response, and the server's page cache: what a publish
changes shows at once in both languages, and nothing personal or unpublished is kept."""

import pytest
from django.contrib.auth import get_user_model
from django.core.cache import cache
from django.test import Client
from django.urls import reverse
from django.utils.cache import cc_delim_re
from wagtail.models import PageViewRestriction, Site
from wagtail.test.utils.form_data import nested_form_data, streamfield

from petitions.models import PetitionFormPage
from portal.models import PortalSettings
from tests.factories import sign_in_verified
from tests.petitions.page_makers import PAGE_MAKERS

PERSONAL = {"private", "no-store"}


@pytest.fixture(autouse=True)
def _empty_cache():
    cache.clear()


@pytest.fixture
def editor_client(db):
    client = Client()
    sign_in_verified(client, get_user_model().objects.create_superuser(
        "editor", "editor@example.gov.tw", "a-long-test-password"))
    return client


def directives(response):
    return {value.strip() for value in response["Cache-Control"].split(",")}


def vary(response):
    return {value.lower() for value in cc_delim_re.split(response.get("Vary", "")) if value}


def publish_through_admin(editor_client, page, **changes):
    form = nested_form_data({"title": page.title, "slug": page.slug, "summary": page.summary,
                             "body": streamfield([]), **changes})
    response = editor_client.post(f"/admin/pages/{page.pk}/edit/",
                                  {**form, "action-publish": "action-publish"})
    assert response.status_code == 302, response.content.decode()[:2000]


def test_anonymous_pages_are_public_for_a_short_configurable_time(client, about, settings):
    settings.PORTAL_CACHE_MAX_AGE, settings.PORTAL_CACHE_S_MAXAGE = 60, 900
    for url in ("/about/", "/en/about/"):
        response = client.get(url)
        assert response.status_code == 200
        assert directives(response) == {"public", "max-age=60", "s-maxage=900"}
        # The language is in the URL: a cache need not keep one copy per Accept-Language.
        assert "accept-language" not in vary(response)
        assert "cookie" in vary(response)


def test_signed_in_editors_get_private_pages_never_kept(client, editor_client, about):
    assert "public" in directives(client.get("/about/"))  # the anonymous copy, kept
    response = editor_client.get("/about/")
    assert directives(response) >= PERSONAL
    assert "wagtail-userbar" in response.content.decode()
    assert "X-Page-Cache" not in response
    # ...and the editor's page, with its userbar, is not what a visitor is given.
    anonymous = client.get("/about/")
    assert anonymous["X-Page-Cache"] == "hit"
    assert "wagtail-userbar" not in anonymous.content.decode()


def test_pages_with_a_form_token_are_private(client, home):
    page = PAGE_MAKERS[PetitionFormPage](home)
    for _ in range(2):
        response = client.get(page.url)
        assert response.status_code == 200
        assert directives(response) >= PERSONAL
        assert "X-Page-Cache" not in response


def test_tracking_and_submissions_are_never_stored(client, home):
    page = PAGE_MAKERS[PetitionFormPage](home)
    track = client.get(reverse("petitions:track"))
    assert {"private", "no-store"} <= directives(track)
    posted = client.post(page.url, {"subject": "路燈", "name": "王小明"})
    assert posted.status_code == 400
    assert directives(posted) >= PERSONAL


def test_search_results_stay_in_the_browser(client, about):
    response = client.get("/search/", {"q": "本處"})
    assert response.status_code == 200
    assert {"private", "no-cache"} <= directives(response)
    assert "public" not in directives(response)


def test_errors_and_redirects_are_not_shared(client, about):
    missing = client.get("/no-such-page/")
    assert missing.status_code == 404
    assert directives(missing) == {"private", "no-cache"}
    assert client.get("/no-such-page/").get("X-Page-Cache") is None
    redirect = client.get("/about")
    assert redirect.status_code == 301
    assert "public" not in directives(redirect)


def test_admin_is_private(client, editor_client, about):
    assert directives(editor_client.get("/admin/")) >= PERSONAL
    assert directives(client.get("/admin/login/")) >= PERSONAL


def test_a_published_change_shows_at_once_in_both_languages(client, editor_client, about):
    zh, en = about
    for url in ("/about/", "/en/about/"):
        client.get(url)
        assert client.get(url)["X-Page-Cache"] == "hit"
    publish_through_admin(editor_client, zh, title="本處組織與職掌")
    publish_through_admin(editor_client, en, title="Our organisation and duties")
    zh_page, en_page = client.get("/about/"), client.get("/en/about/")
    assert "本處組織與職掌" in zh_page.content.decode()
    assert "Our organisation and duties" in en_page.content.decode()
    assert "About us" not in en_page.content.decode()


def test_unpublishing_removes_the_kept_page(client, editor_client, about):
    zh, _en = about
    assert client.get("/about/").status_code == 200
    response = editor_client.post(f"/admin/pages/{zh.pk}/unpublish/")
    assert response.status_code == 302
    assert client.get("/about/").status_code == 404


def test_a_site_setting_change_shows_on_every_kept_page(client, about):
    client.get("/about/")
    assert client.get("/about/")["X-Page-Cache"] == "hit"
    settings_row = PortalSettings.for_site(Site.objects.get())
    settings_row.phone = "07-799-5678"
    settings_row.save()
    assert "07-799-5678" in client.get("/about/").content.decode()


def test_a_preview_never_reaches_visitors(client, editor_client, about):
    zh, _en = about
    client.get("/about/")  # a visitor's copy is kept
    form = nested_form_data({"title": "尚未公開的草稿", "slug": "about", "summary": "草稿摘要",
                             "body": streamfield([])})
    preview_url = f"/admin/pages/{zh.pk}/edit/preview/"
    assert editor_client.post(preview_url, form).json()["is_valid"]
    preview = editor_client.get(preview_url)
    assert "尚未公開的草稿" in preview.content.decode()
    assert directives(preview) >= PERSONAL
    # The editor saves the draft without publishing it.
    response = editor_client.post(f"/admin/pages/{zh.pk}/edit/", form)
    assert response.status_code == 302
    for visitor in (client, Client()):
        page = visitor.get("/about/")
        assert "尚未公開的草稿" not in page.content.decode()
        assert "關於本處" in page.content.decode()


def test_a_page_put_behind_a_password_is_no_longer_served_from_the_cache(client, about):
    zh, _en = about
    client.get("/about/")
    PageViewRestriction.objects.create(page=zh, restriction_type="password", password="x")
    response = client.get("/about/")
    assert "本處簡介" not in response.content.decode()
    assert "public" not in directives(response)
