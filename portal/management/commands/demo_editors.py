import secrets

from axes.utils import reset
from django.core.management.base import BaseCommand

from portal.demo import demo_editorial_accounts


class Command(BaseCommand):
    help = ("Give the demo editor and reviewer accounts a new random password and print how "
            "to sign in, so that `make run` always shows working logins for trying the "
            "review workflow. Touches only the accounts the demo created.")

    def handle(self, *args, **options):
        for user in demo_editorial_accounts().prefetch_related("groups"):
            password = secrets.token_urlsafe(9)
            user.set_password(password)
            user.save(update_fields=["password"])
            reset(username=user.username)  # a new password also lifts a sign-in lockout
            groups = "、".join(group.name for group in user.groups.all())
            self.stdout.write(f"Demo {user.username} ({groups}): user: {user.username}  "
                              f"password: {password}")
        self.stdout.write("To try the review workflow: sign in as the editor, edit a page and "
                          "choose “Submit to Moderators approval”; then sign in as the reviewer, "
                          "who finds it on the admin dashboard under “Awaiting your review” "
                          "and approves it or asks for changes. The reviewer, who can publish, "
                          "sets up two-step verification at the first sign-in.")
