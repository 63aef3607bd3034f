#!/usr/bin/env python3
"""Screenshots of every page type of the demo site, at a phone (375px) and a desktop (1280px)
width, for docs/frontend.md and the README.

Loads the demo (`manage.py load_demo_content`) into a temporary SQLite database, runs the
development server on a free port, and drives Debian's Chromium through Playwright (as the
browser tests do). Each page type is shown in Chinese; a few in English too. The first
screen of each page is kept (not the whole page), as a palette PNG, so that the set stays
small enough to commit. The table of docs/frontend.md, between its `screenshots` markers, is
rewritten to list them.

    .venv/bin/python scripts/screenshots.py [--out docs/screenshots] [--only NAME ...]
"""

import argparse
import io
import json
import os
import socket
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.request
from pathlib import Path

from PIL import Image
from playwright.sync_api import sync_playwright

ROOT = Path(__file__).resolve().parent.parent
CHROMIUM = os.environ.get("CHROMIUM_PATH", "/usr/bin/chromium")
WIDTHS = {375: 812, 1280: 900}  # width: height of the first screen
# Page types also shown in English.
ENGLISH = {"HomePage", "DatasetIndexPage", "GazetteIndexPage", "SisterCityIndexPage"}
# Views that are not pages: name, path.
VIEWS = [("search", "Site search", "/search/?q=%E6%B6%88%E8%B2%BB%E8%80%85"),
         ("track", "Case tracking", "/cases/track/")]
DOCS = ROOT / "docs" / "frontend.md"
START, END = "<!-- screenshots:start -->", "<!-- screenshots:end -->"
# Run by `manage.py shell`: the first live page of every portal page type, by language.
FIND_PAGES = """
import json
from django.conf import settings
from django.utils import translation
from wagtail.models import get_page_models
pages = {}
for model in get_page_models():
    if model._meta.app_label not in settings.PORTAL_APPS:
        continue
    with translation.override("en"):
        label = str(model._meta.verbose_name)
    for language in ("zh-hant", "en"):
        page = (model.objects.live().filter(locale__language_code=language)
                .order_by("path").first())
        if page is not None:
            pages.setdefault(model.__name__, {"label": label})[language] = page.url
print(json.dumps(pages))
"""


def free_port():
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def manage(env, *args, capture=False):
    return subprocess.run([sys.executable, "manage.py", *args], cwd=ROOT, env=env, check=True,
                          capture_output=capture, text=True)


def wait_for(url, seconds=60):
    deadline = time.monotonic() + seconds
    while True:
        try:
            urllib.request.urlopen(url, timeout=5).close()
            return
        except (urllib.error.URLError, ConnectionError):
            if time.monotonic() > deadline:
                raise
            time.sleep(0.5)


def targets(pages):
    """(file stem, label, path) for each page type in Chinese, the English ones, then the
    views. A page that is the first of two types (a notice of the base type is also of its
    kind's type) is taken once."""

    taken = set()
    for name in sorted(pages):
        stem = name.removesuffix("Page").lower() or "page"
        label = pages[name]["label"].capitalize()
        chosen = [(stem, label, pages[name].get("zh-hant"))]
        if name in ENGLISH:
            chosen.append((f"{stem}-en", f"{label} (English)", pages[name].get("en")))
        for file_stem, file_label, path in chosen:
            if path is not None and path not in taken:
                taken.add(path)
                yield file_stem, file_label, path
    yield from VIEWS


def write_table(shots, out):
    """The table of docs/frontend.md between its markers: one row per page, both widths."""

    folder = out.relative_to(DOCS.parent).as_posix()
    rows = ["| Page type | 375px | 1280px |", "|---|---|---|"]
    for stem, label in shots:
        phone = (f'<img src="{folder}/{stem}-375.png" width="188" '
                 f'alt="{label}, first screen at 375px">')
        desktop = (f'<img src="{folder}/{stem}-1280.png" width="480" '
                   f'alt="{label}, first screen at 1280px">')
        rows.append(f"| {label} | {phone} | {desktop} |")
    text = DOCS.read_text(encoding="utf-8")
    before, rest = text.split(START, 1)
    after = rest.split(END, 1)[1]
    DOCS.write_text(before + START + "\n" + "\n".join(rows) + "\n" + END + after,
                    encoding="utf-8")


def save_small_png(png, path):
    """A palette of 128 colours: the pages are flat colours and text, and the set stays small."""

    image = Image.open(io.BytesIO(png)).convert("RGB")
    image.quantize(colors=128, method=Image.Quantize.MEDIANCUT).save(path, optimize=True)


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--out", type=Path, default=ROOT / "docs" / "screenshots")
    parser.add_argument("--only", nargs="*", help="file stems to take, e.g. home datasetindex")
    options = parser.parse_args()
    options.out = options.out.resolve()
    options.out.mkdir(parents=True, exist_ok=True)

    with tempfile.TemporaryDirectory(prefix="portal-screenshots-") as tmp:
        env = dict(os.environ, DJANGO_SETTINGS_MODULE="portal.settings.dev",
                   DATABASE_URL=f"sqlite:///{tmp}/db.sqlite3", MEDIA_ROOT=f"{tmp}/media",
                   PRIVATE_MEDIA_ROOT=f"{tmp}/private-media")
        manage(env, "migrate", "--no-input", capture=True)
        manage(env, "load_demo_content", capture=True)
        pages = json.loads(manage(env, "shell", "-c", FIND_PAGES, capture=True).stdout
                           .strip().splitlines()[-1])
        port = free_port()
        server = subprocess.Popen(
            [sys.executable, "manage.py", "runserver", "--noreload", f"127.0.0.1:{port}"],
            cwd=ROOT, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        base = f"http://127.0.0.1:{port}"
        try:
            wait_for(base + "/")
            with sync_playwright() as playwright:
                browser = playwright.chromium.launch(executable_path=CHROMIUM,
                                                     args=["--no-sandbox", "--disable-gpu"])
                shots = [(stem, label) for stem, label, _ in targets(pages)]
                for width, height in WIDTHS.items():
                    context = browser.new_context(viewport={"width": width, "height": height})
                    page = context.new_page()
                    for stem, _, path in targets(pages):
                        if options.only and stem not in options.only:
                            continue
                        page.goto(base + path, wait_until="networkidle")
                        target = options.out / f"{stem}-{width}.png"
                        save_small_png(page.screenshot(), target)
                        print(target, flush=True)
                    context.close()
                browser.close()
        finally:
            server.terminate()
            server.wait(timeout=30)
    if not options.only and options.out.is_relative_to(DOCS.parent):
        write_table(shots, options.out)


if __name__ == "__main__":
    main()
