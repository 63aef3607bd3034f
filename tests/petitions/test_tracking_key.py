"""Tracking codes under a tracking key (PETITIONS_TRACKING_KEY): an HMAC the database alone
cannot test a guess against, which costs the submission no stretching; the codes of before
keep working, and a retired key keeps its codes working through the fallbacks."""

import pytest
from django.contrib.auth.hashers import PBKDF2PasswordHasher
from django.core.checks import Tags, run_checks
from django.test import Client

from petitions import conf, domain
from petitions.models import Case, Kind
from tests.petitions.helpers import petition_data, track, tracking_code

pytestmark = pytest.mark.django_db

KEY = "tracking-key-for-tests-" + "k" * 40
OTHER_KEY = "another-tracking-key-" + "o" * 40


def _sent(petition_page):
    """(case, code) of a petition sent through the form by a browser of its own."""
    body = Client().post(petition_page.url, petition_data(), follow=True).content.decode()
    return Case.objects.latest("pk"), tracking_code(body)


def test_with_a_key_codes_are_a_keyed_hash_that_survives_a_secret_key_rotation(
        client, petition_page, settings):
    settings.PETITIONS_TRACKING_KEY = KEY
    (first, first_code), (second, second_code) = _sent(petition_page), _sent(petition_page)
    for case, code in ((first, first_code), (second, second_code)):
        assert case.tracking_code_hash.startswith(domain.KEYED_PREFIX)
        assert code not in case.tracking_code_hash
        assert track(client, case.number, code).status_code == 200
    assert track(client, first.number, second_code).status_code == 404
    settings.SECRET_KEY = "a-brand-new-secret-key-" + "x" * 40
    assert track(client, first.number, first_code).status_code == 200
    # The database alone, under any other key, matches nothing.
    settings.PETITIONS_TRACKING_KEY = OTHER_KEY
    assert track(client, first.number, first_code).status_code == 404


def test_codes_hashed_with_pbkdf2_before_the_key_was_set_still_match(client, settings):
    case, code = domain.create_case(Kind.PETITION, {"subject": "s"})
    before = case.tracking_code_hash
    assert before.startswith(PBKDF2PasswordHasher.algorithm + "$")
    settings.PETITIONS_TRACKING_KEY = KEY
    assert track(client, case.number, code).status_code == 200
    assert track(client, case.number, "WRONGCODE2").status_code == 404
    case.refresh_from_db()
    assert case.tracking_code_hash == before


def test_a_retired_key_keeps_its_codes_through_the_fallbacks(client, settings):
    settings.PETITIONS_TRACKING_KEY = OTHER_KEY
    case, code = domain.create_case(Kind.PETITION, {"subject": "s"})
    settings.PETITIONS_TRACKING_KEY = KEY
    assert track(client, case.number, code).status_code == 404  # the old key forgotten
    settings.PETITIONS_TRACKING_KEY_FALLBACKS = [OTHER_KEY]
    assert track(client, case.number, "WRONGCODE2").status_code == 404
    assert track(client, case.number, code).status_code == 200
    # Hashed again under the current key when used: the fallback can then go.
    settings.PETITIONS_TRACKING_KEY_FALLBACKS = []
    assert track(client, case.number, code).status_code == 200


def test_fallbacks_come_comma_separated_from_the_environment(monkeypatch):
    monkeypatch.setenv("PETITIONS_TRACKING_KEY_FALLBACKS", f"{KEY}, {OTHER_KEY},")
    assert conf.tracking_key_fallbacks() == [KEY, OTHER_KEY]


def _deployment_warnings():
    return {message.id for message in run_checks(tags=[Tags.security],
                                                 include_deployment_checks=True)}


def test_check_deploy_asks_for_a_tracking_key(settings):
    assert "petitions.W001" in _deployment_warnings()
    settings.PETITIONS_TRACKING_KEY = "short"
    assert "petitions.W001" in _deployment_warnings()
    settings.PETITIONS_TRACKING_KEY = KEY
    assert "petitions.W001" not in _deployment_warnings()
