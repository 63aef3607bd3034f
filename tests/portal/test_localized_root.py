"""Every page is routed from the site's home page in the reader's language, which the
portal reads as its type in one query (portal.pages.localized_root) where Wagtail reads
the translation and then its type: the same page as Wagtail's `localized`."""

from django.utils import translation
from wagtail.models import Page, Site

from home.models import StandardPage
from portal.pages import localized_root
from tests.factories import add_page


def roots():
    root = Site.objects.get(is_default_site=True).root_page
    return localized_root(root), root.localized.specific


def test_english_readers_are_routed_from_the_english_home_page(client, site_tree):
    home, home_en = site_tree
    add_page(home_en, StandardPage, title="About us", slug="about-en")
    with translation.override("en"):
        ours, wagtails = roots()
    assert ours == wagtails == home_en
    assert type(ours) is type(home_en)
    assert client.get("/en/about-en/").status_code == 200


def test_without_a_live_english_home_page_english_readers_are_routed_from_the_chinese_one(
        client, site_tree):
    home, home_en = site_tree
    add_page(home, StandardPage, title="關於我們", slug="about")
    Page.objects.filter(pk=home_en.pk).update(live=False)
    with translation.override("en"):
        ours, wagtails = roots()
    assert ours == wagtails == home
    assert type(ours) is type(home)
    assert client.get("/en/about/").status_code == 200
    with translation.override("zh-hant"):
        assert roots()[0] == home
