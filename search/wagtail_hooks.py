"""What site search adds to the portal (portal/extensions.py)."""

from django.urls import include, path
from wagtail import hooks

from portal import extensions

from . import urls


@hooks.register(extensions.PAGE_URLS)
def page_language_urls():
    return [path("search/", include(urls))]
