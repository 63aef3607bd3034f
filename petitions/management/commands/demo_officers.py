import secrets

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
            groups = "、".join(group.name for group in user.groups.all())
            self.stdout.write(f"Demo officer ({groups}): user: {user.username}  "
                              f"password: {password}")
