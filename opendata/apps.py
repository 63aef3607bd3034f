from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class OpenDataConfig(AppConfig):
    name = "opendata"
    verbose_name = _("Open data")

    def ready(self):
        from portal import scheduler
        from portal.sections import HomeSection, register

        from . import generators, sections, tasks

        generators.register("agencies", rows=generators.agency_rows,
                            version=generators.agency_version, title=_("Agency list"))
        register(HomeSection("opendata", "opendata/home_section.html",
                             sections.latest_datasets, order=60))
        scheduler.register("opendata.live_datasets", tasks.regenerate_live_datasets,
                           minute=15)
