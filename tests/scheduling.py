"""Runs the portal's real scheduler (portal.scheduler.build(): APScheduler's BlockingScheduler
with the registered jobs) through its own main loop, over frozen time that jumps ahead.

BlockingScheduler's loop sleeps on a threading.Event for as long as it computed until the
next fire time. FastForward stands in for that Event: instead of sleeping, it moves the
time-machine clock forward by that long, so the library decides what runs when."""

import datetime

import time_machine

from portal import scheduler as portal_scheduler


class FastForward:
    def __init__(self, scheduler, traveller, until):
        self.scheduler, self.traveller, self.until = scheduler, traveller, until
        self.woken = False

    def is_set(self):  # BlockingScheduler.start() keeps an Event that is not set
        return False

    def set(self):
        self.woken = True

    def clear(self):
        self.woken = False

    def wait(self, seconds=None):
        if self.woken:
            return True
        now = datetime.datetime.now(datetime.UTC)
        if seconds is None or seconds > (self.until - now).total_seconds():
            self.traveller.move_to(self.until)
            self.scheduler.shutdown(wait=False)
            return True
        self.traveller.move_to(now + datetime.timedelta(seconds=seconds))
        return False


def run_scheduler(traveller, until):
    """Run a new scheduler from the traveller's current time through `until` (inclusive),
    then leave the clock at `until`."""
    scheduler = portal_scheduler.build()
    scheduler._event = FastForward(scheduler, traveller, until)
    scheduler.start()
    return scheduler


def travel(start):
    return time_machine.travel(start, tick=False)
