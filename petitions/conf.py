"""The petitions app's settings and their defaults. Each may be set in the Django settings
or in the environment variable of the same name (portal.appsettings.app_setting)."""

from pathlib import Path

from django.conf import settings

from portal.appsettings import app_setting


def private_root():
    """PETITIONS_PRIVATE_ROOT: where the attachments of cases are kept, outside MEDIA_ROOT
    (private files, served only through a checked view)."""
    return app_setting("PETITIONS_PRIVATE_ROOT", str(Path(settings.BASE_DIR) / "var" / "private"))


def retention_years():
    """PETITIONS_RETENTION_YEARS: closed cases are anonymised after this many years
    (Personal Data Protection Act)."""
    return app_setting("PETITIONS_RETENTION_YEARS", 5)


def submit_limit():
    """PETITIONS_SUBMIT_LIMIT: accepted submissions per client address per hour. Generous:
    a school or an office sends many people's forms from one address."""
    return app_setting("PETITIONS_SUBMIT_LIMIT", 60)


def submit_person_limit():
    """PETITIONS_SUBMIT_PERSON_LIMIT: accepted submissions per person (the form's e-mail
    address, else its phone number) per hour, from any address."""
    return app_setting("PETITIONS_SUBMIT_PERSON_LIMIT", 5)


def track_limit():
    """PETITIONS_TRACK_LIMIT: tracking look-ups (and resent links) per client address per
    ten minutes."""
    return app_setting("PETITIONS_TRACK_LIMIT", 20)


def tracking_key():
    """PETITIONS_TRACKING_KEY: the secret under which tracking codes are hashed (HMAC-SHA256),
    kept in the environment and never in the database; at least 50 random characters.
    Unset, codes are hashed with salted PBKDF2 instead, some 5 ms of CPU a submission
    (petitions.domain explains the choice)."""
    return app_setting("PETITIONS_TRACKING_KEY", "")


def tracking_key_fallbacks():
    """PETITIONS_TRACKING_KEY_FALLBACKS: tracking keys retired by a rotation (a list, or
    comma-separated in the environment); codes hashed under them still match, and are
    hashed again under the current key when next used."""
    keys = app_setting("PETITIONS_TRACKING_KEY_FALLBACKS", "")
    return [key.strip() for key in keys.split(",") if key.strip()] if isinstance(
        keys, str) else list(keys)
