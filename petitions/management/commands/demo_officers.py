import secrets

from axes.utils import reset
from django.core.management.base import BaseCommand

from petitions.demo import demo_officers


class Command(BaseCommand):
    help = ("Give each demo officer account a new random password and print how to sign in, "
            "so that `make run` always shows working logins for every officer group.")

    def handle(self, *args, **options):
        for user in demo_officers().prefetch_related("groups"):
            password = secrets.token_urlsafe(9)
            user.set_password(password)
            user.save(update_fields=["password"])
            reset(username=user.username)  # a new password also lifts a sign-in lockout
            groups = "、".join(group.name for group in user.groups.all())
            self.stdout.write(f"Demo officer ({groups}): user: {user.username}  "
                              f"password: {password}")
        self.stdout.write("Officers set up two-step verification on their first sign-in: the "
                          "admin shows a QR code for an authenticator app (or its key, for "
                          "`oathtool --totp -b KEY`).")
