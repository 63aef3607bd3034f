"""What the benchmarks share: Django on a database of their own, a fresh PostgreSQL
database when one is named, the percentile they report, and the generated corpus (the
demo site plus a gazette back catalogue) that the search and page benchmarks load
(catalogue.py loads it once Django is set up). Nothing here needs Django set up to be
imported: the scripts import this module first, then set Django up, then the models."""

import datetime
import os
import random
import re
import sys
import tempfile
from pathlib import Path

import django
import psycopg
from django.core.management import call_command
from django.test.utils import setup_test_environment

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
SEEDS = ROOT.parent / "shared" / "seeds"

# The project's own modules come after ROOT is on the path; this one needs no Django set-up.
from bulletin.numbering import roc_year_for, volume_for  # noqa: E402


def setup_django(database_url, prefix):
    """Django with the test settings on `database_url`, or on a SQLite file in a new
    temporary folder; returns that folder for the benchmark's own files."""
    workdir = Path(tempfile.mkdtemp(prefix=prefix))
    os.environ["DATABASE_URL"] = database_url or f"sqlite:///{workdir / 'bench.sqlite3'}"
    os.environ["DJANGO_SETTINGS_MODULE"] = "portal.settings.test"
    django.setup()
    setup_test_environment()
    return workdir


def recreate_postgres_database(settings):
    """Drop and create the PostgreSQL database that `settings` (Django's NAME, HOST, PORT,
    USER, PASSWORD, as dj_database_url gives them) names, so a run starts empty."""
    with psycopg.connect(host=settings["HOST"], port=settings["PORT"] or 5432,
                         user=settings["USER"], password=settings["PASSWORD"],
                         dbname="postgres", autocommit=True) as connection:
        connection.execute(f'DROP DATABASE IF EXISTS "{settings["NAME"]}"')
        connection.execute(f'CREATE DATABASE "{settings["NAME"]}"')


def percentile(samples, fraction):
    ordered = sorted(samples)
    return ordered[max(0, int(len(ordered) * fraction) - 1)]


# The generated corpus. Planted documents: (publication date, title, body); search.py's
# queries look for them among the generated ones.
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
    assert sentences, f"no report sentences in {SEEDS} (../shared beside the checkout)"
    return sorted(sentences)


def corpus(count):
    """`count` documents in the import format, weekly issues from 1995 to mid-2026, with
    the planted documents in the issues of their dates."""
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


def migrate():
    call_command("migrate", verbosity=0)
