"""The sister-cities app's settings and their defaults. Each may be set in the Django
settings or in the environment variable of the same name
(portal.appsettings.app_setting)."""

from portal.appsettings import app_setting


def tile_url():
    """SISTERCITIES_TILE_URL: the map's tile server (a Leaflet URL template). The markers and
    the list work without it, so a site with no outside network still shows the network."""
    return app_setting("SISTERCITIES_TILE_URL", "https://tile.openstreetmap.org/{z}/{x}/{y}.png")


def tile_attribution():
    """SISTERCITIES_TILE_ATTRIBUTION: the attribution the map shows."""
    return app_setting("SISTERCITIES_TILE_ATTRIBUTION", "© OpenStreetMap contributors")


def tile_origin():
    """The tile server's origin, which the map page's Content-Security-Policy allows images
    from (a `{s}.` subdomain template becomes `*.`), or None for a relative template."""
    origin = "/".join(tile_url().split("/")[:3]).replace("{s}.", "*.")
    return origin if origin.startswith("http") else None
