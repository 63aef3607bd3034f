from types import SimpleNamespace

import pytest

from portal.navigation import NavLink, link_current

SECTION = NavLink("關於本處", "/about/", "000100010002")
TRACKING = NavLink("案件查詢", "/cases/track/")


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
    assert link_current(SECTION, page, "/whatever/") == expected


@pytest.mark.parametrize(("request_path", "expected"), [
    ("/cases/track/", "page"),
    ("/cases/track/resend/", "true"),
    ("/cases/", ""),
    ("/about/", ""),
    ("", ""),
])
def test_address_item_is_current_on_its_view_and_below_it(request_path, expected):
    assert link_current(TRACKING, SimpleNamespace(path="000100010002"), request_path) == expected


def test_home_address_is_current_only_on_the_home_page():
    home = NavLink("首頁", "/")
    assert link_current(home, None, "/") == "page"
    assert link_current(home, None, "/about/") == ""
