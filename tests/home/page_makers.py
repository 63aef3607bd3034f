from home.models import HomePage, SiteMapPage, StandardPage
from tests.factories import add_page, stream


def make_standard_page(home):
    return add_page(home, StandardPage, title="一般頁面", slug="standard", summary="摘要",
                    body=stream(("heading", "段落"), ("paragraph", "<p>內文</p>"),
                                ("callout", {"style": "info", "heading": "提醒",
                                             "text": "<p>請注意</p>"})))


def make_site_map(home):
    return add_page(home, SiteMapPage, title="網站導覽", slug="sitemap",
                    intro="<p>網站架構及快速鍵說明。</p>")


PAGE_MAKERS = {
    HomePage: lambda home: home,
    StandardPage: make_standard_page,
    SiteMapPage: make_site_map,
}
