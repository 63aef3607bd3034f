"""Structure and colour checks that need no browser; the browser checks are in
test_browser.py."""

import re

import pytest
from bs4 import BeautifulSoup
from django.conf import settings

from tests.factories import add_page, stream, translate
from tests.portal.helpers import assert_accessible_structure

# Every text/background pair the stylesheet uses, by custom property name.
TEXT_PAIRS = [
    ("--color-text", "--color-background"),
    ("--color-muted", "--color-background"),
    ("--color-muted", "--color-surface"),
    ("--color-link", "--color-background"),
    ("--color-link", "--color-surface"),
    ("--color-link-visited", "--color-background"),
    ("--color-on-primary", "--color-primary"),
    ("--color-on-primary", "--color-primary-dark"),
    ("--color-important-text", "--color-important-bg"),
    ("--color-text", "--color-surface"),
]
# Non-text contrast (WCAG 1.4.11): focus ring and field borders need 3:1.
UI_PAIRS = [("--color-focus", "--color-background"), ("--color-border", "--color-background")]


def css_colours():
    css = (settings.BASE_DIR / "static" / "css" / "portal.css").read_text()
    return dict(re.findall(r"(--color-[\w-]+):\s*(#[0-9a-fA-F]{6})", css))


def luminance(hex_colour):
    channels = [int(hex_colour[i:i + 2], 16) / 255 for i in (1, 3, 5)]
    linear = [c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4 for c in channels]
    return 0.2126 * linear[0] + 0.7152 * linear[1] + 0.0722 * linear[2]


def contrast(a, b):
    high, low = sorted((luminance(a), luminance(b)), reverse=True)
    return (high + 0.05) / (low + 0.05)


@pytest.mark.parametrize(("foreground", "background"), TEXT_PAIRS)
def test_text_colours_meet_aa(foreground, background):
    colours = css_colours()
    assert contrast(colours[foreground], colours[background]) >= 4.5


@pytest.mark.parametrize(("foreground", "background"), UI_PAIRS)
def test_interface_colours_meet_non_text_contrast(foreground, background):
    colours = css_colours()
    assert contrast(colours[foreground], colours[background]) >= 3


def test_contrast_formula_matches_known_values():
    assert contrast("#000000", "#ffffff") == pytest.approx(21)
    assert contrast("#777777", "#ffffff") == pytest.approx(4.48, abs=0.01)


def test_pages_have_landmarks_skip_link_and_labels(client, home, home_en):
    about = add_page(home, title="關於本處", slug="about", show_in_menus=True, body=stream(
        ("table", {"data": [["年", "件數"], ["113", "5"]], "first_row_is_table_header": True,
                   "first_col_is_header": False, "table_caption": "統計"})))
    translate(about, "en", title="About us")
    for url, language in (("/", "zh-Hant"), ("/en/", "en"), ("/about/", "zh-Hant"),
                          ("/en/about/", "en"), ("/missing/", "zh-Hant")):
        assert_accessible_structure(client.get(url).content, language)


def test_current_section_is_marked_in_the_menu(client, home):
    add_page(home, title="關於本處", slug="about", show_in_menus=True)
    soup = BeautifulSoup(client.get("/about/").content, "html.parser")
    current = soup.select_one('nav.main-nav a[aria-current="page"]')
    assert current is not None and current.text == "關於本處"


def test_print_stylesheet_is_linked(client, home):
    soup = BeautifulSoup(client.get("/").content, "html.parser")
    assert soup.select_one('link[rel="stylesheet"][media="print"]') is not None
