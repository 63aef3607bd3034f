"""Demo datasets built from the figures in the department's reports (seed documents 001–003).
Only periods the reports give figures for appear; nothing is interpolated."""

import datetime

from django.core.files.base import ContentFile
from wagtail.models import Locale

from consumer.demo import REPORTS as CONSUMER_REPORTS
from portal.demo import DEPARTMENT_CODE
from portal.i18n import default_language
from portal.models import Agency

from .generators import write_csv, write_ods
from .models import DatasetField, DatasetIndexPage, DatasetPage, DatasetResource

# (period label, start, end, source report)
P2015 = ("104年度", "2015-01-01", "2015-12-31")
P2019 = ("108年3月至8月", "2019-03-01", "2019-08-31")
P2022 = ("111年2月至6月", "2022-02-01", "2022-06-30")

# consultations, first complaints, second complaints, mediations, inspections per period
CONSUMER = [((label, start, end), *figures)
            for label, _label_en, start, end, *figures, _source in CONSUMER_REPORTS]

PERIOD_FIELDS = [
    ("期別", "string", "統計期間（民國年月）"),
    ("起始日", "date", "統計期間起日"),
    ("結束日", "date", "統計期間迄日"),
]


def period_row(period):
    label, start, end = period
    return {"期別": label, "起始日": start, "結束日": end}


def consumer_dataset(slug, column, description, index, title, title_en):
    rows = [{**period_row(p), column: figures[index]} for p, *figures in CONSUMER]
    return {
        "slug": slug, "title": title, "title_en": title_en,
        "description": f"本處受理{description}之件數，依施政報告及議會業務報告所列期間統計。",
        "category": "consumer-protection", "keywords": ["消費者保護", description],
        "fields": [*PERIOD_FIELDS, (column, "integer", f"{description}件數")],
        "rows": rows, "temporal": ("2015-01-01", "2022-06-30"), "frequency": "half-yearly",
    }


DATASETS = [
    {
        "slug": "consumer-protection-figures", "title": "消費者保護業務統計",
        "title_en": "Consumer protection figures",
        "description": "消費諮詢、第一次申訴、第二次申訴、調解及查核件數，"
                       "依施政績效報告及議會業務報告所列期間統計；由消費者保護統計頁之資料即時產生，"
                       "報告未列之期間不予推估。",
        "category": "consumer-protection", "keywords": ["消費者保護", "申訴", "調解"],
        "fields": [("period", "string", "統計期間（民國年月）"),
                   ("period_en", "string", "統計期間（英文）"),
                   ("start", "date", "統計期間起日"), ("end", "date", "統計期間迄日"),
                   ("consultations", "integer", "消費諮詢件數"),
                   ("first_complaints", "integer", "第一次申訴件數"),
                   ("second_complaints", "integer", "第二次申訴件數"),
                   ("mediations", "integer", "消費爭議調解件數"),
                   ("inspections", "integer", "商品標示及安全查核次數")],
        "generator": "consumer-figures", "frequency": "live",
    },
    consumer_dataset("consumer-consultations", "消費諮詢", "消費諮詢", 0, "消費諮詢件數",
                     "Consumer consultations"),
    consumer_dataset("consumer-first-complaints", "第一次申訴", "第一次申訴", 1,
                     "消費爭議第一次申訴件數", "First consumer complaints"),
    consumer_dataset("consumer-second-complaints", "第二次申訴", "第二次申訴", 2,
                     "消費爭議第二次申訴件數", "Second consumer complaints"),
    consumer_dataset("consumer-mediations", "調解", "消費爭議調解", 3, "消費爭議調解件數",
                     "Consumer dispute mediations"),
    consumer_dataset("consumer-inspections", "查核", "商品查核", 4, "消費商品查核次數",
                     "Consumer product inspections"),
    {
        "slug": "gazette-issues", "title": "市府公報出刊期數",
        "title_en": "Gazette issues published",
        "description": "高雄市政府電子公報出刊期數。"
                       "104年度全年出刊100期；108年3月至8月出刊56期（週刊）。",
        "category": "general-administration", "keywords": ["公報"],
        "fields": [*PERIOD_FIELDS, ("出刊期數", "integer", "該期間出刊之公報期數")],
        "rows": [{**period_row(P2015), "出刊期數": 100}, {**period_row(P2019), "出刊期數": 56}],
        "temporal": ("2015-01-01", "2019-08-31"), "frequency": "yearly",
    },
    {
        "slug": "administrative-centre-venues", "title": "行政中心場地使用場次",
        "title_en": "Venue use at the administrative centres",
        "description": "四維及鳳山行政中心中庭開放辦理活動之場次，及禮堂、會議室等集會場所"
                       "受理申請使用之場次。104年度分列兩中心，其後報告僅列兩中心合計。",
        "category": "general-administration", "keywords": ["場地", "行政中心"],
        "fields": [*PERIOD_FIELDS, ("行政中心", "string", "四維、鳳山或兩中心合計"),
                   ("中庭開放場次", "integer", "中庭開放辦理活動之場次"),
                   ("集會場所使用場次", "integer", "禮堂、會議室等集會場所受理使用之場次")],
        "rows": [{**period_row(P2015), "行政中心": "四維行政中心", "中庭開放場次": 102,
                  "集會場所使用場次": 1110},
                 {**period_row(P2015), "行政中心": "鳳山行政中心", "中庭開放場次": 92,
                  "集會場所使用場次": 753},
                 {**period_row(P2019), "行政中心": "兩中心合計", "中庭開放場次": 124,
                  "集會場所使用場次": 1108},
                 {**period_row(P2022), "行政中心": "兩中心合計", "中庭開放場次": 81,
                  "集會場所使用場次": 1043}],
        "temporal": ("2015-01-01", "2022-06-30"), "frequency": "half-yearly", "ods": True,
    },
    {
        "slug": "visiting-delegations", "title": "外賓接待統計", "title_en": "Visiting delegations",
        "description": "本處辦理外賓接待之案數及人數（104年度施政績效報告）。",
        "category": "international-affairs", "keywords": ["國際交流", "外賓"],
        "fields": [*PERIOD_FIELDS, ("接待案數", "integer", "接待之訪賓團案數"),
                   ("到訪人數", "integer", "到訪人數合計")],
        "rows": [{**period_row(P2015), "接待案數": 89, "到訪人數": 997}],
        "temporal": ("2015-01-01", "2015-12-31"), "frequency": "yearly",
    },
    {
        "slug": "debt-clearance-clinics", "title": "債務清理法律諮詢服務",
        "title_en": "Debt-clearance legal clinics",
        "description": "消費者債務清理法律諮詢場次及服務人數（111年2月至6月議會業務報告）。",
        "category": "consumer-protection", "keywords": ["消費者保護", "法律諮詢"],
        "fields": [*PERIOD_FIELDS, ("場次", "integer", "法律諮詢場次"),
                   ("服務人數", "integer", "接受諮詢人數")],
        "rows": [{**period_row(P2022), "場次": 19, "服務人數": 124}],
        "temporal": ("2022-02-01", "2022-06-30"), "frequency": "irregular",
    },
    {
        "slug": "petitions-tracked", "title": "人民陳情列管件數", "title_en": "Petitions tracked",
        "description": "本府列管追蹤之人民陳情案件數（104年度施政績效報告）。",
        "category": "public-information", "keywords": ["陳情"],
        "fields": [*PERIOD_FIELDS, ("列管件數", "integer", "列管追蹤之陳情案件數")],
        "rows": [{**period_row(P2015), "列管件數": 1009}],
        "temporal": ("2015-01-01", "2015-12-31"), "frequency": "yearly",
    },
    {
        "slug": "open-dataset-count", "title": "開放資料集數量",
        "title_en": "Open datasets published",
        "description": "本處上架之開放資料集數量（108年3月至8月議會業務報告），"
                       "並逐步轉為開放格式。",
        "category": "statistics", "keywords": ["開放資料"],
        "fields": [*PERIOD_FIELDS, ("資料集數", "integer", "上架之開放資料集數量")],
        "rows": [{**period_row(P2019), "資料集數": 28}],
        "temporal": ("2019-03-01", "2019-08-31"), "frequency": "irregular",
    },
    {
        "slug": "agencies", "title": "機關名錄", "title_en": "Agency directory",
        "description": "本入口網站所列機關之代碼、名稱、上級機關及聯絡資訊，由網站內容即時產生。",
        "category": "general-administration", "keywords": ["機關"],
        "fields": [("code", "string", "機關代碼"), ("name", "string", "機關名稱"),
                   ("short_name", "string", "機關簡稱"), ("parent_code", "string", "上級機關代碼"),
                   ("phone", "string", "聯絡電話"), ("address", "string", "地址")],
        "generator": "agencies", "frequency": "live",
    },
    {
        "slug": "sister-cities", "title": "姊妹市及友好城市一覽",
        "title_en": "Sister and partner cities",
        "description": "高雄市之姊妹市、友好城市、友好交流城市及夥伴城市：名稱、國家、締結關係、"
                       "締結日期、座標及官方網站，由網站內容即時產生。",
        "category": "international-affairs", "keywords": ["姊妹市", "國際交流"],
        "fields": [("name_zh", "string", "中文名稱"), ("name_en", "string", "英文名稱"),
                   ("name_native", "string", "當地語言名稱"), ("country_zh", "string", "國家"),
                   ("country_en", "string", "國家（英文）"),
                   ("relationship", "string", "關係（sister、friendship、mou、partner）"),
                   ("established", "date", "締結日期"), ("latitude", "number", "緯度"),
                   ("longitude", "number", "經度"), ("url", "string", "官方網站")],
        "generator": "sister-cities", "frequency": "live",
    },
    {
        "slug": "gazette-issue-list", "title": "市府公報各期目錄", "title_en": "Gazette issue list",
        "description": "本網站刊登之每一期市府公報：民國年、卷別、期別、出刊日及刊載文件數，"
                       "由網站內容即時產生。",
        "category": "general-administration", "keywords": ["公報"],
        "fields": [("roc_year", "integer", "民國年"), ("volume", "string", "卷別（春夏秋冬）"),
                   ("number", "integer", "期別"), ("publication_date", "date", "出刊日"),
                   ("documents", "integer", "刊載文件數")],
        "generator": "gazette-issues", "frequency": "live",
    },
    {
        "slug": "gazette-consultations", "title": "法規預告一覽",
        "title_en": "Draft regulations for comment",
        "description": "本府公報刊登之法規草案預告：發文字號、標題、發文機關、刊登日期、"
                       "表示意見截止日期（ISO 8601）及已收到之意見件數，由網站內容即時產生，"
                       "不含任何意見內容或提出者。",
        "category": "general-administration", "keywords": ["公報", "法規預告"],
        "fields": [("id", "integer", "公報文件編號"), ("document_number", "string", "發文字號"),
                   ("title", "string", "標題"), ("title_en", "string", "英文標題"),
                   ("agency_code", "string", "發文機關代碼"), ("agency_name", "string", "發文機關"),
                   ("publication_date", "date", "刊登公報日期"),
                   ("comment_deadline", "date", "表示意見截止日期"),
                   ("comments_received", "integer", "已收到之意見件數")],
        "generator": "gazette-consultations", "frequency": "live",
    },
    {
        "slug": "case-statistics-monthly", "title": "陳情及消費申訴案件月統計",
        "title_en": "Petitions and consumer complaints by month",
        "description": "經本網站受理之人民陳情及消費爭議申訴，依收件月份、類別、申訴階段、"
                       "辦理狀態及承辦機關統計之件數，由案件系統即時產生，不含個人資料。",
        "category": "public-information", "keywords": ["陳情", "申訴"],
        "fields": [("month", "string", "收件月份（西元年-月）"), ("kind", "string", "案件類別"),
                   ("stage", "string", "申訴階段"), ("status", "string", "辦理狀態"),
                   ("agency_code", "string", "承辦機關代碼"), ("received", "integer", "收件數"),
                   ("closed", "integer", "結案數"), ("closed_on_time", "integer", "如期結案數")],
        "generator": "case-statistics", "frequency": "live",
    },
    {
        "slug": "case-accountability", "title": "陳情及申訴案件如期回覆統計",
        "title_en": "Cases answered within the deadline, by agency and month",
        "description": "經本網站受理之人民陳情及消費爭議申訴，依承辦機關及收件月份統計之收件數、"
                       "結案數、如期結案數及比率、回覆日數中位數，以及目前未結及逾期件數；"
                       "由案件系統即時產生，不含個人資料及案件內容。機關單月收件未滿3件者，"
                       "該列各項數值均以「<3」表示；為免由年度或月份合計推算出未滿3件之數值，"
                       "另有部分列以「x」表示。比率及中位數所據案件未滿3件者亦以「<3」表示。",
        "category": "public-information", "keywords": ["陳情", "申訴", "如期回覆"],
        "fields": [("month", "string", "收件月份（西元年-月）"),
                   ("agency_code", "string", "承辦機關代碼（空白為尚未分派）"),
                   ("agency_name", "string", "承辦機關名稱"),
                   # Text, not numbers: a figure of fewer than 3 cases reads "<3", and one
                   # withheld so that no such figure can be worked out from the totals "x".
                   ("received", "string", "收件數（整數、<3或x）"),
                   ("answered", "string", "結案數（整數、<3或x）"),
                   ("answered_on_time", "string", "於期限內結案數（整數、<3或x）"),
                   ("on_time_percent", "string",
                    "如期結案比率（%，分母為已結案及目前逾期之案件；未滿3件為<3，不公開為x，無案件為空白）"),
                   ("median_days_to_reply", "string",
                    "收件至結案日曆天數之中位數（未滿3件為<3，不公開為x，無結案為空白）"),
                   ("open_now", "string", "目前未結案件數（整數、<3或x）"),
                   ("overdue_now", "string", "目前逾期未回覆件數（整數、<3或x）")],
        "generator": "case-accountability", "frequency": "live",
    },
]


def _resources(spec):
    if "generator" in spec:
        return [DatasetResource(title=f"{spec['title']}（{fmt}）", format=fmt,
                                generator=spec["generator"]) for fmt in ("CSV", "JSON", "ODS")]
    made = []
    formats = [("CSV", write_csv)] + ([("ODS", write_ods)] if spec.get("ods") else [])
    for fmt, writer in formats:
        resource = DatasetResource(title=spec["title"], format=fmt)
        resource.file.save(f"{spec['slug']}.{fmt.lower()}", ContentFile(writer(spec["rows"])),
                           save=False)
        made.append(resource)
    return made


def build(builder):
    zh_home = builder.home(default_language())
    index = builder.page(zh_home, DatasetIndexPage, "data", title="開放資料",
                         intro="本處發布之統計與名錄資料，以開放格式提供下載，"
                               "並可由 CKAN API、DCAT 及 Data Package 介接。")
    builder.translation(index, "en", title="Open data",
                        intro="The department's statistics and directories in open formats, "
                              "also available through the CKAN API, DCAT and Data Package.")
    agency = Agency.objects.filter(code=DEPARTMENT_CODE, locale=Locale.get_default()).first()
    for spec in DATASETS:
        page = DatasetPage.objects.child_of(index).filter(slug=spec["slug"]).first()
        if page is None:
            start, end = spec.get("temporal", (None, None))
            page = builder.page(
                index, DatasetPage, spec["slug"], title=spec["title"], identifier=spec["slug"],
                title_en=spec["title_en"], description=spec["description"], agency=agency,
                contact_name="行政暨國際處", contact_phone="07-3368333",
                category=spec["category"], update_frequency=spec["frequency"],
                temporal_start=datetime.date.fromisoformat(start) if start else None,
                temporal_end=datetime.date.fromisoformat(end) if end else None,
                issued=datetime.date(2024, 1, 1), modified=datetime.date(2024, 1, 1),
                data_fields=[DatasetField(name=n, type=t, description=d)
                             for n, t, d in spec["fields"]],
                resources=_resources(spec),
            )
            page.keywords.add(*spec["keywords"])
            page.save_revision().publish()
        else:
            builder.report("unchanged", f"DatasetPage {spec['slug']}")
        builder.translation(
            page, "en", title=spec["title_en"],
            description=f"{spec['title_en']}, as published by the Department of Administration "
                        "and International Affairs. Column names are in Chinese; the field "
                        "descriptions explain each one.")
