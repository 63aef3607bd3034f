"""Signing in to the admin as a person does: the login form, then two-step verification with
an authenticator app, played here by RFC 6238 on the key the enrolment page shows."""

import base64
import re

from django_otp.oath import totp

from tests.html import parse


def sign_in(client, username, password, **headers):
    return client.post("/admin/login/", {"username": username, "password": password},
                       **headers)


def code_for(secret):
    """What an authenticator app shows now for the key as printed on the enrolment page."""
    key = base64.b32decode(secret.replace(" ", ""))
    return f"{totp(key):06d}"


def shown_secret(response):
    shown = parse(response).select_one(".two-factor-secret")
    assert shown is not None and re.fullmatch(r"[A-Z2-7 ]+", shown.get_text()), (
        "the enrolment page shows the key as text")
    return shown.get_text()


def enrol(client, next_url="/admin/"):
    """Sets up an authenticator on the enrolment page; returns the key, as the app keeps it."""
    page = client.get("/admin/two-factor/", {"next": next_url})
    assert page.status_code == 200
    secret = shown_secret(page)
    response = client.post("/admin/two-factor/", {"code": code_for(secret), "next": next_url})
    assert response.status_code == 302, response.content.decode()[:2000]
    assert response["Location"] == next_url
    return secret
