from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class BulletinConfig(AppConfig):
    name = "bulletin"
    verbose_name = _("Electronic gazette")

    def ready(self):
        from opendata import generators
        from portal.sections import HomeSection, register

        from . import (
            data,
            signals,  # noqa: F401  (scheduled issues publish their documents)
        )
        from .home import latest_gazette

        generators.register("gazette-issues", rows=data.issue_rows, version=data.version,
                            title=_("Gazette issues"))
        register(HomeSection("gazette", "bulletin/home_section.html", latest_gazette, order=20))
