"""Demo subscriptions, confirmed, at addresses that can never receive mail (.invalid): the
admin's dashboard counts them, and under `make run` (console e-mail) the digest of the demo's
scheduled issue is printed when that issue goes live."""

from django.utils import timezone

from . import subscribing
from .models import Subscription

DEMO_DOMAIN = "demo.invalid"
SUBSCRIPTIONS = [
    # (address, normalised gazette query, language)
    ("gazette-reader", "", "zh-hant"),
    ("announcements", "conditions%5Btype%5D%5B%5D=%E5%85%AC%E5%91%8A", "zh-hant"),
    ("legal-affairs", "conditions%5Bagency%5D%5B%5D=397050000A", "en"),
    ("parking-rules", "conditions%5Bterm%5D=%E5%81%9C%E8%BB%8A", "en"),
]


def build(builder):
    now = timezone.now()
    for name, query, language in SUBSCRIPTIONS:
        email = f"{name}@{DEMO_DOMAIN}"
        if Subscription.objects.filter(address_key=subscribing.address_key(email),
                                       query=query).exists():
            builder.report("unchanged", f"gazette alert {name}")
            continue
        subscription = subscribing.request(email, query, language, now=now)
        subscription.confirmed_at = now
        subscription.save(update_fields=["confirmed_at"])
        builder.report("created", f"gazette alert {name} ({language})")
