from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PetitionsConfig(AppConfig):
    name = "petitions"
    verbose_name = _("Petitions and complaints")

    def ready(self):
        from opendata import generators
        from portal.sections import HomeSection, register

        from . import statistics
        from .sections import intake_links

        generators.register("case-statistics", rows=statistics.monthly_case_statistics,
                            version=statistics.version, title=_("Monthly case statistics"))
        register(HomeSection("petitions", "petitions/home_section.html", intake_links, order=40))
