"""Production settings with every configured cache replaced by Django's DummyCache: the
cold case of bench/pages.py, where each request computes its page from the database."""

from portal.settings.production import *  # noqa: F403

CACHES = {alias: {"BACKEND": "django.core.cache.backends.dummy.DummyCache"}
          for alias in CACHES}  # noqa: F405
