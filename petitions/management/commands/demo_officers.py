from django.core.management.base import BaseCommand

from petitions.demo import demo_officers
from portal.demo import renew_passwords


class Command(BaseCommand):
    help = ("Give each demo officer account a new random password and print how to sign in, "
            "so that `make run` always shows working logins for every officer group.")

    def handle(self, *args, **options):
        for user, password, groups in renew_passwords(demo_officers()):
            self.stdout.write(f"Demo officer ({groups}): user: {user.username}  "
                              f"password: {password}")
        self.stdout.write("Officers set up two-step verification on their first sign-in: the "
                          "admin shows a QR code for an authenticator app (or its key, for "
                          "`oathtool --totp -b KEY`).")
