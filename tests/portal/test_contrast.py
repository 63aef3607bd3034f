"""The colours of the component set (static/css/portal.css, its custom properties) meet WCAG
2.1 AA: 4.5:1 for text on its background (1.4.3), 3:1 for borders of controls and the focus
outline (1.4.11). The pairs are those the stylesheet uses; docs/frontend.md lists them."""

import re
from pathlib import Path

import pytest
from django.conf import settings

CSS = Path(settings.BASE_DIR) / "static" / "css" / "portal.css"

TEXT_PAIRS = [
    ("text", "background"), ("text", "surface"), ("muted", "background"), ("muted", "surface"),
    ("link", "background"), ("link", "surface"), ("link-visited", "background"),
    ("link-visited", "surface"), ("on-primary", "primary"), ("on-primary", "primary-dark"),
    ("important-text", "important-bg"), ("error", "background"), ("tag-text", "tag-bg"),
    ("primary-dark", "surface"), ("primary-dark", "tag-bg"), ("text", "focus-bg"),
    ("link", "tag-bg"),
]
NON_TEXT_PAIRS = [
    ("focus", "background"), ("focus", "surface"), ("border", "background"),
    ("border", "surface"), ("error", "background"), ("primary", "background"),
    ("focus-bg", "primary"), ("focus-bg", "primary-dark"),
]


def colours():
    return {name: value.lower() for name, value in
            re.findall(r"--color-([\w-]+):\s*(#[0-9a-fA-F]{6})\s*;", CSS.read_text())}


def luminance(hex_colour):
    channels = [int(hex_colour[i:i + 2], 16) / 255 for i in (1, 3, 5)]
    linear = [c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4 for c in channels]
    return 0.2126 * linear[0] + 0.7152 * linear[1] + 0.0722 * linear[2]


def contrast(first, second):
    light, dark = sorted((luminance(first), luminance(second)), reverse=True)
    return (light + 0.05) / (dark + 0.05)


def test_contrast_formula_matches_known_values():
    assert contrast("#000000", "#ffffff") == pytest.approx(21)
    assert contrast("#777777", "#ffffff") == pytest.approx(4.48, abs=0.01)  # just fails AA


@pytest.mark.parametrize(("pairs", "minimum"), [(TEXT_PAIRS, 4.5), (NON_TEXT_PAIRS, 3)])
def test_colour_pairs_meet_aa(pairs, minimum):
    palette = colours()
    weak = [f"{fore} on {back}: {contrast(palette[fore], palette[back]):.2f}:1"
            for fore, back in pairs if contrast(palette[fore], palette[back]) < minimum]
    assert not weak, f"below {minimum}:1: " + "; ".join(weak)
