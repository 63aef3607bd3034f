import importlib
import importlib.util

from django.conf import settings
from django.core.management.base import BaseCommand
from django.db import transaction

from portal.demo_builder import DemoBuilder


class Command(BaseCommand):
    help = (
        "Build the demo site in Chinese and English from every portal app's demo module. "
        "Idempotent: what exists is left as it is."
    )

    def handle(self, *args, **options):
        builder = DemoBuilder(self.stdout)
        for app in settings.PORTAL_APPS:
            if importlib.util.find_spec(f"{app}.demo") is None:
                continue
            self.stdout.write(f"{app}:")
            with transaction.atomic():
                importlib.import_module(f"{app}.demo").build(builder)
        self.stdout.write(self.style.SUCCESS(f"Demo content ready: {builder.summary()}."))
