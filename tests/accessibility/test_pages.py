"""Every page type of the demo site, in both languages, against axe-core (WCAG 2.1 A and AA)
in Chromium at two phone widths and a desktop width, and against the Nu HTML Checker.

The demo content is the site a newcomer sees, with real tables, charts, forms and images, so
it is what these checks read. The intake forms are also checked with their errors showing.
"""

import json
import subprocess

import pytest

from tests.demo_pages import demo_urls, submit_empty_intake_forms
from tests.services import AXE, VNU

pytestmark = [pytest.mark.browser, pytest.mark.checkers,
              pytest.mark.django_db(transaction=True)]

WIDTHS = (320, 375, 1280)
WCAG_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]


def describe(violations):
    return "; ".join(f"{v['id']} ({v['impact']}): "
                     + ", ".join(node["target"][0] for node in v["nodes"][:3])
                     for v in violations)


def run_axe(page):
    page.evaluate(AXE.read_text(encoding="utf-8"))
    result = page.evaluate(
        "tags => axe.run(document, {runOnly: {type: 'tag', values: tags}})", WCAG_TAGS)
    return result["violations"]


def test_every_page_type_passes_axe_in_both_languages_and_widths(browser, demo):
    failures = []
    urls = demo_urls()
    assert len(urls) > 20
    for width in WIDTHS:
        context = browser.new_context(viewport={"width": width, "height": 900},
                                      bypass_csp=True)
        page = context.new_page()
        for url in urls:
            page.goto(demo + url)
            violations = run_axe(page)
            if violations:
                failures.append(f"{url} at {width}px: {describe(violations)}")
        for url in submit_empty_intake_forms(page, demo):
            assert page.locator("[aria-invalid=true]").count(), f"{url} shows no errors"
            violations = run_axe(page)
            if violations:
                failures.append(f"{url} with errors at {width}px: {describe(violations)}")
        context.close()
    assert not failures, "\n".join(failures)


def test_every_page_type_is_valid_html(browser, demo, tmp_path):
    page = browser.new_page()
    files = {}
    for index, url in enumerate(demo_urls()):
        response = page.goto(demo + url)
        files[tmp_path / f"page{index}.html"] = url
        (tmp_path / f"page{index}.html").write_bytes(response.body())
    for index, url in enumerate(submit_empty_intake_forms(page, demo)):
        files[tmp_path / f"form{index}.html"] = url + " (with errors)"
        (tmp_path / f"form{index}.html").write_text(page.content(), encoding="utf-8")
    checked = subprocess.run(
        ["java", "-jar", str(VNU), "--format", "json", "--exit-zero-always",
         *map(str, files)],
        capture_output=True, text=True, check=True, timeout=300)
    messages = json.loads(checked.stderr)["messages"]
    errors = [f"{files[next(p for p in files if m['url'].endswith(p.name))]}:"
              f"{m.get('lastLine', '?')}: {m['message']}"
              for m in messages if m["type"] == "error"]
    assert not errors, "\n".join(errors)
