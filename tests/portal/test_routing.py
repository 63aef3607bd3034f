"""The portal routes a request from pages it reads in one query (portal.pages.read_route)
and finds its site among all sites read once (portal.sites): what it serves is what
Wagtail's router and site lookup would."""

import pytest
from wagtail.models import Page, PageViewRestriction, Site
from wagtail.models.sites import get_site_for_hostname

from home.models import HomePage, StandardPage
from portal.sites import site_for_hostname
from tests.factories import add_page

pytestmark = pytest.mark.django_db


def test_a_live_page_under_a_draft_section_is_served_and_the_draft_is_not(client, home):
    draft = add_page(home, title="草稿", slug="draft", publish=False)
    add_page(draft, title="公開頁", slug="open")

    assert client.get("/draft/open/").status_code == 200
    assert client.get("/draft/").status_code == 404
    assert client.get("/draft/missing/").status_code == 404
    assert client.head("/draft/open/").status_code == 200


def test_a_page_is_found_by_its_own_parent_not_by_a_namesake_elsewhere(client, home):
    first = add_page(home, title="甲", slug="first")
    add_page(first, title="同名", slug="same")
    add_page(home, title="乙", slug="second")

    assert client.get("/first/same/").status_code == 200
    assert client.get("/second/same/").status_code == 404
    # The same slug at another depth is another page.
    assert client.get("/same/").status_code == 404


def test_a_restriction_on_a_section_or_on_what_an_alias_copies_guards_its_pages(client, home):
    section = add_page(home, title="內部", slug="internal")
    inner = add_page(section, title="內頁", slug="inner")
    PageViewRestriction.objects.create(page=section, restriction_type="password",
                                       password="secret")
    alias = inner.create_alias(parent=home, update_slug="alias-of-inner")

    for url in ("/internal/", "/internal/inner/"):
        response = client.get(url)
        assert response.status_code == 200
        assert 'name="password"' in response.content.decode(), url
    # Wagtail takes an alias's own restrictions from the page it is an alias of (not from
    # that page's ancestors): outside the section, the alias is open until the page has one.
    assert Page.objects.get(pk=alias.pk).get_view_restrictions().count() == 0
    PageViewRestriction.objects.create(page=inner, restriction_type="password",
                                       password="secret")
    response = client.get("/alias-of-inner/")
    assert 'name="password"' in response.content.decode()


def test_the_site_found_for_a_host_and_port_is_wagtails(home):
    other = Page.get_first_root_node().add_child(
        instance=HomePage(title="第二站", slug="second-site", locale=home.locale))
    Site.objects.create(hostname="second.example", port=443, root_page=other)
    Site.objects.create(hostname="second.example", port=8080, root_page=other)
    Site.objects.create(hostname="third.example", port=80,
                        root_page=add_page(home, StandardPage, title="第三", slug="third"))
    sites = list(Site.objects.select_related("root_page"))

    for hostname in ("testserver", "second.example", "third.example", "unknown.example"):
        for port in (80, 443, 8080, 8000):
            assert site_for_hostname(sites, hostname, port) == get_site_for_hostname(
                hostname, port), (hostname, port)


def test_each_site_serves_its_own_pages(client, home):
    other = Page.get_first_root_node().add_child(
        instance=HomePage(title="第二站", slug="second-site", locale=home.locale))
    other.save_revision().publish()
    add_page(other, title="站內頁", slug="inside")
    Site.objects.create(hostname="localhost", port=80, root_page=other)

    response = client.get("/inside/", HTTP_HOST="localhost")
    assert response.status_code == 200
    assert "站內頁" in response.content.decode()
    assert client.get("/inside/").status_code == 404
