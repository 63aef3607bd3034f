from home.models import HomePage, StandardPage
from tests.factories import add_page, stream


def make_standard_page(home):
    return add_page(home, StandardPage, title="一般頁面", slug="standard", summary="摘要",
                    body=stream(("heading", "段落"), ("paragraph", "<p>內文</p>"),
                                ("callout", {"style": "info", "heading": "提醒",
                                             "text": "<p>請注意</p>"})))


PAGE_MAKERS = {
    HomePage: lambda home: home,
    StandardPage: make_standard_page,
}
