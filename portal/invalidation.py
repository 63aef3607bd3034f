"""What a change makes stale, and telling the caches.

The server's page cache (portal.caching) is dropped whole on any change to what pages show:
a page published, unpublished, moved or deleted, a view restriction, a snippet, a site
setting, an image or a document. The front-end cache (a CDN or Varnish, configured through
WAGTAILFRONTENDCACHE) is purged by URL: Wagtail purges the published page itself; the
portal adds its translations, the pages that list it (its ancestors: index pages, the home
page's sections) and the feeds of those listings, in every language. Other changes reach
the front-end cache when its copies expire (PORTAL_CACHE_S_MAXAGE)."""

import logging
from functools import cache

from django.apps import apps
from django.conf import settings
from django.db.models.signals import post_delete, post_save
from django.urls import reverse
from django.utils import translation
from wagtail.contrib.frontend_cache.utils import PurgeBatch
from wagtail.contrib.settings.models import BaseGenericSetting, BaseSiteSetting
from wagtail.documents import get_document_model
from wagtail.images import get_image_model
from wagtail.models import Locale, Page, PageViewRestriction, Site
from wagtail.signals import page_published, page_unpublished, post_page_move
from wagtail.snippets.models import get_snippet_models

from .caching import bump_content_version

logger = logging.getLogger(__name__)


@cache
def content_models():
    """Models whose rows appear on public pages, besides pages themselves."""
    settings_models = [model for model in apps.get_models()
                       if issubclass(model, BaseSiteSetting | BaseGenericSetting)]
    return (Page, PageViewRestriction, Site, Locale, get_image_model(), get_document_model(),
            *get_snippet_models(), *settings_models)


def changes_what_pages_show(instance, signal, created=False, update_fields=None):
    if not isinstance(instance, content_models()):
        return False
    if signal is post_delete:
        return True
    if isinstance(instance, Page):
        # A draft or a revision saves only some fields and changes nothing public; a page
        # saved whole while live (by an importer, a script) is published in effect.
        return instance.live and not update_fields
    # A site's settings are created with their defaults when first read.
    return not (created and isinstance(instance, BaseSiteSetting | BaseGenericSetting))


def content_changed(sender, instance, signal, created=False, update_fields=None, **kwargs):
    if changes_what_pages_show(instance, signal, created, update_fields):
        bump_content_version()


def listing_pages(page):
    """The page's translations and the pages that list them, in every language."""
    versions = list(page.get_translations(inclusive=True))
    pages = {other.pk: other for other in versions if other.pk != page.pk}
    for version in versions:
        for ancestor in version.get_ancestors().filter(depth__gt=1):
            pages.setdefault(ancestor.pk, ancestor)
    return [page, *Page.objects.filter(pk__in=pages).specific().select_related("locale")]


def feed_urls(page):
    """The feeds of a listing page: its model names their URLs in `purge_feed_url_names`."""
    site = page.get_site()
    if site is None:
        return []
    with translation.override(page.locale.language_code):
        return [site.root_url + reverse(name)
                for name in getattr(page, "purge_feed_url_names", ())]


def purge_listings(sender, instance, **kwargs):
    if not getattr(settings, "WAGTAILFRONTENDCACHE", None):
        return
    try:
        batch = PurgeBatch()
        page, *others = listing_pages(instance)
        # Wagtail's own receiver purges the page itself.
        batch.add_pages(others)
        for listing in [page, *others]:
            batch.add_urls(feed_urls(listing))
    except Exception:
        # A publish never fails for the cache's sake; the copies expire on their own.
        logger.exception("front-end cache: listings of page %s not purged", instance.pk)
        return
    batch.purge()


def connect():
    post_save.connect(content_changed, dispatch_uid="portal-content-saved")
    post_delete.connect(content_changed, dispatch_uid="portal-content-deleted")
    for signal in (page_published, page_unpublished, post_page_move):
        signal.connect(bump_content_version, dispatch_uid=f"portal-{id(signal)}")
    page_published.connect(purge_listings, dispatch_uid="portal-purge-published")
    page_unpublished.connect(purge_listings, dispatch_uid="portal-purge-unpublished")
    post_save.connect(purge_restricted, sender=PageViewRestriction,
                      dispatch_uid="portal-purge-restricted")
    post_delete.connect(purge_restricted, sender=PageViewRestriction,
                        dispatch_uid="portal-purge-unrestricted")


def purge_restricted(sender, instance, **kwargs):
    """A restriction hides a whole subtree: no copy kept in front may go on showing it."""
    if not getattr(settings, "WAGTAILFRONTENDCACHE", None):
        return
    page = Page.objects.filter(pk=instance.page_id).first()  # gone when the page was deleted
    if page is not None:
        batch = PurgeBatch()
        batch.add_pages(page.get_descendants(inclusive=True).specific())
        batch.purge()
