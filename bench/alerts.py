"""Gazette alerts benchmark: one issue going live and its digest to many subscribers, in one
run of the scheduled job, e-mail through SMTP to a local sink. Run from the project root,
once per database:

    .venv/bin/python bench/alerts.py --subscribers 10000 --documents 60
    .venv/bin/python bench/alerts.py --subscribers 10000 --documents 60 \\
        --database-url postgres://portal:portal@127.0.0.1:5432/portal_bench_alerts

It migrates a fresh database (a temporary SQLite file, or the PostgreSQL database named,
which it drops and recreates), builds the two home pages and the gazette, creates the
confirmed subscriptions (spread over `--searches` distinct searches: every document, a
type, an agency, a term, and combinations; two in three in Chinese), imports an issue of
`--documents` documents dated today (the importer takes it live), then runs the job's task
(`alerts.tasks.send_gazette_digests`, what the scheduler enqueues every five minutes) with
Django's SMTP backend against a sink started here. It prints the counts, the elapsed time,
e-mails a second, the database queries the run made, what reached the sink, the load
average before and after, and a second run's counts (nothing is sent twice).
"""

import argparse
import cProfile
import datetime
import os
import re
import sys
import threading
import time
from urllib.parse import urlencode

from common import migrate, recreate_postgres_database, setup_django
from smtp_sink import SmtpSink

SMTP_PORT = 8126


def arguments():
    parser = argparse.ArgumentParser()
    parser.add_argument("--subscribers", type=int, default=10_000)
    parser.add_argument("--documents", type=int, default=60)
    parser.add_argument("--searches", type=int, default=300,
                        help="distinct searches the subscribers follow")
    parser.add_argument("--database-url", default="")
    return parser.parse_args()


# Django is set up on the database the command line names before the models are imported.
ARGS = arguments()
WORKDIR = setup_django(ARGS.database_url, "alerts-bench-")

from django.conf import settings  # noqa: E402
from django.db import connection  # noqa: E402
from django.test.utils import CaptureQueriesContext  # noqa: E402
from django.utils import timezone  # noqa: E402

from alerts import subscribing, tasks  # noqa: E402
from alerts.models import Delivery, Subscription  # noqa: E402
from bulletin.models import GazetteIndexPage  # noqa: E402
from bulletin.numbering import roc_year_for, volume_for  # noqa: E402
from tests.bulletin.helpers import load  # noqa: E402
from tests.factories import add_page, build_site, translate  # noqa: E402

TYPES = [("公告", "公示送達"), ("公告", "公告"), ("公告", "一般處分"), ("行政規則", None),
         ("法規", "自治規則"), ("法規", "自治條例"), ("令", None), ("人事", None)]
WORDS = ["停車", "消費者保護", "稽查", "車輛", "補助", "交通管制", "資訊公開", "姊妹市"]
AGENCIES = 12


def one_click(message):
    """Whether the message's headers ask for one-click unsubscribing (RFC 8058)."""
    headers = re.split(r"\r?\n\r?\n", message, maxsplit=1)[0]
    return any(line.lower().startswith("list-unsubscribe-post:") and "One-Click" in line
               for line in headers.splitlines())


def searches(count):
    """`count` distinct normalised searches: every document, each type, each agency, each
    word, then type × agency and word × agency combinations."""
    found = [""]
    found += [urlencode([("conditions[type][]", subtype or kind)]) for kind, subtype in TYPES]
    found += [urlencode([("conditions[agency][]", f"39700{n:02d}00A")]) for n in range(AGENCIES)]
    found += [urlencode([("conditions[term]", word)]) for word in WORDS]
    for kind, subtype in TYPES:
        for n in range(AGENCIES):
            found.append(urlencode([("conditions[type][]", subtype or kind),
                                    ("conditions[agency][]", f"39700{n:02d}00A")]))
    for word in WORDS:
        for n in range(AGENCIES):
            found.append(urlencode([("conditions[term]", word),
                                    ("conditions[agency][]", f"39700{n:02d}00A")]))
    return found[:count]


def issue_records(count, today):
    key = (roc_year_for(today), volume_for(today))
    for n in range(count):
        kind, subtype = TYPES[n % len(TYPES)]
        word = WORDS[n % len(WORDS)]
        yield {"issue": {"roc_year": key[0], "volume": key[1], "number": 1,
                         "published": today.isoformat()},
               "type": kind, "subtype": subtype,
               "document_number": f"高市府bench字第{n:06d}號",
               "agency": {"name": f"高雄市政府第{n % AGENCIES}局",
                          "code": f"39700{n % AGENCIES:02d}00A"},
               "title": f"{word}相關{kind}第{n}號",
               "title_en": f"{word} notice {n}" if n % 2 else None,
               "signed": (today - datetime.timedelta(days=3)).isoformat(),
               "effective": None,
               "body_html": f"<p>主旨：{word}事項。</p>", "keywords": [word],
               "attachments": [], "correction_of": None}


def build(args):
    home, _home_en = build_site()
    index = add_page(home, GazetteIndexPage, title="電子公報", slug="gazette")
    translate(index, "en", title="City Gazette", slug="gazette")
    now = timezone.now()
    queries = searches(args.searches)
    Subscription.objects.bulk_create([
        Subscription(email=f"reader{n}@bench.invalid",
                     address_key=subscribing.address_key(f"reader{n}@bench.invalid"),
                     query=queries[n % len(queries)], language="en" if n % 3 == 2 else "zh-hant",
                     created_at=now - datetime.timedelta(days=2),
                     confirmed_at=now - datetime.timedelta(days=1))
        for n in range(args.subscribers)], batch_size=1000)
    report = load(*issue_records(args.documents, timezone.localdate()))
    assert not report.errors, report.errors
    return len(set(queries))


def load_average():
    return " / ".join(f"{value:.2f}" for value in os.getloadavg())


def run_job(profile_to=None):
    """The job's task as the scheduler enqueues it; with `profile_to` (BENCH_PROFILE), under
    cProfile, its statistics written there."""
    profiler = cProfile.Profile() if profile_to else None
    begin = time.perf_counter()
    with CaptureQueriesContext(connection) as captured:
        if profiler:
            result = profiler.runcall(tasks.send_gazette_digests.call)
        else:
            result = tasks.send_gazette_digests.call()
    elapsed = time.perf_counter() - begin
    if profiler:
        profiler.dump_stats(profile_to)
    return result, elapsed, len(captured)


def main(args):
    if connection.vendor == "postgresql":
        connection.close()
        recreate_postgres_database(connection.settings_dict)
    migrate()
    distinct = build(args)
    settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    settings.EMAIL_HOST, settings.EMAIL_PORT = "127.0.0.1", SMTP_PORT
    sink = SmtpSink(SMTP_PORT, keep=one_click)
    threading.Thread(target=sink.serve_forever, daemon=True).start()
    try:
        print(f"command: {' '.join(sys.argv)}")
        print(f"database: {connection.vendor}; documents in the issue: {args.documents}; "
              f"subscribers: {args.subscribers}; distinct searches: {distinct}")
        print(f"load average before: {load_average()}")
        result, elapsed, queries = run_job(os.environ.get("BENCH_PROFILE"))
        print(f"load average after: {load_average()}")
        print(f"digest run: {elapsed:.2f} s, {result['sent'] / elapsed:.0f} e-mails/s; "
              f"sent {result['sent']}, failed {result['failed']}, nothing matched "
              f"{result['nothing']}; searches evaluated {result['queries']}; "
              f"database queries {queries}")
        print(f"at the sink: {len(sink.kept)} messages over {sink.connections} SMTP "
              f"connection(s), {sum(sink.kept)} with List-Unsubscribe-Post: One-Click")
        print(f"within one scheduler interval (300 s): {'yes' if elapsed < 300 else 'no'}")
        again, elapsed_again, queries_again = run_job()
        print(f"second run: sent {again['sent']}, {elapsed_again:.2f} s, "
              f"{queries_again} queries; deliveries recorded: {Delivery.objects.count()}")
    finally:
        sink.shutdown()


if __name__ == "__main__":
    main(ARGS)
