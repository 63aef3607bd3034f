"""The open-data catalogue's settings and their defaults. Each may be set in the Django
settings or in the environment variable of the same name (portal.appsettings.app_setting)."""

from portal.appsettings import app_setting


def publisher_code():
    """OPENDATA_PUBLISHER_CODE: 機關代碼 of the agency that publishes the catalogue (the
    department), the catalogue's dct:publisher."""
    return app_setting("OPENDATA_PUBLISHER_CODE", "397000000A")


def contact_email():
    """OPENDATA_CONTACT_EMAIL: the catalogue's contact address, for a dataset whose contact,
    agency and publishing agency give none; DCAT-AP and data.json need one on every dataset."""
    return app_setting("OPENDATA_CONTACT_EMAIL", "daia@kcg.gov.tw")
