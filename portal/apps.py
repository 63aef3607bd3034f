from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PortalConfig(AppConfig):
    name = "portal"
    verbose_name = _("Portal")

    def ready(self):
        from . import agencies, i18n, invalidation, pages, sites

        agencies.connect()
        invalidation.connect()
        i18n.remember_locales_per_request()
        pages.check_view_restrictions_at_once()
        sites.read_site_root_paths_at_once()
