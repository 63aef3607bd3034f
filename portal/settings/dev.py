"""`make run`: SQLite, console e-mail, debug pages, a local-only secret."""

import os

from .base import *  # noqa: F403

DEBUG = True
SECRET_KEY = SECRET_KEY or "dev-only-secret-key-not-for-production"  # noqa: F405
ALLOWED_HOSTS = ["127.0.0.1", "localhost", "[::1]"]

# Static files come straight from the apps' folders; only production collects them.
STATIC_ROOT = None
WHITENOISE_USE_FINDERS = True
WHITENOISE_AUTOREFRESH = True

# Logs for reading by eye; rendered pages are not kept, so template edits show at once.
LOGGING["handlers"]["console"]["formatter"] = "plain"  # noqa: F405
PORTAL_PAGE_CACHE_SECONDS = int(os.environ.get("PORTAL_PAGE_CACHE_SECONDS", 0))
