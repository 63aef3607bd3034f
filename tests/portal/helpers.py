"""Helpers shared by the portal tests (and the apps' tests that check the same things)."""

import os
import secrets
import subprocess
import sys

from bs4 import BeautifulSoup
from django.conf import settings


def run_manage(*args, env):
    return subprocess.run(
        [sys.executable, "manage.py", *args],
        cwd=settings.BASE_DIR,
        env={**os.environ, "DJANGO_SETTINGS_MODULE": "portal.settings.production", **env},
        capture_output=True,
        text=True,
        timeout=120,
    )


def production_env(tmp_path):
    return {
        "SECRET_KEY": secrets.token_urlsafe(64),
        "PETITIONS_TRACKING_KEY": secrets.token_urlsafe(64),
        "ALLOWED_HOSTS": "www.example.gov.tw",
        "CSRF_TRUSTED_ORIGINS": "https://www.example.gov.tw",
        "DATABASE_URL": f"sqlite:///{tmp_path / 'deploy.sqlite3'}",
        "TRUSTED_PROXY_COUNT": "1",  # behind nginx, as the README deploys it
    }


def assert_accessible_structure(html, language):
    soup = BeautifulSoup(html, "html.parser")
    assert soup.html["lang"] == language
    skip = soup.select_one("a.skip-link")
    assert skip is not None and skip["href"] == "#main"
    assert soup.select_one("main#main") is not None
    for landmark in ("header", "main", "footer"):
        assert len(soup.find_all(landmark)) >= 1, landmark
    navs = soup.find_all("nav")
    assert navs and all(nav.get("aria-label") or nav.get("aria-labelledby") for nav in navs)
    assert len(soup.find_all("h1")) == 1
    for img in soup.find_all("img"):
        assert img.get("alt") is not None, img
    for field in soup.select("input:not([type=hidden]), select, textarea"):
        labelled = field.get("aria-label") or (
            field.get("id") and soup.select_one(f'label[for="{field["id"]}"]'))
        assert labelled, field
    ids = [tag["id"] for tag in soup.find_all(id=True)]
    assert len(ids) == len(set(ids)), "duplicate ids"


# Two agencies, each with its Chinese row and its English translation: (code, zh, en).
DEPARTMENT = ("397000000A", "高雄市政府行政暨國際處",
              "Department of Administration and International Affairs")


LEGAL = ("397050000A", "高雄市政府法制局", "Legal Affairs Bureau")
