from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ConsumerConfig(AppConfig):
    name = "consumer"
    verbose_name = _("Consumer protection")

    def ready(self):
        from opendata import generators
        from portal.sections import HomeSection, register

        from . import data
        from .sections import latest_notices

        generators.register("consumer-figures", rows=data.figure_rows, version=data.version,
                            title=_("Consumer protection figures"))
        register(HomeSection("consumer", "consumer/home_section.html", latest_notices,
                             order=30))
