from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class SisterCitiesConfig(AppConfig):
    name = "sistercities"
    verbose_name = _("Sister cities and exhibitions")

    def ready(self):
        from portal.sections import HomeSection, register

        from .sections import home_section

        register(HomeSection("sistercities", "sistercities/home_section.html", home_section,
                             order=40))
