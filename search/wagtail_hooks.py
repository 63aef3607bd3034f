"""What site search adds to the portal (portal/extensions.py)."""

from django.db.models.signals import post_delete, post_save
from django.urls import include, path
from wagtail import hooks

from portal import extensions
from portal.caching import bump_content_version

from . import urls


@hooks.register(extensions.PAGE_URLS)
def page_language_urls():
    return [path("search/", include(urls))]


# The search page shows the editors' promoted results, and kept pages of it are stale
# after a change to them (see views.search_page), as after a publish.
for signal in (post_save, post_delete):
    signal.connect(bump_content_version, sender="wagtailsearchpromotions.SearchPromotion",
                   dispatch_uid=f"search-promotions-{id(signal)}")
