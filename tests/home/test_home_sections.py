from wagtail import hooks

from portal import extensions, sections


def test_registered_sections_render_in_order_and_can_hide(client, home):
    registered = [
        sections.HomeSection("later", "home/test_section.html",
                             lambda request, page: {"heading": "第二區"}, order=20),
        sections.HomeSection("first", "home/test_section.html",
                             lambda request, page: {"heading": "第一區"}, order=10),
        sections.HomeSection("empty", "home/test_section.html",
                             lambda request, page: None, order=5),
    ]
    with hooks.register_temporarily(extensions.HOME_SECTIONS, lambda: registered):
        text = client.get("/").content.decode()
    assert text.index("第一區") < text.index("第二區")
    assert text.count('class="test-section"') == 2
