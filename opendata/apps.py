from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class OpenDataConfig(AppConfig):
    name = "opendata"
    verbose_name = _("Open data")

    def ready(self):
        from portal.sections import HomeSection, register

        from . import generators, sections

        generators.register("agencies", rows=generators.agency_rows,
                            version=generators.agency_version, title=_("Agency list"))
        register(HomeSection("opendata", "opendata/home_section.html",
                             sections.latest_datasets, order=60))
