import datetime

from consumer.models import (
    NOTICE_PAGES,
    ConsumerIndexPage,
    ConsumerNoticePage,
    ConsumerStatisticsPage,
)
from tests.factories import add_page, stream


def consumer_index(home):
    return (ConsumerIndexPage.objects.child_of(home).first()
            or add_page(home, ConsumerIndexPage, title="消費者保護", slug="consumer",
                        steps=stream(("step", {"title": "諮詢", "body": "<p>撥打1950</p>"}),
                                     ("step", {"title": "第一次申訴",
                                               "body": "<p>15日內處理</p>"}))))


def make_notice(home, slug="night-market", kind="inspection", topic="food",
                date=datetime.date(2019, 8, 30), **fields):
    defaults = {
        "alert": {"affected": "預售屋買賣契約", "advice": "簽約前要求審閱期"},
        "inspection": {"event_date": date, "inspected": "示範觀光夜市",
                       "businesses_inspected": 297, "findings": "查察21次297家"},
        "education": {"event_date": date, "venue": "四維行政中心", "audience": "高中職學生"},
        "committee": {"event_date": date,
                      "decisions": stream(("decision", "美耐皿餐具回收機制"))},
        "clinic": {"sessions": stream(("session", {"date": "2022-02-09", "time": "14:00",
                                                   "place": "消費者服務中心"}))},
    }[kind]
    return add_page(consumer_index(home), NOTICE_PAGES[kind], title=fields.pop("title", slug),
                    slug=slug, topic=topic, date=date, summary=f"{slug}摘要",
                    **(defaults | fields))


def statistics_page(home):
    return (ConsumerStatisticsPage.objects.child_of(consumer_index(home)).first()
            or add_page(consumer_index(home), ConsumerStatisticsPage, title="消費者保護統計",
                        slug="statistics"))


def _kind_maker(kind):
    return lambda home: make_notice(home, f"{kind}-notice", kind=kind)


PAGE_MAKERS = {
    ConsumerIndexPage: consumer_index,
    ConsumerNoticePage: make_notice,
    **{page: _kind_maker(kind) for kind, page in NOTICE_PAGES.items()},
    ConsumerStatisticsPage: statistics_page,
}
