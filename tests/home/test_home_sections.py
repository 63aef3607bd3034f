import pytest

from portal import sections


@pytest.fixture
def registry(monkeypatch):
    monkeypatch.setattr(sections, "_sections", {})
    return sections


def test_registered_sections_render_in_order_and_can_hide(client, home, registry):
    registry.register(sections.HomeSection(
        "later", "home/test_section.html", lambda request, page: {"heading": "第二區"}, order=20))
    registry.register(sections.HomeSection(
        "first", "home/test_section.html", lambda request, page: {"heading": "第一區"}, order=10))
    registry.register(sections.HomeSection(
        "empty", "home/test_section.html", lambda request, page: None, order=5))

    text = client.get("/").content.decode()
    assert text.index("第一區") < text.index("第二區")
    assert text.count('class="test-section"') == 2
