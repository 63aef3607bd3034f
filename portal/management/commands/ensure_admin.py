import os
import secrets

from axes.utils import reset
from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand


class Command(BaseCommand):
    help = (
        "Create or reset the demo administrator and print how to sign in. The password is "
        "ADMIN_PASSWORD when set, else a new random one on every run."
    )

    def add_arguments(self, parser):
        parser.add_argument("--username", default=os.environ.get("ADMIN_USERNAME", "admin"))

    def handle(self, *args, username, **options):
        password = os.environ.get("ADMIN_PASSWORD") or secrets.token_urlsafe(12)
        user, created = get_user_model().objects.get_or_create(
            username=username, defaults={"email": f"{username}@example.gov.tw"}
        )
        user.is_staff = user.is_superuser = user.is_active = True
        user.set_password(password)
        user.save()
        reset(username=username)  # a new password also lifts a sign-in lockout
        self.stdout.write(
            self.style.SUCCESS(
                f"Admin {'created' if created else 'password set'}: "
                f"http://127.0.0.1:8000/admin/  user: {username}  password: {password}"
            )
        )
        self.stdout.write("The first sign-in sets up two-step verification with an "
                          "authenticator app (README.md, Security).")
