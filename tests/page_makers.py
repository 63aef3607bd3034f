"""Every app's page makers (`tests/<app>/page_makers.py`), for tests of every page type."""

import importlib

from django.conf import settings


def all_page_makers():
    makers = {}
    for app in settings.PORTAL_APPS:
        module = f"tests.{app}.page_makers"
        if importlib.util.find_spec(f"tests.{app}") and importlib.util.find_spec(module):
            makers.update(importlib.import_module(module).PAGE_MAKERS)
    return makers
