"""What the demo consumer section must show (run by tests/home/test_demo_content.py)."""

from consumer.models import ConsumerNoticePage, ReportingPeriod


def check(client):
    kinds = {}
    for notice in ConsumerNoticePage.objects.live():
        kinds.setdefault(notice.kind, set()).add(notice.locale.language_code)
    assert kinds == {kind: {"zh-hant", "en"} for kind in
                     ("alert", "inspection", "education", "committee", "clinic")}
    assert [p.label for p in ReportingPeriod.objects.order_by("start")] == [
        "104年度", "108年3月至8月", "111年2月至6月"]
    for url in ("/consumer/", "/en/consumer/", "/consumer/statistics/",
                "/en/consumer/statistics/"):
        assert client.get(url).status_code == 200
