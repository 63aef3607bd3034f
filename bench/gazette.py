"""Gazette benchmark: import a generated back catalogue, then time page renders and API
searches. Run from the project root, once per database:

    .venv/bin/python bench/gazette.py --documents 100000
    .venv/bin/python bench/gazette.py --documents 100000 \\
        --database-url postgres://portal:portal@127.0.0.1:5432/portal_bench_gazette

It migrates a fresh database (a temporary SQLite file, or the PostgreSQL database named,
which it drops and recreates), builds the two home pages and the gazette, writes the corpus
as JSON Lines and imports it through `import_gazette`'s code path, then reports the import
time and the median and 95th-percentile times of requests made with Django's test client.

The import is measured against a baseline in the same run: the first
`--baseline-documents` documents (2,000 unless told; 0 skips it) are imported by the
page-by-page importer (`import_gazette --per-page`, the importer before issue 19) and by
the bulk importer, each in a transaction rolled back afterwards, then the whole corpus by
the bulk importer for the requests. It prints documents a second for each, the ratios, the
load average before and after, the database and the counts.
"""

import argparse
import datetime
import itertools
import json
import os
import statistics
import sys
import time

from common import migrate, percentile, recreate_postgres_database, setup_django


def arguments():
    parser = argparse.ArgumentParser()
    parser.add_argument("--documents", type=int, default=100_000)
    parser.add_argument("--database-url", default="")
    parser.add_argument("--repeat", type=int, default=20)
    parser.add_argument("--baseline-documents", type=int, default=2000,
                        help="documents imported (and rolled back) by the page-by-page "
                             "importer and by the bulk one for their ratio; 0 skips it")
    parser.add_argument("--existing", action="store_true",
                        help="time the requests against --database-url as it is, already "
                             "imported (to measure again after a code change)")
    args = parser.parse_args()
    if args.existing and not args.database_url:
        parser.error("--existing needs --database-url")
    return args


# Django is set up on the database the command line names before the models are imported.
ARGS = arguments()
WORKDIR = setup_django(ARGS.database_url, "gazette-bench-")

from django.conf import settings  # noqa: E402
from django.db import connection, transaction  # noqa: E402
from django.test import Client  # noqa: E402

from bulletin.importer import import_lines  # noqa: E402
from bulletin.models import GazetteDocumentPage, GazetteIndexPage, GazetteIssuePage  # noqa: E402
from bulletin.numbering import roc_year_for, volume_for  # noqa: E402
from tests.factories import add_page, build_site  # noqa: E402


def corpus(count):
    """`count` documents in the import format: 20 a week, 100 issues a year, from 2000."""
    kinds = [("公告", "公示送達"), ("公告", "公告"), ("公告", "一般處分"), ("行政規則", None),
             ("法規", "自治規則"), ("法規", "自治條例"), ("令", None), ("人事", None)]
    words = ["停車", "消費者保護", "稽查", "車輛", "補助", "交通管制", "資訊公開", "姊妹市"]
    per_issue = 20
    start = datetime.date(2000, 1, 5)
    numbers = {}
    for n in range(count):
        issue_index = n // per_issue
        published = start + datetime.timedelta(days=issue_index * 365 // 100)
        key = (roc_year_for(published), volume_for(published))
        if n % per_issue == 0:
            numbers[key] = numbers.get(key, 0) + 1
        kind, subtype = kinds[n % len(kinds)]
        word = words[n % len(words)]
        yield {
            "issue": {"roc_year": key[0], "volume": key[1], "number": numbers[key],
                      "published": published.isoformat()},
            "type": kind, "subtype": subtype,
            "document_number": f"高市府bench字第{n:010d}號",
            "agency": {"name": f"高雄市政府第{n % 30}局", "code": f"39700{n % 30:02d}00A"},
            "title": f"{word}相關{kind}第{n}號",
            "title_en": f"{word} notice {n} parking" if n % 4 == 0 else None,
            "signed": (published - datetime.timedelta(days=3)).isoformat(),
            "effective": None,
            "body_html": f"<p>主旨：{word}事項。</p><p>依據：相關法規第{n % 50}條。</p>",
            "keywords": [word], "attachments": [], "correction_of": None,
        }


def timings(client, url, repeat):
    samples = []
    for _ in range(repeat):
        begin = time.perf_counter()
        response = client.get(url)
        samples.append((time.perf_counter() - begin) * 1000)
        assert response.status_code == 200, (url, response.status_code)
    samples.sort()
    return statistics.median(samples), percentile(samples, 0.95)


def main(args, workdir):
    if args.existing:
        migrate()
        report_requests(args, connection)
        return
    if connection.vendor == "postgresql":
        connection.close()
        recreate_postgres_database(connection.settings_dict)
    migrate()

    home, _home_en = build_site()
    add_page(home, GazetteIndexPage, title="電子公報", slug="gazette")

    source = workdir / "corpus.jsonl"
    with source.open("w", encoding="utf-8") as handle:
        for record in corpus(args.documents):
            handle.write(json.dumps(record, ensure_ascii=False) + "\n")
    print(f"command: {' '.join(sys.argv)}")
    print(f"database: {connection.vendor}; load average before: {load_average()}")
    rates = {}
    baseline = min(args.baseline_documents, args.documents)
    if baseline:
        for label, bulk in (("page by page (before issue 19)", False), ("bulk", True)):
            rates[label] = timed_import(source, workdir, baseline, bulk, keep=False)
            print(f"import of {baseline} documents, {label}, rolled back: "
                  f"{rates[label]:.0f} documents/s")
        print(f"ratio at {baseline} documents, bulk / page by page: "
              f"{rates['bulk'] / rates['page by page (before issue 19)']:.1f}")
    rate = timed_import(source, workdir, args.documents, bulk=True, keep=True)
    print(f"import of {args.documents} documents, bulk: {rate:.0f} documents/s")
    if baseline:
        print(f"ratio, bulk at {args.documents} / page by page at {baseline}: "
              f"{rate / rates['page by page (before issue 19)']:.1f}")
    print(f"load average after: {load_average()}")
    report_requests(args, connection)


def load_average():
    return " ".join(f"{value:.2f}" for value in os.getloadavg())


def timed_import(source, workdir, count, bulk, keep):
    """Documents a second importing the first `count` lines of the corpus, its commit
    included (or, unless `keep`, the rollback that undoes it)."""
    with source.open(encoding="utf-8") as handle:
        lines = itertools.islice(handle, count)
        begin = time.perf_counter()
        if keep:
            report = import_lines(lines, base_dir=workdir, bulk=bulk)
        else:
            with transaction.atomic():
                report = import_lines(lines, base_dir=workdir, bulk=bulk)
                transaction.set_rollback(True)
        elapsed = time.perf_counter() - begin
    assert not report.errors, report.errors[:3]
    assert report.created == count, (report.created, count)
    return count / elapsed


def report_requests(args, connection):
    # Renders are timed here, not the page cache (portal/caching.py) answering repeats.
    settings.PORTAL_PAGE_CACHE_SECONDS = 0
    client = Client()
    issue = GazetteIssuePage.objects.order_by("-publication_date").first()
    document = GazetteDocumentPage.objects.order_by("-pk").first()
    urls = {
        "index /gazette/": "/gazette/",
        "issue page": issue.url,
        "document page": document.url,
        "API newest, 20": "/api/gazette/documents.json",
        "API type+agency filter": "/api/gazette/documents.json?conditions[type][]=公告"
                                  "&conditions[agency][]=397000700A",
        "API date range, 100": "/api/gazette/documents.json?per_page=100"
                               "&conditions[publication_date][gte]=2010-01-01"
                               "&conditions[publication_date][lte]=2012-12-31",
        "API term": "/api/gazette/documents.json?conditions[term]=parking",
    }
    print(f"database: {connection.vendor}; documents: {GazetteDocumentPage.objects.count()}; "
          f"issues: {GazetteIssuePage.objects.count()}")
    print("| request | median ms | p95 ms |")
    print("|---|---|---|")
    for label, url in urls.items():
        median, p95 = timings(client, url, args.repeat)
        print(f"| {label} | {median:.1f} | {p95:.1f} |")


if __name__ == "__main__":
    main(ARGS, WORKDIR)
