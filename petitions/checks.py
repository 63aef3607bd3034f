"""`manage.py check --deploy`: a deployment without a tracking key of its own."""

from django.core import checks

from . import conf

MIN_KEY_LENGTH = 50


@checks.register(checks.Tags.security, deploy=True)
def tracking_key_set(app_configs, **kwargs):
    key = conf.tracking_key()
    if len(key) >= MIN_KEY_LENGTH:
        return []
    return [checks.Warning(
        "PETITIONS_TRACKING_KEY is shorter than 50 characters." if key else
        "PETITIONS_TRACKING_KEY is not set: tracking codes are hashed with PBKDF2, some 5 ms "
        "of CPU a submission, and a copy of the database can be used to test guesses.",
        hint="Set PETITIONS_TRACKING_KEY to at least 50 random characters, kept apart from "
             "SECRET_KEY (see README.md, settings).",
        id="petitions.W001")]
