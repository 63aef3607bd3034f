"""Pages shared by the search tests: the analysis cases, run on every backend."""

from bs4 import BeautifulSoup

from home.models import StandardPage
from tests.factories import add_page

TITLE = "高雄市政府消費者保護委員會議決美耐皿餐具回收機制"


def make_pages(home):
    return {
        "consumer": add_page(home, StandardPage, title=TITLE, slug="consumer",
                             summary="消費者服務中心"),
        "busan": add_page(home, StandardPage, title="高雄市與釜山廣域市締結姊妹市",
                          slug="busan", summary="韓國釜山"),
        "photo": add_page(home, StandardPage, title="城市照片展", slug="photo",
                          summary="Night markets of Kaohsiung in photographs"),
        "mediation": add_page(home, StandardPage, title="消費爭議調解", slug="mediation",
                              summary="公告調解結果"),
        "abc": add_page(home, StandardPage, title="ABC 計畫", slug="abc", summary="英文"),
        "body": add_page(home, StandardPage, title="其他新聞", slug="body",
                         summary="本處辦理釜山交流"),
    }


CASES = [
    ("消費者", "consumer"), ("美耐皿", "consumer"), ("釜山", "busan"), ("照片展", "photo"),
    ("調解", "mediation"), ("公告", "mediation"), ("night market", "photo"),
    ("消费者", "consumer"), ("ＡＢＣ", "abc"), ("abc", "abc"), ("釜", "busan"),
    ("釜山 姊妹市", "busan"), ("照片展 kaohsiung", "photo"),
]


def busan_page_set(home):
    """Three pages that 釜山 finds."""
    return [add_page(home, StandardPage, title=f"釜山交流{n}", slug=f"busan-{n}",
                     summary="釜山廣域市") for n in range(3)]


def result_titles(response):
    """The titles of a search page's results, in their order."""
    soup = BeautifulSoup(response.content, "html.parser")
    return [link.text.strip() for link in soup.select(".search-results > li h3 a")]
