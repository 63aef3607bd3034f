from types import SimpleNamespace

import pytest

from portal.templatetags.portal_tags import menu_current

SECTION = SimpleNamespace(path="000100010002")


@pytest.mark.parametrize(("page", "expected"), [
    (SimpleNamespace(path="000100010002"), "page"),
    (SimpleNamespace(path="0001000100020005"), "true"),
    (SimpleNamespace(path="00010001000200050001"), "true"),
    (SimpleNamespace(path="000100010003"), ""),
    (SimpleNamespace(path="00010001"), ""),
    (None, ""),
    ("", ""),
])
def test_menu_item_is_current_on_its_page_and_in_its_section(page, expected):
    assert menu_current(SECTION, page) == expected
