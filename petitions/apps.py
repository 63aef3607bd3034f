from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PetitionsConfig(AppConfig):
    name = "petitions"
    verbose_name = _("Petitions and complaints")

    def ready(self):
        from portal.sections import HomeSection, register

        from .sections import intake_links

        register(HomeSection("petitions", "petitions/home_section.html", intake_links, order=40))
