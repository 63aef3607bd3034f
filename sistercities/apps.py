from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class SisterCitiesConfig(AppConfig):
    name = "sistercities"
    verbose_name = _("Sister cities and exhibitions")

    def ready(self):
        from opendata import generators
        from portal.sections import HomeSection, register

        from . import data
        from .sections import home_section

        generators.register("sister-cities", rows=data.city_rows, version=data.version,
                            title=_("Sister and partner cities"))
        register(HomeSection("sistercities", "sistercities/home_section.html", home_section,
                             order=50))
