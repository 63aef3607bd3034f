from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ConsumerConfig(AppConfig):
    name = "consumer"
    verbose_name = _("Consumer protection")
