import signal

from django.core.management.base import BaseCommand

from portal import scheduler


class Command(BaseCommand):
    help = ("Run the periodic jobs (scheduled publishing, retention, receipt retries, the "
            "officers' digest, the live datasets) until stopped. Run exactly one.")

    def handle(self, *args, **options):
        runner = scheduler.build()

        def stop(signum, frame):
            # Lets a job that is enqueueing finish, then leaves the loop.
            runner.shutdown(wait=False)

        signal.signal(signal.SIGTERM, stop)
        signal.signal(signal.SIGINT, stop)
        for job in runner.get_jobs():
            self.stdout.write(f"{job.name}: {job.trigger}")
        runner.start()
