from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class BulletinConfig(AppConfig):
    name = "bulletin"
    verbose_name = _("Electronic gazette")

    def ready(self):
        from . import signals  # noqa: F401  (scheduled issues publish their documents)
