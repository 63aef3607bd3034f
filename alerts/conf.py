"""The alerts app's settings and their defaults. Each may be set in the Django settings or
in the environment variable of the same name (portal.appsettings.app_setting)."""

from portal.appsettings import app_setting


def confirm_max_age():
    """ALERTS_CONFIRM_MAX_AGE: seconds a confirmation link works after it was sent."""
    return app_setting("ALERTS_CONFIRM_MAX_AGE", 2 * 24 * 3600)


def retention_days():
    """ALERTS_RETENTION_DAYS: unsubscribed and never-confirmed subscriptions are deleted
    this many days after they were ended or asked for (Personal Data Protection Act)."""
    return app_setting("ALERTS_RETENTION_DAYS", 30)


def address_limit():
    """ALERTS_ADDRESS_LIMIT: confirmation e-mails to one address per hour, whoever asks:
    nobody can flood someone's mailbox through the portal."""
    return app_setting("ALERTS_ADDRESS_LIMIT", 3)


def requester_limit():
    """ALERTS_REQUESTER_LIMIT: confirmation e-mails asked for from one client address per
    hour. Generous: an office shares one address."""
    return app_setting("ALERTS_REQUESTER_LIMIT", 20)


def digest_window_days():
    """ALERTS_DIGEST_WINDOW_DAYS: issues that went live this many days ago or less are
    still sent to subscribers the digest has not reached yet (a failed send, a pause)."""
    return app_setting("ALERTS_DIGEST_WINDOW_DAYS", 7)


def max_attempts():
    """ALERTS_MAX_ATTEMPTS: sends of one digest to one subscriber before it is given up."""
    return app_setting("ALERTS_MAX_ATTEMPTS", 5)
