"""The gazette's settings and their defaults. Each may be set in the Django settings or in
the environment variable of the same name (portal.appsettings.app_setting)."""

from portal.appsettings import app_setting


def api_max_per_page():
    """GAZETTE_API_MAX_PER_PAGE: the API's largest page, as the Federal Register API
    allows."""
    return app_setting("GAZETTE_API_MAX_PER_PAGE", 1000)
