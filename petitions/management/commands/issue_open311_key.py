from django.core.management.base import BaseCommand

from petitions.open311 import issue_api_key


class Command(BaseCommand):
    help = "Issue an Open311 api_key for a client; the key is printed once and stored hashed."

    def add_arguments(self, parser):
        parser.add_argument("name", help="who the key is for")

    def handle(self, *args, name, **options):
        _key, secret = issue_api_key(name)
        self.stdout.write(f"api_key for {name}: {secret}")
