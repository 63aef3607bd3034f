"""Settings that belong to one app, with their defaults kept in the app (in its `conf.py`),
so that portal/settings/ names no app's knobs:

    def retention_years():
        return app_setting("PETITIONS_RETENTION_YEARS", 5)

A setting is read on every use, so a test's `settings` fixture and override_settings apply.
"""

import os

from django.conf import settings


def app_setting(name, default):
    """`name` from the Django settings when a settings module sets it; else from the
    environment variable of that name, converted to the default's type; else `default`."""
    if hasattr(settings, name):
        return getattr(settings, name)
    value = os.environ.get(name)
    if value is None:
        return default
    return type(default)(value)
