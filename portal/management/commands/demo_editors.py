from django.core.management.base import BaseCommand

from portal.demo import demo_editorial_accounts, renew_passwords


class Command(BaseCommand):
    help = ("Give the demo editor and reviewer accounts a new random password and print how "
            "to sign in, so that `make run` always shows working logins for trying the "
            "review workflow. Touches only the accounts the demo created.")

    def handle(self, *args, **options):
        for user, password, groups in renew_passwords(demo_editorial_accounts()):
            self.stdout.write(f"Demo {user.username} ({groups}): user: {user.username}  "
                              f"password: {password}")
        self.stdout.write("To try the review workflow: sign in as the editor, edit a page and "
                          "choose “Submit to Moderators approval”; then sign in as the reviewer, "
                          "who finds it on the admin dashboard under “Awaiting your review” "
                          "and approves it or asks for changes. The reviewer, who can publish, "
                          "sets up two-step verification at the first sign-in.")
