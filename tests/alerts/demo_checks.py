"""What the demo must hold of gazette alerts (run by tests/home/test_demo_content.py)."""

from alerts.models import Subscription
from tests.html import parse


def check(client):
    subscriptions = Subscription.objects.all()
    assert {s.language for s in subscriptions} == {"zh-hant", "en"}
    assert all(s.active and s.email.endswith("@demo.invalid") for s in subscriptions)
    # English first: the language of the last request stays active in this thread, and
    # the tests after this one expect the default.
    for home, title, link in (("/en/", "Gazette alerts by e-mail", "/en/alerts/subscribe/"),
                              ("/", "公報電子郵件訂閱", "/alerts/subscribe/")):
        section = parse(client.get(home)).select_one("#home-alerts-title").parent
        assert section.h2.get_text(strip=True) == title
        assert section.find("a", href=link)
        assert client.get(link).status_code == 200
