"""Search benchmark: relevance and latency of the portal's Chinese-aware search against
stock Wagtail's database backend, on the same corpus. Run from the project root:

    .venv/bin/python bench/search.py --documents 100000
    .venv/bin/python bench/search.py --documents 100000 \\
        --database-url postgres://portal:portal@127.0.0.1:5432/portal_bench_search

It migrates a fresh database (a temporary SQLite file, or the PostgreSQL database named,
which it drops and recreates), loads the demo site (every page type, both languages), and
imports a gazette back catalogue of `--documents` documents through the importer: titles
in the gazette's own patterns, bodies made of sentences from the department's reports in
../shared/seeds, and a few planted documents the queries look for. Then, for each backend,
it empties the index, times `update_index`, measures the database, and runs QUERIES:
recall@10 and MRR of the expected page, median and 95th-percentile query latency, and
the latency of the whole /search/ page for the portal's backend (stock cannot serve it).
`--existing` reuses a database an earlier run built.
"""

import argparse
import datetime
import os
import random
import re
import statistics
import time

from common import ROOT, percentile, recreate_postgres_database, setup_django

SEEDS = ROOT.parent / "shared" / "seeds"

BACKENDS = {
    "stock": "wagtail.search.backends.database",
    "portal": "search.backends",
}

# Planted documents: (publication date, title, body). The queries below look for them
# among the generated ones.
PLANTED = [
    ("2019-06-05", "高雄市政府消費者保護委員會議決美耐皿餐具回收機制",
     "本府消費者保護委員會108年第1次會議決議，推動美耐皿餐具回收機制。"),
    ("2021-03-10", "修正高雄市公有收費停車場管理自治條例",
     "修正公有收費停車場之收費方式及管理規定。"),
    ("2016-06-06", "高雄市政府與釜山廣域市締結姊妹市五十週年紀念活動",
     "紀念本市與釜山廣域市締結姊妹市關係五十週年。"),
    ("2018-05-01", "訂定高雄市政府ＯＤＦ文件格式推動作業要點",
     "電子公文附件採用ＯＤＦ文件格式。"),
    ("2020-01-15", "公告１９５０消費者服務專線服務時間", "消費者服務專線服務時間調整。"),
    ("2022-06-26", "高雄市政府資通安全維護計畫", "辦理資通訊安全維護暨資訊業務宣導研習課程。"),
    ("2012-02-01", "消費爭議調解委員會組織規程修正", "修正調解委員會委員人數及任期。"),
    ("2005-07-01", "公告本市颱風停班停課作業規定", "颱風期間停止上班上課之作業規定。"),
    ("2025-07-01", "公告本市颱風停班停課作業規定", "颱風期間停止上班上課之作業規定。"),
    ("2023-10-20", "臺灣國際遊艇展期間交通管制公告", "遊艇展期間展館周邊道路實施交通管制。"),
    ("2024-03-01", "公告旗津區海岸公園露營區使用規定", "海岸公園露營區之申請及使用規定。"),
    ("2021-09-09", "公告本市限航區範圍", "劃定無人機飛航管制區域，禁止於區域內操作。"),
    ("2017-11-11", "修正高雄市政府電子公報發行要點", "電子公報每週出刊，並於網站公開。"),
    ("2023-05-05", "公告外籍人士居留服务须知", "外籍人士申请居留之文件及流程。"),
]

# (language, query, title of the page it should find, case). Where two pages share the
# title, the newer is the one expected.
QUERIES = [
    # a two-character or longer word inside a title
    ("zh-hant", "釜山", "釜山市", "word"),
    ("zh-hant", "調解", "消費爭議調解件數", "word"),
    ("zh-hant", "公報", "高雄市政府公報", "word"),
    ("zh-hant", "照片展", "釜山姊妹市照片展", "word"),
    ("zh-hant", "美耐皿", PLANTED[0][1], "word"),
    ("zh-hant", "市鑰", "城市市鑰", "word"),
    ("zh-hant", "姊妹市", "姊妹市及友好城市", "word"),
    ("zh-hant", "檳城", "檳城州", "word"),
    ("zh-hant", "熊本", "熊本市", "word"),
    ("zh-hant", "債務清理", "債務清理法律諮詢駐點服務", "word"),
    ("zh-hant", "預售屋", "購買預售屋前，請先詳閱定型化契約", "word"),
    ("zh-hant", "旅展", "旅展禮券購買注意事項", "word"),
    ("zh-hant", "百寶營", "108年消費者保護官的百寶營", "word"),
    ("zh-hant", "機關名錄", "機關名錄", "word"),
    ("zh-hant", "停車場", PLANTED[1][1], "word"),
    ("zh-hant", "遊艇展", PLANTED[9][1], "word"),
    ("zh-hant", "露營區", PLANTED[10][1], "word"),
    ("zh-hant", "市長信箱", "市長信箱", "word"),
    ("zh-hant", "案件月統計", "陳情及消費申訴案件月統計", "word"),
    ("zh-hant", "場地使用", "行政中心場地使用場次", "word"),
    ("zh-hant", "外賓接待", "外賓接待統計", "word"),
    ("zh-hant", "大田", "大田市", "word"),
    ("zh-hant", "水原", "水原市", "word"),
    ("zh-hant", "胡志明", "胡志明市", "word"),
    ("zh-hant", "聖安東尼", "聖安東尼市", "word"),
    # one character
    ("zh-hant", "鑰", "城市市鑰", "character"),
    ("zh-hant", "檳", "檳城州", "character"),
    ("zh-hant", "邱", "大邱市", "character"),
    ("zh-hant", "熊", "熊本市", "character"),
    # full-width and half-width, letter case
    ("zh-hant", "odf", PLANTED[3][1], "width"),
    ("zh-hant", "ＯＤＦ文件", PLANTED[3][1], "width"),
    ("zh-hant", "1950", PLANTED[4][1], "width"),
    ("en", "ＢＵＳＡＮ", "Busan", "width"),
    # Simplified input finds Traditional text, and the reverse
    ("zh-hant", "消费者保护", "消費者保護", "simplified"),
    ("zh-hant", "资通安全", PLANTED[5][1], "simplified"),
    ("zh-hant", "调解委员会", PLANTED[6][1], "simplified"),
    ("zh-hant", "债务清理", "債務清理法律諮詢駐點服務", "simplified"),
    ("zh-hant", "维尔纽斯", "維爾紐斯市", "simplified"),
    ("zh-hant", "礼券", "旅展禮券購買注意事項", "simplified"),
    ("zh-hant", "预售屋", "購買預售屋前，請先詳閱定型化契約", "simplified"),
    ("zh-hant", "居留服務", PLANTED[13][1], "traditional"),
    ("zh-hant", "台灣國際遊艇展", PLANTED[9][1], "variant"),
    # Chinese and English together
    ("zh-hant", "ODF 格式", PLANTED[3][1], "mixed"),
    ("zh-hant", "Busan 釜山", "釜山市", "mixed"),
    ("zh-hant", "1950 專線", PLANTED[4][1], "mixed"),
    # English words and their variants
    ("en", "night market", "Joint inspections, March to August 2019", "english"),
    ("en", "inspection", "Joint inspections of contracts and consumer safety, February to June "
     "2022", "english"),
    ("en", "exhibitions", "Sister-city exhibitions", "english"),
    ("en", "mediation", "Consumer dispute mediations", "english"),
    ("en", "complaints", "Consumer complaint", "english"),
    ("en", "city key", "City keys", "english"),
    ("en", "visiting delegation", "Visiting delegations", "english"),
    ("en", "clinics", "Debt-clearance legal clinic", "english"),
    ("en", "vouchers", "Buying vouchers at travel fairs", "english"),
    ("en", "contract", "Read the standard contract before buying a pre-sale home", "english"),
    ("en", "Kumamoto", "Kumamoto City", "english"),
    ("en", "photo shows", "Busan sister-city photo show", "english"),
    ("en", "Penang", "Penang", "english"),
    ("en", "Ho Chi Minh", "Ho Chi Minh City", "english"),
    # a title match beats the many body matches
    ("zh-hant", "照片", "釜山姊妹市照片展", "title"),
    ("zh-hant", "行政中心", "行政中心場地使用場次", "title"),
    ("zh-hant", "法律諮詢", "債務清理法律諮詢駐點服務", "title"),
    # whole phrases
    ("zh-hant", "消費者保護委員會", PLANTED[0][1], "phrase"),
    ("zh-hant", "美耐皿餐具回收機制", PLANTED[0][1], "phrase"),
    ("zh-hant", "公有收費停車場", PLANTED[1][1], "phrase"),
    ("zh-hant", "電子公報發行要點", PLANTED[12][1], "phrase"),
    # the newer of two equal documents first
    ("zh-hant", "颱風停班", PLANTED[8][1], "newer"),
    ("zh-hant", "颱風停班停課", PLANTED[8][1], "newer"),
    # words only in the body
    ("zh-hant", "無人機", PLANTED[11][1], "body"),
    ("zh-hant", "飛航管制", PLANTED[11][1], "body"),
]

DISTRICTS = [
    "鹽埕", "鼓山", "左營", "楠梓", "三民", "新興", "前金",
    "苓雅", "前鎮", "旗津", "小港", "鳳山", "林園", "大寮",
    "大樹", "大社", "仁武", "鳥松", "岡山", "橋頭", "燕巢",
    "田寮", "阿蓮", "路竹", "湖內", "茄萣", "永安", "彌陀",
    "梓官", "旗山", "美濃", "六龜", "甲仙", "杉林", "內門",
    "茂林", "桃源", "那瑪夏",
]
SUBJECTS = [
    "道路臨時交通管制措施", "都市計畫細部計畫變更", "違章建築拆除",
    "市有財產標售", "公園綠地管理", "區段徵收", "違反廢棄物清理法事件裁處書",
    "違反道路交通管理處罰條例事件裁處書", "水污染防治稽查", "社會住宅招租",
    "路外停車收費費率", "國民運動中心委託經營", "里鄰長聯繫會報",
    "防汛整備演練", "登革熱防治", "食品衛生抽驗", "空氣品質維護區",
    "自來水管線汰換", "公車路線調整", "低收入戶調查", "急難救助",
    "兵役徵集", "地價稅開徵", "房屋稅減免", "工業區土地標售",
    "公有市場攤位招商", "觀光工廠輔導", "漁港管理", "農產品產銷",
    "環境教育", "殯葬設施管理", "老人健康檢查", "托育補助",
    "學校建築耐震補強", "河川疏濬", "道路挖掘管理", "廣告物管理",
    "建築執照核發", "地政規費", "戶政便民服務",
]
KINDS = [("公告", "公示送達"), ("公告", "公告"), ("公告", "一般處分"), ("行政規則", None),
         ("法規", "自治規則"), ("法規", "自治條例"), ("令", None), ("人事", None)]
VERBS = {"公示送達": "公示送達", "公告": "公告", "一般處分": "公告", "自治規則": "訂定",
         "自治條例": "修正"}


def seed_sentences():
    """Sentences of the department's reports: mostly Han, 12 to 90 characters."""
    sentences = set()
    for path in sorted(SEEDS.glob("0*.txt")):
        text = re.sub(r"\[bookmark:[^\]]*\]", "", path.read_text(encoding="utf-8"))
        for sentence in re.split(r"[。\n]", text):
            sentence = sentence.strip(" -\t")
            han = len(re.findall(r"[\u4e00-\u9fff]", sentence))
            if 12 <= len(sentence) <= 90 and han >= len(sentence) * 0.6:
                sentences.add(sentence)
    return sorted(sentences)


def corpus(count):
    """`count` documents in the import format, weekly issues from 1995 to mid-2026, with
    the planted documents in the issues of their dates."""
    from bulletin.numbering import roc_year_for, volume_for

    rng = random.Random(20261123)
    sentences = seed_sentences()
    first, last = datetime.date(1995, 1, 4), datetime.date(2026, 6, 24)
    issues = [first + datetime.timedelta(weeks=n) for n in range((last - first).days // 7 + 1)]
    planted = {}
    for n, (day, title, body) in enumerate(PLANTED):
        day = datetime.date.fromisoformat(day)
        week = min(range(len(issues)), key=lambda i: abs((issues[i] - day).days))
        planted.setdefault(week, []).append((n, title, body))
    per_issue = max(1, (count - len(PLANTED)) // len(issues))
    extra = (count - len(PLANTED)) - per_issue * len(issues)
    numbers, serial = {}, 0
    for week, published in enumerate(issues):
        key = (roc_year_for(published), volume_for(published))
        numbers[key] = numbers.get(key, 0) + 1
        issue = {"roc_year": key[0], "volume": key[1], "number": numbers[key],
                 "published": published.isoformat()}
        documents = [(None, None, None)] * (per_issue + (1 if week < extra else 0))
        for n, title, body in planted.get(week, []):
            documents.append((n, title, body))
        for planted_number, title, body in documents:
            serial += 1
            kind, subtype = KINDS[serial % len(KINDS)]
            if title is None:
                verb = VERBS.get(subtype, "訂定")
                title = f"{verb}{rng.choice(DISTRICTS)}區{rng.choice(SUBJECTS)}"
                body = "".join(f"<p>{rng.choice(sentences)}。</p>" for _ in range(3))
            else:
                body = f"<p>{body}</p>"
            number = f"P{planted_number}" if planted_number is not None else f"{serial:08d}"
            yield {
                "issue": issue, "type": kind, "subtype": subtype,
                "document_number": f"高市府bench字第{number}號",
                "agency": {"name": f"高雄市政府第{serial % 30}局",
                           "code": f"39700{serial % 30:02d}00A"},
                "title": title, "title_en": None,
                "signed": (published - datetime.timedelta(days=3)).isoformat(),
                "effective": None, "body_html": body, "keywords": [], "attachments": [],
                "correction_of": None,
            }


def build(args, workdir):
    import json

    from django.core.management import call_command
    from django.db import connection

    from bulletin.importer import import_lines

    if connection.vendor == "postgresql":
        recreate_postgres_database(connection)
    call_command("migrate", verbosity=0)
    call_command("load_demo_content", verbosity=0, stdout=open(os.devnull, "w"))  # noqa: SIM115
    source = workdir / "corpus.jsonl"
    with source.open("w", encoding="utf-8") as handle:
        for record in corpus(args.documents):
            handle.write(json.dumps(record, ensure_ascii=False) + "\n")
    begin = time.perf_counter()
    with source.open(encoding="utf-8") as handle:
        report = import_lines(handle, base_dir=workdir)
    assert not report.errors, report.errors[:3]
    print(f"corpus imported: {args.documents} documents in "
          f"{time.perf_counter() - begin:.0f} s")


def database_size(connection):
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            cursor.execute("SELECT pg_database_size(current_database())")
            return cursor.fetchone()[0]
        cursor.execute("PRAGMA wal_checkpoint(TRUNCATE)")
        cursor.execute("PRAGMA page_count")
        pages = cursor.fetchone()[0]
        cursor.execute("PRAGMA page_size")
        return pages * cursor.fetchone()[0]


def rebuild(backend_name, connection):
    """Empty the index table both backends share, then time update_index."""
    from django.core.management import call_command
    from wagtail.search.models import IndexEntry

    with connection.cursor() as cursor:
        cursor.execute(f"DELETE FROM {IndexEntry._meta.db_table}")  # noqa: S608
    begin = time.perf_counter()
    call_command("update_index", backend_name=backend_name, verbosity=0)
    return time.perf_counter() - begin


def expected_pages():
    """{(language, title): pk}, the newest page where two share a title."""
    from wagtail.models import Page

    wanted = {(language, title) for language, _query, title, _case in QUERIES}
    found = {}
    for pk, title, language in (Page.objects.live().filter(title__in={t for _l, t in wanted})
                                .order_by("pk").values_list("pk", "title",
                                                            "locale__language_code")):
        found[(language, title)] = pk  # ordered by pk: the newest wins
    missing = wanted - set(found)
    assert not missing, f"expected pages missing from the corpus: {sorted(missing)[:5]}"
    return found


def evaluate(backend, args):
    from wagtail.models import Locale, Page

    pages = {code: Page.objects.live().public().filter(
        locale=Locale.objects.get(language_code=code), depth__gt=2)
        for code in ("zh-hant", "en")}
    expected = expected_pages()
    ranks, latencies, misses = [], [], []
    for language, query, title, case in QUERIES:
        samples = []
        for _ in range(args.repeat):
            begin = time.perf_counter()
            found = [page.pk for page in backend.search(query, pages[language])[:10]]
            samples.append((time.perf_counter() - begin) * 1000)
        latencies.append(statistics.median(samples))
        target = expected[(language, title)]
        rank = found.index(target) + 1 if target in found else None
        ranks.append(rank)
        if rank is None:
            misses.append(f"{case}: {query}")
    recall = sum(rank is not None for rank in ranks) / len(ranks)
    mrr = sum(1 / rank for rank in ranks if rank) / len(ranks)
    return recall, mrr, latencies, misses


def page_latencies(args):
    from django.test import Client

    client = Client()
    samples = []
    for language, query, _title, _case in QUERIES:
        prefix = "/en" if language == "en" else ""
        for _ in range(args.repeat):
            begin = time.perf_counter()
            response = client.get(f"{prefix}/search/", {"q": query})
            samples.append((time.perf_counter() - begin) * 1000)
            assert response.status_code == 200, (query, response.status_code)
    return samples


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--documents", type=int, default=100_000)
    parser.add_argument("--database-url", default="")
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--existing", action="store_true",
                        help="reuse the corpus already in --database-url")
    args = parser.parse_args()
    if args.existing and not args.database_url:
        parser.error("--existing needs --database-url")

    workdir = setup_django(args.database_url, "search-bench-")
    from django.conf import settings
    from django.db import connection
    from wagtail.search.backends import get_search_backend

    if not args.existing:
        build(args, workdir)
    # Both backends share one index table; each indexes the corpus in turn.
    settings.WAGTAILSEARCH_BACKENDS = {
        "default": {"BACKEND": BACKENDS["portal"]},
        "stock": {"BACKEND": BACKENDS["stock"], "AUTO_UPDATE": False},
    }
    from bulletin.models import GazetteDocumentPage

    print(f"database: {connection.vendor}; gazette documents: "
          f"{GazetteDocumentPage.objects.count()}; queries: {len(QUERIES)}; "
          f"repeat: {args.repeat}")
    # Each row is printed as soon as its backend is done, so a long run keeps what it has.
    print("| backend | recall@10 | MRR | median ms | p95 ms | index build s | database MB |")
    print("|---|---|---|---|---|---|---|", flush=True)
    all_misses = {}
    for name, settings_name in (("stock", "stock"), ("portal", "default")):
        seconds = rebuild(settings_name, connection)
        size = database_size(connection)
        recall, mrr, latencies, all_misses[name] = evaluate(
            get_search_backend(settings_name), args)
        print(f"| {name} | {recall:.2f} | {mrr:.2f} | {statistics.median(latencies):.1f} | "
              f"{percentile(latencies, 0.95):.1f} | {seconds:.0f} | {size / 2**20:.0f} |",
              flush=True)
    page = page_latencies(args)  # the portal's index is the one in place now
    print(f"/search/ page (portal): median {statistics.median(page):.1f} ms, "
          f"p95 {percentile(page, 0.95):.1f} ms")
    for name, misses in all_misses.items():
        print(f"{name} misses {len(misses)}: {', '.join(misses)}")


if __name__ == "__main__":
    main()
