"""A year of demo gazette (113年, 2024): weekly issues of the kinds of documents the seeds
describe (法規, 行政規則, 公告, 公示送達, corrections). Records are generated in the import
format and loaded through the importer, which skips page revisions and indexes once."""

import datetime
import json
import re
import tempfile
from pathlib import Path

from django.core.files.base import ContentFile
from django.db import transaction
from django.utils import timezone
from wagtail.documents import get_document_model

from portal.i18n import default_language
from portal.models import Agency

from . import demo_pdfs, numbering
from .document_types import ensure_standard_types
from .importer import import_lines
from .models import DocumentType, GazetteDocumentPage, GazetteIndexPage, GazetteIssuePage

# The same codes as portal/demo.py, which creates these agencies first.
AGENCIES = [
    ("397000000A", "高雄市政府行政暨國際處",
     "Department of Administration and International Affairs", "高市府行國"),
    ("397050000A", "高雄市政府法制局", "Legal Affairs Bureau", "高市法"),
    ("397090000A", "高雄市政府交通局", "Transportation Bureau", "高市交"),
    ("397080000A", "高雄市政府經濟發展局", "Economic Development Bureau", "高市經發"),
    ("397060000A", "高雄市政府財政局", "Finance Bureau", "高市財"),
    ("397140000A", "高雄市政府人事處", "Department of Personnel", "高市人"),
]

SHOPS = ["三民區建國二路某電器行", "苓雅區自強三路某健身中心", "左營區博愛二路某美容工作室",
         "鳳山區光遠路某補習班", "前鎮區中華五路某旅行社", "楠梓區德民路某汽車修配廠",
         "鼓山區美術東二路某婚紗攝影公司", "小港區沿海一路某瓦斯行"]
PRODUCTS = ["市售電動機車充電器", "兒童玩具", "節能燈具", "電熱水瓶", "嬰幼兒推車", "行動電源",
            "定型化契約（健身中心）", "定型化契約（補習班）"]
RULES = [("高雄市政府機關公務車輛管理要點", "Kaohsiung City Government Official Vehicle "
                                        "Management Directions"),
         ("高雄市公有路外停車場車輛停放管理要點", "Directions for Parking in Public Off-Street "
                                           "Car Parks"),
         ("高雄市違規停放車輛移置保管作業要點", "Directions on Towing and Impounding Illegally "
                                        "Parked Vehicles"),
         ("高雄市公共自行車租賃系統管理要點", "Public Bicycle Rental System Management "
                                      "Directions")]
REGULATIONS = [("高雄市消費者保護自治條例", "自治條例"),
               ("高雄市政府公報發行作業規則", "自治規則"),
               ("高雄市政府資訊公開實施規則", "自治規則"),
               ("高雄市公有收費停車場收費自治條例", "自治條例"),
               ("高雄市姊妹市交流活動補助規則", "自治規則")]
NAMES = ["王○明", "林○華", "陳○玲", "張○豪", "李○芬", "黃○傑", "吳○婷", "劉○宏"]
VIOLATIONS = [("消費者保護法第二十六條", "未依規定提出書面報告"),
              ("道路交通管理處罰條例第五十六條", "違規停車經舉發逾期未繳納罰鍰"),
              ("商品標示法第十三條", "市售商品未依規定標示"),
              ("消費者保護法第十七條", "定型化契約違反應記載事項")]


def _draft_notice(ordinance, basis, days, office):
    """The paragraphs of a 法規預告 as the city words them; the comment period's phrase is
    what the importer reads the deadline from."""
    return [f"主旨：預告修正「{ordinance}」部分條文草案。",
            "依據：行政程序法第一百五十四條第一項。",
            f"公告事項：一、修正機關：高雄市政府。二、修正依據：{basis}。"
            "三、修正草案總說明及條文對照表如附件，另載於本府法制局網站「法規草案預告」專區。",
            "四、對於本草案內容有任何意見或修正建議者，請於本公告刊登公報之次日起"
            f"{days}日內，於本網站本草案頁面「表示意見」，或逕向{office}（高雄市苓雅區四維三路2號，"
            "電話07-3368333）陳述意見。"]


# A 法規預告 of the demo year, long closed: the week of its issue and the notice.
DRAFT_WEEK = 20
CLOSED_DRAFT = ("預告修正「高雄市公有收費停車場收費自治條例」部分條文草案",
                "Draft amendment of the Kaohsiung City Public Paid Parking Fees Ordinance "
                "(for comment)", 2,
                _draft_notice("高雄市公有收費停車場收費自治條例", "停車場法第三十一條第一項",
                              30, "高雄市政府交通局"),
                ["法規預告", "停車場"])
# Open now: published in a recent issue (a week before the demo is loaded), with 14 and 60
# days to comment.
OPEN_DRAFTS = [
    ("預告修正「高雄市消費者保護自治條例」部分條文草案",
     "Draft amendment of the Kaohsiung City Consumer Protection Ordinance (for comment)", 0,
     _draft_notice("高雄市消費者保護自治條例", "消費者保護法第四十四條之一", 14,
                   "高雄市政府行政暨國際處"), ["法規預告", "消費者保護"]),
    ("預告修正「高雄市姊妹市交流活動補助規則」部分條文草案",
     "Draft amendment of the Kaohsiung City Rules on Subsidies for Sister City Exchanges "
     "(for comment)", 0,
     _draft_notice("高雄市姊妹市交流活動補助規則", "地方制度法第二十七條第一項", 60,
                   "高雄市政府行政暨國際處"), ["法規預告", "姊妹市"]),
]
RECENT_ISSUE_AGE = datetime.timedelta(days=7)


def recent_issue_key(today):
    """(roc year, volume, number, publication date) of the recent issue that carries the
    open drafts: the first of its volume, a week before `today`."""
    published = today - RECENT_ISSUE_AGE
    return numbering.roc_year_for(published), numbering.volume_for(published), 1, published


def upcoming_number(today):
    """Today's issue follows the recent one when both fall in one volume."""
    year, volume, number, _published = recent_issue_key(today)
    same = (year, volume) == (numbering.roc_year_for(today), numbering.volume_for(today))
    return number + 1 if same else 1


def open_draft_records(today):
    year, volume, number, published = recent_issue_key(today)
    signed = published - datetime.timedelta(days=3)
    issue = {"roc_year": year, "volume": volume, "number": number,
             "published": published.isoformat()}
    records = []
    for serial, (title, title_en, agency_index, paragraphs, keywords) in enumerate(
            OPEN_DRAFTS, start=1):
        code, name, _en, prefix = AGENCIES[agency_index]
        records.append({
            "issue": issue, "type": "法規預告", "subtype": None,
            "document_number": f"{prefix}字第{year}8{serial:06d}號",
            "agency": {"name": name, "code": code}, "title": title, "title_en": title_en,
            "signed": signed.isoformat(), "effective": None,
            "body_html": _body(*paragraphs), "keywords": keywords, "attachments": [],
            "correction_of": None})
    return records


def _body(*paragraphs):
    return "".join(f"<p>{text}</p>" for text in paragraphs)


def _issue_dates():
    # Weekly, on Wednesdays, through 2024: the department prints about 100 issues a year;
    # the demo keeps one a week.
    day = datetime.date(2024, 1, 3)
    while day.year == 2024:
        yield day
        day += datetime.timedelta(days=7)


def records():
    """Every demo document, in the import format, oldest first."""
    serial = 0
    numbers_in_volume = {}
    output = []
    for week, published in enumerate(_issue_dates()):
        volume = numbering.volume_for(published)
        number = numbers_in_volume[volume] = numbers_in_volume.get(volume, 0) + 1
        issue = {"roc_year": 113, "volume": volume, "number": number,
                 "published": published.isoformat()}
        signed = published - datetime.timedelta(days=3)
        roc = f"{113}年{signed.month}月{signed.day}日"

        def document(kind, subtype, agency_index, title, body, title_en=None, keywords=(),
                     effective=None, correction_of=None, issue=issue, signed=signed):
            nonlocal serial
            serial += 1
            code, name, _en, prefix = AGENCIES[agency_index]
            output.append({
                "issue": issue, "type": kind, "subtype": subtype,
                "document_number": f"{prefix}字第113{serial:07d}號",
                "agency": {"name": name, "code": code}, "title": title, "title_en": title_en,
                "signed": signed.isoformat(),
                "effective": effective.isoformat() if effective else None,
                "body_html": body, "keywords": list(keywords), "attachments": [],
                "correction_of": correction_of})
            return output[-1]["document_number"]

        for k in range(3):
            person = NAMES[(week * 3 + k) % len(NAMES)]
            law, act = VIOLATIONS[(week + k) % len(VIOLATIONS)]
            document("公告", "公示送達", 2 if "道路" in law else 0,
                     f"公示送達{person}違反{law.split('第')[0]}事件裁處書",
                     _body(f"主旨：公示送達受處分人{person}違反{law}規定（{act}）之裁處書。",
                           "依據：行政程序法第七十八條、第八十條及第八十一條。",
                           f"公告事項：應受送達人{person}原址遷移不明，裁處書由本府保管，"
                           "請於公告刊登之日起二十日內至本府領取；逾期自刊登公報之日起經二十日發生送達效力。"),
                     keywords=["公示送達", "裁處書"])
        shop = SHOPS[week % len(SHOPS)]
        product = PRODUCTS[week % len(PRODUCTS)]
        document("公告", "公告", 0, f"公告本府{roc}消費者保護稽查「{product}」結果",
                 _body(f"主旨：公告本府會同相關機關稽查{shop}等業者販售{product}之結果。",
                       "依據：消費者保護法第三十三條、第三十六條。",
                       "公告事項：稽查業者共十二家，其中二家標示不符規定，已限期改正；"
                       "逾期未改正者，依消費者保護法第五十八條處罰。"),
                 title_en=(f"Results of the consumer-protection inspection of {week + 1}"
                           if week % 3 == 0 else None),
                 keywords=["消費者保護", "稽查"])
        document("公告", "一般處分", 2, f"公告{shop.split('區')[0]}區道路臨時交通管制措施",
                 _body("主旨：公告因道路工程施工，實施臨時交通管制。",
                       "依據：道路交通管理處罰條例第五條、市區道路條例第九條。",
                       "公告事項：管制期間車輛改道行駛，請用路人配合。"),
                 keywords=["交通管制"])
        if week % 2 == 0:
            rule, rule_en = RULES[(week // 2) % len(RULES)]
            document("行政規則", None, 2, f"修正「{rule}」，並自即日生效",
                     _body(f"修正「{rule}」第三點、第五點及第八點規定。",
                           "一、公務車輛應指定專人保管，每月填報車輛使用及油料紀錄。",
                           "二、車輛停放應依規定場所，不得違規停放或占用身心障礙者專用停車位。"),
                     title_en=f"Amendment of the {rule_en}", effective=published,
                     keywords=["車輛管理", "行政規則"])
        if week % 3 == 1:
            regulation, subtype = REGULATIONS[(week // 3) % len(REGULATIONS)]
            number_doc = document(
                "法規", subtype, 1, f"修正「{regulation}」部分條文",
                _body(f"修正「{regulation}」第四條、第十二條條文，自公布日施行。",
                      "第四條　本府為辦理本自治法規事項，得委任所屬機關執行。",
                      "第十二條　本規則自公布日施行。"),
                keywords=["法規修正", subtype],
                effective=published + datetime.timedelta(days=1))
            if week % 6 == 1:
                document("其他", "更正", 1, f"更正本府公報{issue['roc_year']}年{volume}字第"
                         f"{number}期「{regulation}」部分條文誤植",
                         _body("主旨：更正前刊登之法規修正條文第十二條誤植文字。",
                               "更正事項：「本規則」更正為「本自治條例」。"),
                         title_en="Correction of a misprint", keywords=["更正"],
                         correction_of=number_doc)
        if week == DRAFT_WEEK:
            title, title_en, agency_index, paragraphs, keywords = CLOSED_DRAFT
            document("法規預告", None, agency_index, title, _body(*paragraphs),
                     title_en=title_en, keywords=keywords)
        if week % 4 == 0:
            document("人事", None, 4, f"本府{roc}人事任免令",
                     _body("主旨：核定本府所屬機關人員職務調整。", "說明：依公務人員任用法辦理。"),
                     keywords=["人事"])
    return output


# The upcoming issue goes live this long after the demo is loaded, by the scheduler that
# `make run` starts beside the web server.
UPCOMING_AFTER = datetime.timedelta(minutes=3)


def upcoming_issue(builder, index):
    """Today's issue, scheduled as an editor schedules one in the admin (a go-live time on a
    published revision), so that a newcomer sees it go live by itself."""
    today = timezone.localdate()
    year, volume = numbering.roc_year_for(today), numbering.volume_for(today)
    number = upcoming_number(today)
    existing = GazetteIssuePage.objects.filter(locale=index.locale, roc_year=year,
                                               volume=volume, number=number).first()
    if existing is not None:
        builder.report("unchanged", f"gazette issue {existing.title}")
        return existing
    go_live_at = timezone.now() + UPCOMING_AFTER
    with transaction.atomic():
        issue = GazetteIssuePage(
            title=numbering.issue_label(year, volume, number),
            slug=numbering.issue_key(year, volume, number),
            roc_year=year, volume=volume, number=number, publication_date=today,
            locale=index.locale, live=False, go_live_at=go_live_at)
        wanted = upcoming_records(issue, today)
        issue.pdf = _issue_pdf(issue.title, today, wanted)
        index.add_child(instance=issue)
        issue.save_revision(approved_go_live_at=go_live_at).publish()
        with tempfile.TemporaryDirectory() as folder:
            report = import_lines(json.dumps(record, ensure_ascii=False)
                                  for record in _with_pdfs(wanted, Path(folder)))
    if report.errors:
        raise ValueError(f"demo upcoming documents are invalid: {report.errors[:3]}")
    builder.report("created", f"gazette issue {issue.title} with {report.created} documents, "
                              f"held until it goes live at "
                              f"{timezone.localtime(go_live_at):%H:%M}")
    return issue


def upcoming_records(issue, today):
    """The upcoming issue's documents: drafts until the issue goes live with them."""
    signed = today - datetime.timedelta(days=3)
    roc = numbering.roc_year_for(signed)
    key = {"roc_year": issue.roc_year, "volume": issue.volume, "number": issue.number,
           "published": today.isoformat()}

    def document(serial, kind, subtype, agency_index, title, paragraphs, title_en, keywords):
        code, name, _en, prefix = AGENCIES[agency_index]
        return {"issue": key, "type": kind, "subtype": subtype,
                "document_number": f"{prefix}字第{roc}9{serial:06d}號",
                "agency": {"name": name, "code": code}, "title": title, "title_en": title_en,
                "signed": signed.isoformat(), "effective": None, "body_html": _body(*paragraphs),
                "keywords": keywords, "attachments": [], "correction_of": None}

    return [
        document(1, "公告", "公告", 0, "公告本府國際事務年度交流計畫",
                 ["主旨：公告本府年度姊妹市及友好城市交流計畫。",
                  "依據：高雄市姊妹市交流活動補助規則。"],
                 "Annual international exchange programme", ["姊妹市", "國際交流"]),
        document(2, "公告", "公示送達", 2, "公示送達王○明違反道路交通管理處罰條例事件裁處書",
                 ["主旨：公示送達受處分人王○明違反道路交通管理處罰條例第五十六條規定之裁處書。",
                  "說明：受處分人應受送達之處所不明，依行政程序法第七十八條規定辦理公示送達。"],
                 None, ["公示送達"]),
    ]


def build(builder):
    ensure_standard_types(DocumentType)
    home = builder.home(default_language())
    index = builder.page(home, GazetteIndexPage, "gazette", title="高雄市政府公報",
                         intro="<p>本府每週發行公報，刊載法規、行政規則、政令、公告及公示送達。</p>")
    builder.translation(index, "en", title="City Gazette",
                        intro="<p>The city's weekly gazette: regulations, administrative "
                              "rules, orders, announcements and service by publication.</p>")
    for code, name, name_en, _prefix in AGENCIES:
        agency = builder.snippet(Agency, {"code": code, "locale": home.locale}, name=name)
        builder.translated_snippet(agency, "en", name=name_en)

    upcoming_issue(builder, index)
    wanted = records() + open_draft_records(timezone.localdate())
    existing = set(GazetteDocumentPage.objects.values_list("document_number", flat=True))
    missing = [record for record in wanted if record["document_number"] not in existing]
    if not missing:
        builder.report("unchanged", f"{len(wanted)} gazette documents")
        _issue_pdfs(builder, index, wanted)
        return
    with tempfile.TemporaryDirectory() as folder:
        report = import_lines(json.dumps(record, ensure_ascii=False)
                              for record in _with_pdfs(missing, Path(folder)))
    if report.errors:
        raise ValueError(f"demo gazette records are invalid: {report.errors[:3]}")
    builder.report("created", f"{report.created} gazette documents with their PDFs")
    _issue_pdfs(builder, index, wanted)


def _issue_key(record):
    issue = record["issue"]
    return issue["roc_year"], issue["volume"], issue["number"]


def _with_pdfs(records, folder):
    """The records, each with its full text as a PDF attachment written into `folder`,
    which the importer reads as it reads an attachment an editor exported."""
    for record in records:
        label = numbering.issue_label(*_issue_key(record))
        # An ASCII file name: the number's digits are unique among the demo's documents.
        digits = re.sub(r"\D", "", record["document_number"])
        path = folder / f"gazette-document-{digits}.pdf"
        path.write_bytes(demo_pdfs.document_pdf(record, label))
        yield {**record, "attachments": [
            {"title": f"全文：{record['document_number']}", "path": str(path)}]}


SEASONS = ("spring", "summer", "autumn", "winter")  # the volumes 春夏秋冬, for file names


def _issue_pdf(label, published, records):
    data = demo_pdfs.issue_pdf(label, published, records)
    document = get_document_model()(title=f"高雄市政府公報{label}（PDF）", file_size=len(data))
    year, volume, number = _issue_key(records[0])
    season = SEASONS[numbering.VOLUMES.index(volume)]
    document.file.save(f"gazette-issue-{year}-{season}-{number}.pdf",
                       ContentFile(data), save=False)
    document.save()
    return document


def _issue_pdfs(builder, index, records):
    """Each demo issue's official PDF, for the issues that have none yet."""
    by_issue = {}
    for record in records:
        by_issue.setdefault(_issue_key(record), []).append(record)
    issues = GazetteIssuePage.objects.child_of(index).filter(pdf=None)
    made = 0
    for issue in issues:
        issue_records = by_issue.get((issue.roc_year, issue.volume, issue.number))
        if issue_records:
            pdf = _issue_pdf(issue.title, issue.publication_date, issue_records)
            # As the importer made the issue: without a revision of its own.
            GazetteIssuePage.objects.filter(pk=issue.pk).update(pdf=pdf)
            made += 1
    if made:
        builder.report("created", f"{made} official gazette issue PDFs")
