"""A small tree builder for tests: the two home pages, and pages under them."""

import json

from django_otp import DEVICE_ID_SESSION_KEY
from django_otp.plugins.otp_totp.models import TOTPDevice
from wagtail.models import Collection, Locale, Page, Site

from home.models import HomePage, StandardPage
from portal.models import Agency


def locales():
    zh = Locale.objects.get_or_create(language_code="zh-hant")[0]
    en = Locale.objects.get_or_create(language_code="en")[0]
    return zh, en


def build_site():
    """A site whose root is a Chinese home page with a live English translation."""
    zh, en = locales()
    root = Page.get_first_root_node()
    if root is None:  # transactional tests flush the tree that migrations made
        root = Page.add_root(instance=Page(title="Root", slug="root", locale=zh))
    if Collection.get_first_root_node() is None:  # and the images' root collection
        Collection.add_root(name="Root")
    root.get_children().delete()
    home = root.add_child(instance=HomePage(title="高雄市政府行政暨國際處", slug="home", locale=zh))
    home.save_revision().publish()
    Site.objects.all().delete()
    Site.objects.create(hostname="testserver", port=80, root_page=home, is_default_site=True,
                        site_name="測試")
    home_en = home.copy_for_translation(en)
    home_en.title = "Department of Administration and International Affairs"
    home_en.save_revision().publish()
    home.refresh_from_db()
    return home, home_en.specific


def add_page(parent, model=StandardPage, publish=True, **fields):
    fields.setdefault("slug", fields["title"].lower().replace(" ", "-"))
    page = parent.add_child(instance=model(locale=parent.locale, live=publish, **fields))
    if publish:
        page.save_revision().publish()
    parent.refresh_from_db()
    return page


def translate(page, locale_code, **fields):
    translated = page.copy_for_translation(Locale.objects.get(language_code=locale_code))
    for name, value in fields.items():
        setattr(translated, name, value)
    translated.save_revision().publish()
    return translated.specific


def stream(*blocks):
    return json.dumps([{"type": kind, "value": value} for kind, value in blocks])


def sign_in_verified(client, user):
    """Signs `user` in on the test client as if they had also passed two-step verification
    with an authenticator (the session holds the device, as django_otp.login leaves it)."""

    device = TOTPDevice.objects.create(user=user, name="test", confirmed=True)
    client.force_login(user)
    session = client.session
    session[DEVICE_ID_SESSION_KEY] = device.persistent_id
    session.save()
    return user


def translated_agency(code, name, name_en):
    """An agency in the default locale and its English translation (the same translation_key)."""

    zh, en = locales()
    agency = Agency.objects.create(code=code, name=name, locale=zh)
    english = agency.copy_for_translation(en)
    english.name = name_en
    english.save()
    return agency, english
