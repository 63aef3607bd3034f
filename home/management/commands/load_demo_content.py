from django.core.management.base import BaseCommand
from django.db import transaction

from portal.demo_builder import DemoBuilder, registered_demo_content


class Command(BaseCommand):
    help = (
        "Build the demo site in Chinese and English from every app's demo content (the "
        "DEMO_CONTENT extension point). Idempotent: what exists is left as it is."
    )

    def handle(self, *args, **options):
        builder = DemoBuilder(self.stdout)
        for demo in registered_demo_content():
            self.stdout.write(f"{demo.name}:")
            with transaction.atomic():
                demo.build(builder)
        self.stdout.write(self.style.SUCCESS(f"Demo content ready: {builder.summary()}."))
