"""Demo intake pages in both languages, an officer group and account per agency, and some
seventy cases: every agency's officers have one new, one overdue in progress, one replied
and one closed; complaints go through every status. The people have ordinary Taiwanese
names and write about what the department and the bureaus handle (its reports in
../shared/seeds: sister-city exchange, the administrative centres' upkeep, the gazette, the
1999 hotline, consumer disputes)."""

import datetime
import random

from django.contrib.auth.models import Group, Permission, User
from django.utils import timezone

from bulletin.consultations import is_open
from bulletin.models import drafts_for_comment
from portal.i18n import default_language
from portal.models import Agency

from . import actions, domain
from .models import (
    AccountabilityPage,
    Case,
    CaseEvent,
    ComplaintFormPage,
    Kind,
    OfficerGroup,
    PetitionFormPage,
    Stage,
    Status,
)

DEMO_EMAIL_DOMAIN = "demo.invalid"

# People who write in: (name, the name's romanisation for a plausible e-mail address).
PEOPLE = [
    ("林怡君", "yijun.lin"), ("陳志明", "chihming.chen"), ("黃淑芬", "shufen.huang"),
    ("張家豪", "chiahao.chang"), ("李佩珊", "peishan.lee"), ("王建宏", "chienhung.wang"),
    ("吳雅婷", "yating.wu"), ("劉俊傑", "chunchieh.liu"), ("蔡宗翰", "tsunghan.tsai"),
    ("楊淑惠", "shuhui.yang"), ("許雅雯", "yawen.hsu"), ("鄭文彬", "wenpin.cheng"),
    ("謝佳穎", "chiaying.hsieh"), ("洪明哲", "mingche.hung"), ("郭美玲", "meiling.kuo"),
    ("曾國華", "kuohua.tseng"), ("邱瑞祥", "juihsiang.chiu"), ("廖婉婷", "wanting.liao"),
    ("賴冠宇", "kuanyu.lai"), ("周欣怡", "hsinyi.chou"), ("蘇建志", "chienchih.su"),
    ("葉佳蓉", "chiajung.yeh"), ("莊子豪", "tzuhao.chuang"), ("呂秀英", "hsiuying.lu"),
    ("江承恩", "chengen.chiang"), ("何宜蓁", "yichen.ho"), ("羅志偉", "chihwei.lo"),
    ("高淑華", "shuhua.kao"), ("潘俊宏", "chunhung.pan"), ("簡嘉玲", "chialing.chien"),
    ("朱家瑋", "chiawei.chu"), ("鍾宜庭", "yiting.chung"), ("彭志豪", "chihhao.peng"),
    ("游美惠", "meihui.yu"), ("詹欣穎", "hsinying.chan"), ("范振宇", "chenyu.fan"),
]

# What people write to each agency about, from the department's own work (its reports:
# sister-city exchange, the Siwei and Fengshan centres' upkeep, the gazette, the 1999
# hotline) and the bureaus' daily business: (subject, category, description, place).
PETITIONS = {
    "397000000A": [
        ("姊妹市青年交流活動報名詢問", "international",
         "看到釜山姊妹市交流的新聞，想請問今年青年交流團的報名時間、資格及費用。", ""),
        ("四維行政中心電梯故障", "administration",
         "四維行政中心北棟電梯本週兩度停在樓層之間，洽公民眾受困約十分鐘，請儘速檢修。",
         "四維行政中心"),
        ("申請市府公報紙本", "administration",
         "想申請市府公報紙本一份（刊登本里公示送達的那一期），請告知申請方式與工本費。", ""),
        ("鳳山行政中心無障礙坡道破損", "administration",
         "鳳山行政中心後棟入口無障礙坡道鋪面破損，輪椅通行困難，請修復。", "鳳山行政中心"),
    ],
    "397040000A": [
        ("1999專線等候過久", "administration",
         "週一上午撥打1999等候超過十五分鐘仍未接通，建議尖峰時段增加話務人力。", ""),
        ("市府網站圖片缺少替代文字", "administration",
         "使用螢幕報讀軟體瀏覽市府網站時，活動照片沒有替代文字，無法得知內容。", ""),
        ("停車場開放資料格式建議", "administration",
         "希望公有停車場即時車位資料提供CSV及JSON格式，方便開發者使用。", ""),
        ("陳情回覆內容過於簡略", "administration",
         "先前陳情案件的回覆只寫「已轉請相關單位處理」，希望說明具體處理情形與時程。", ""),
    ],
    "397080000A": [
        ("公有市場屋頂漏水", "other", "鳳山第一公有市場屋頂漏水，雨天攤位積水，影響衛生。",
         "鳳山區"),
        ("市場攤商占用騎樓", "other", "市場周邊攤商長期占用騎樓，行人只能走在車道上。",
         "三民區"),
        ("青年創業貸款補貼進度", "other", "申請青年創業貸款利息補貼已兩個月，想了解審查進度。", ""),
        ("商圈路燈照明不足", "other", "新堀江商圈巷弄晚上照明不足，建議增設路燈。", "新興區"),
    ],
    "397200000A": [
        ("餐廳衛生問題", "other", "苓雅區某便當店廚房有蟑螂，用餐後腸胃不適，請派員稽查。",
         "苓雅區"),
        ("流感疫苗接種地點", "welfare", "想請問長者公費流感疫苗在哪些診所可以接種，需否預約。", ""),
        ("登革熱孳生源", "environment", "社區空地積水容器多，蚊子很多，擔心登革熱。", "前鎮區"),
        ("二手菸陳情", "other", "公園兒童遊戲區常有人吸菸，請加強稽查。", "鼓山區"),
    ],
    "397030000A": [
        ("校園周邊交通安全", "education", "國小放學時段家長違停嚴重，學童過馬路危險。", "左營區"),
        ("營養午餐品質", "education", "孩子反映學校午餐菜色重複、份量不足，請督導改善。", ""),
        ("補習班夜間噪音", "education", "住家樓下補習班晚上十點後仍有學生喧嘩。", "三民區"),
        ("雙語課程師資詢問", "education", "想了解國中雙語課程的師資來源與授課方式。", ""),
    ],
    "397050000A": [
        ("消費爭議法律諮詢", "other", "與房東押金爭議，想預約市府免費法律諮詢。", ""),
        ("國家賠償申請程序", "other", "機車行經人孔蓋凹陷處摔車受傷，想了解國家賠償如何申請。",
         "苓雅區中正四路"),
        ("債務清理法律扶助", "other", "聽說市府有債務清理法律諮詢講座，想知道下一場的時間地點。",
         ""),
        ("自治條例內容查詢", "other", "想查詢最新修正的消費者保護自治條例全文。", ""),
    ],
    "397070000A": [
        ("身障補助申請文件", "welfare", "申請身心障礙者生活補助需要哪些文件，希望簡化程序。", ""),
        ("長照服務申請", "welfare", "父親中風出院，想申請居家照顧服務，不知道從何開始。", ""),
        ("托育補助延遲撥款", "welfare", "托育補助已逾兩個月未撥款，請協助查詢。", ""),
        ("獨居長者關懷", "welfare", "隔壁獨居長者多日未見出門，請社工協助訪視。", "旗津區"),
    ],
    "397100000A": [
        ("雇主積欠薪資", "other", "任職的餐廳已兩個月未發薪，請協助勞資爭議調解。", ""),
        ("職業訓練課程報名", "other", "想報名失業者職業訓練電腦課程，請問報名方式。", ""),
        ("加班費計算爭議", "other", "公司國定假日出勤未依法加倍給薪。", ""),
        ("移工宿舍安全", "other", "工廠移工宿舍擁擠且消防設備不足。", "仁武區"),
    ],
    "397110000A": [
        ("人行道地磚破損", "transport", "中正四路人行道地磚鬆動破損，長者易絆倒。",
         "苓雅區中正四路"),
        ("路面坑洞", "transport", "建國二路與中華路口路面坑洞，機車經過很危險。", "三民區"),
        ("公園遊具損壞", "environment", "社區公園溜滑梯扶手斷裂，請儘速修復並暫停使用。", "鼓山區"),
        ("側溝蓋板缺漏", "transport", "巷口側溝蓋板缺了一塊，夜間行人容易踩空。", "鳳山區"),
    ],
    "397120000A": [
        ("公園垃圾未清", "environment", "週末過後公園垃圾桶滿溢，氣味難聞。", "鼓山區"),
        ("工廠夜間異味", "environment", "大社工業區附近夜間常有刺鼻異味。", "大社區"),
        ("垃圾車收運時間調整", "environment", "希望晚上垃圾車能延後十分鐘，配合上班族下班時間。",
         "楠梓區"),
        ("露天燃燒稻草", "environment", "農地露天燃燒稻草，濃煙飄進住宅區。", "美濃區"),
    ],
    "397130000A": [
        ("旗津海岸公園設施", "other", "旗津海岸公園淋浴間故障，遊客無法使用。", "旗津區"),
        ("觀光景點導覽外語", "international", "愛河周邊導覽牌希望增加日文及韓文說明。", "鹽埕區"),
        ("民宿合法查詢", "other", "想確認訂房網站上的民宿是否為合法登記業者。", ""),
        ("景點停車收費", "other", "西子灣停車場收費標準不清楚，請公告說明。", "鼓山區"),
    ],
    "397090000A": [
        ("路燈故障請修復", "transport", "中正四路與五福路口路燈連續三晚未亮。", "苓雅區中正四路"),
        ("建議增設公車班次", "transport", "上下班時段公車班距過長，建議尖峰增班。", "三民區"),
        ("號誌秒數過短", "transport", "路口行人綠燈秒數太短，長者來不及通過。", "前鎮區"),
        ("違規停車檢舉", "transport", "巷口長期有車輛違規停放，消防車無法進入。", "苓雅區"),
    ],
    "397060000A": [
        ("房屋稅單地址錯誤", "other", "今年房屋稅單寄送地址錯誤，請更正。", ""),
        ("公有土地出租詢問", "other", "想了解市有土地標租的公告方式與資格。", ""),
        ("統一發票給獎查詢", "other", "中獎發票領獎期限與地點詢問。", ""),
        ("地價稅自用住宅申請", "other", "申請自用住宅優惠稅率需要哪些文件。", ""),
    ],
    "397140000A": [
        ("市府職缺資訊", "administration", "想了解市府約聘人員職缺公告在哪裡查詢。", ""),
        ("公務人員考試分發", "administration", "高考錄取後分發高雄市政府的作業時程。", ""),
        ("服務證明申請", "administration", "離職後需要市府服務證明，請問如何申請。", ""),
        ("志工招募", "administration", "想參加四維行政中心服務台志工，請問招募時間。",
         "四維行政中心"),
    ],
    "397000100A": [
        ("消費者服務中心電話忙線", "other", "撥打1950消費者服務專線多次忙線。", ""),
        ("消費宣導講座", "other", "社區想邀請消保講師到里民活動中心辦理消費宣導。", "三民區"),
        ("定型化契約查詢", "other", "想確認健身中心契約是否符合應記載事項。", ""),
        ("消費申訴處理進度", "other", "上月提出的消費申訴至今未收到業者回覆。", ""),
    ],
}
# Dispatch waits for these: received, not yet assigned to an agency.
NEW_PETITIONS = [
    ("騎樓高低不平", "transport", "七賢路騎樓高低落差大，推嬰兒車很難通過。", "新興區"),
    ("姊妹市主題展開放時間", "international", "想帶學生參觀四維行政中心中庭的姊妹市主題展，"
     "請問週末是否開放、可否預約導覽。", "四維行政中心"),
    ("申請公示送達文件影本", "administration", "想申請刊登於市府公報之公示送達裁處書影本。", ""),
]
# Where some petitions are about, as an Open311 partner app sends it (the officer's case
# page shows the place; Open311's GET shows it rounded).
POINTS = {"苓雅區中正四路": (22.626957, 120.296574), "鼓山區": (22.646301, 120.272530),
          "四維行政中心": (22.620335, 120.312038)}
# (subject, category, amount, description, resolution sought, business)
COMPLAINTS = [
    ("網購商品未出貨", "online", 1290, "付款後兩週未出貨，客服不回應。", "退款",
     "好康購物網有限公司"),
    ("健身房不退費", "other", 24000, "搬家後要求終止契約遭拒。", "依契約退還餘額",
     "動力健身中心股份有限公司"),
    ("手機維修爭議", "electronics", 3500, "維修後仍無法開機。", "重新維修或退費", "快修通訊行"),
    ("旅行團臨時取消", "travel", 18000, "出發前三天取消，僅退一半。", "全額退費",
     "環球旅行社股份有限公司"),
    ("補習班退費", "education", 15000, "上課未滿一個月欲退費遭拒。", "依法退費",
     "卓越文理短期補習班"),
    ("預售屋交屋延誤", "housing", 0, "交屋延誤半年。", "依約賠償", "海港建設股份有限公司"),
    ("電信合約提前解約金", "telecom", 6800, "門市人員未說明綁約條件，解約遭收高額違約金。",
     "減免違約金", "大港電信加盟門市"),
    ("餐廳預付券無法使用", "food", 2400, "購買的餐券在餐廳歇業後無法使用。", "退還餐券價金",
     "港都美食餐飲有限公司"),
]
# The states every agency's officers see their cases in: (status, days since received).
# Petitions are due in 30 days, so the one in progress since 40 days ago is overdue.
AGENCY_CASES = [(Status.ASSIGNED, 3), (Status.IN_PROGRESS, 40), (Status.REPLIED, 18),
                (Status.CLOSED, 55)]
COMPLAINT_CASES = [(Status.RECEIVED, 1), (Status.ASSIGNED, 4), (Status.IN_PROGRESS, 9),
                   (Status.IN_PROGRESS, 22), (Status.REPLIED, 12), (Status.CLOSED, 35),
                   (Status.CLOSED, 60), (Status.REPLIED, 26)]
NOTES = ["已派員現場會勘，將協調相關單位改善。", "已電話聯繫陳情人了解詳情。",
         "已函請業者於七日內提出書面說明。"]


def build(builder):
    zh_home = builder.home(default_language())
    petition = builder.page(zh_home, PetitionFormPage, "mayor-mailbox", title="市長信箱",
                            intro="<p>對市政的陳情與建議，請填寫下列表單。</p>")
    builder.translation(petition, "en", title="Write to the Mayor",
                        intro="<p>Send the city a petition or a suggestion.</p>")
    complaint = builder.page(zh_home, ComplaintFormPage, "consumer-complaint",
                             title="消費爭議申訴",
                             intro="<p>與企業經營者發生消費爭議時，可在此提出申訴。</p>")
    builder.translation(complaint, "en", title="Consumer complaint",
                        intro="<p>File a complaint about a dispute with a business.</p>")
    agencies = list(
        Agency.objects.filter(locale__language_code=default_language()).order_by("code"))
    _officers(builder, agencies)
    _cases(builder, agencies)
    accountability = builder.page(
        zh_home, AccountabilityPage, "case-accountability", title="陳情案件如期回覆情形",
        intro="<p>市府承諾在期限內回覆每一件陳情與申訴。本頁依承辦機關及收件月份，"
              "公開收件數、如期回覆比率、回覆天數中位數，以及目前未結與逾期件數。</p>")
    builder.translation(
        accountability, "en", title="Are cases answered on time?",
        intro="<p>The city promises to answer every petition and complaint within its "
              "deadline. This page shows, per agency and month received, how many cases "
              "came in, the share answered within the deadline, the median days to reply, "
              "and how many are open and overdue now.</p>")
    _history(builder, agencies)
    _comments(builder)


def _officers(builder, agencies):
    access = Permission.objects.get(codename="access_admin")
    scopes = [(f"陳情承辦-{a.short_name or a.code}", {"agency": a}) for a in agencies]
    scopes += [("消保官", {"sees_complaints": True}), ("陳情管理", {"sees_all": True})]
    for index, (name, scope) in enumerate(scopes, start=1):
        group, created = Group.objects.get_or_create(name=name)
        if created:
            group.permissions.add(access)
            OfficerGroup.objects.create(group=group, **scope)
            builder.report("created", f"officer group {name}")
        username = f"officer{index:02d}"
        if not User.objects.filter(username=username).exists():
            # No password here: `manage.py demo_officers` sets and prints them on every run.
            user = User.objects.create_user(username, email=f"{username}@{DEMO_EMAIL_DOMAIN}")
            user.groups.add(group)
            builder.report("created", f"demo officer {username} ({name})")


def demo_officers():
    return User.objects.filter(email__endswith=f"@{DEMO_EMAIL_DOMAIN}").order_by("username")


def _cases(builder, agencies):
    if Case.objects.filter(email__endswith=f"@{DEMO_EMAIL_DOMAIN}").exists():
        builder.report("unchanged", "demo cases")
        return
    now = timezone.now()
    people = iter(range(len(PEOPLE) * 3))
    created = 0
    for agency in agencies:
        for (status, days), petition in zip(AGENCY_CASES, PETITIONS.get(agency.code, []),
                                            strict=False):
            _petition(petition, status, now - datetime.timedelta(days=days, hours=days % 7),
                      agency, next(people))
            created += 1
    for days, petition in enumerate(NEW_PETITIONS, start=1):
        _petition(petition, Status.RECEIVED, now - datetime.timedelta(hours=days * 5), None,
                  next(people))
        created += 1
    consumer = next((a for a in agencies if a.code == "397000100A"), None)
    for index, ((status, days), complaint) in enumerate(zip(COMPLAINT_CASES, COMPLAINTS,
                                                            strict=True)):
        _complaint(complaint, index, status, now - datetime.timedelta(days=days, hours=3),
                   consumer, next(people))
        created += 1
    builder.report("created", f"{created} demo cases")


def _person(number, status):
    name, romanised = PEOPLE[number % len(PEOPLE)]
    phone = f"09{12 + number % 70:02d}-{(number * 379) % 1000:03d}-{(number * 611) % 1000:03d}"
    if status in (Status.REPLIED, Status.CLOSED):
        # Answered by phone, so that loading the demo sends (and prints) no reply e-mail.
        return {"name": name, "email": "", "phone": phone, "reply_channel": "phone"}
    return {"name": name, "email": f"{romanised}{number // len(PEOPLE) or ''}@{DEMO_EMAIL_DOMAIN}",
            "phone": phone, "reply_channel": "email"}


def _petition(petition, status, received, agency, number):
    subject, category, text, location = petition
    fields = {"subject": subject, "category": category, "description": text,
              "location": location, **_person(number, status)}
    if location in POINTS:
        fields["lat"], fields["long"] = POINTS[location]
    _progress(Kind.PETITION, fields, status, received, agency, number)


def _complaint(complaint, index, status, received, agency, number):
    subject, category, amount, text, sought, business = complaint
    received_day = timezone.localdate(received)
    fields = {"stage": [Stage.FIRST, Stage.SECOND, Stage.MEDIATION][index % 3],
              "business_name": business, "product_category": category,
              "amount": amount, "description": f"{subject}：{text}", "resolution_sought": sought,
              "transaction_date": received_day - datetime.timedelta(days=10),
              **_person(number, status)}
    if fields["stage"] == Stage.SECOND:
        fields.update(first_complaint_date=received_day - datetime.timedelta(days=20),
                      first_complaint_result="企業未回應")
    _progress(Kind.COMPLAINT, fields, status, received, agency, number)


def _progress(kind, fields, status, received, agency, number):
    """Create the case as received, then take it through the officers' steps to `status`."""
    case, _code = domain.create_case(kind, fields, received)
    if case.email:
        Case.objects.filter(pk=case.pk).update(receipt_status="sent", receipt_attempts=1)
    if status != Status.RECEIVED and agency:
        actions.assign(case, agency, None)
    if status in (Status.IN_PROGRESS, Status.REPLIED, Status.CLOSED):
        actions.change_status(case, Status.IN_PROGRESS, None)
        actions.add_note(case, NOTES[number % len(NOTES)], None)
    if status in (Status.REPLIED, Status.CLOSED):
        about = fields.get("subject") or fields["business_name"]
        actions.reply(case, f"{case.name}您好：有關您反映「{about}」一案，"
                            f"{agency.short_name or agency.name}已派員了解並完成處理。"
                            f"如有疑問，請洽{agency.phone}。謝謝您的寶貴意見。", None)
    if status == Status.CLOSED:
        actions.change_status(case, Status.CLOSED, None)


# A year of history for the accountability page: each agency's petitions month by month,
# most closed within the 30 days, some late, a few still open past their deadline. Not the
# department's own (397000000A): its officers keep the short case list the demo's first
# login shows. Seeded, so a reload would draw the same year.
HISTORY_MONTHS = 12
HISTORY_SEED = 20
SKIPPED_IN_HISTORY = {"397000000A"}


def _history(builder, agencies):
    now = timezone.now()
    if Case.objects.filter(received_at__lt=now - datetime.timedelta(days=70)).exists():
        builder.report("unchanged", "demo case history")
        return
    rng = random.Random(HISTORY_SEED)  # noqa: S311 (demo data, not a secret)
    today = timezone.localdate()
    created = 0
    for agency in agencies:
        petitions = PETITIONS.get(agency.code)
        if not petitions or agency.code in SKIPPED_IN_HISTORY:
            continue
        # Some agencies get many letters a month, some a few (whose figures the page then
        # withholds); some answer better than others.
        volume, late_rate = rng.choice([2, 4, 8, 12]), rng.choice([0.02, 0.05, 0.1, 0.15])
        for back in range(HISTORY_MONTHS, 0, -1):
            year, month = divmod(today.year * 12 + today.month - 1 - back, 12)
            for _n in range(rng.randint(volume // 2, volume)):
                received = timezone.make_aware(datetime.datetime(
                    year, month + 1, rng.randint(1, 28), rng.randint(8, 17), rng.randint(0, 59)))
                _past_case(agency, rng.choice(petitions), received, late_rate, rng,
                           created)
                created += 1
    builder.report("created", f"{created} demo cases of the past year")


def _past_case(agency, petition, received, late_rate, rng, number):
    subject, category, text, location = petition
    name, _romanised = PEOPLE[(number * 7) % len(PEOPLE)]
    fields = {"subject": subject, "category": category, "description": text,
              "location": location, "name": name, "email": "", "reply_channel": "phone",
              "phone": f"09{20 + number % 70:02d}-{(number * 379) % 1000:03d}-"
                       f"{(number * 611) % 1000:03d}"}
    case, _code = domain.create_case(Kind.PETITION, fields, received)
    actions.assign(case, agency, None)
    actions.change_status(case, Status.IN_PROGRESS, None)
    draw = rng.random()
    if draw < 0.04:
        return  # still open, long past its deadline
    days = rng.randint(31, 55) if draw < 0.04 + late_rate else rng.randint(2, 28)
    closed = received + datetime.timedelta(days=days, hours=rng.randint(0, 5))
    if closed >= timezone.now():
        return
    actions.change_status(case, Status.CLOSED, None)
    # The history happened then: the case and its timeline carry the days it happened on.
    Case.objects.filter(pk=case.pk).update(closed_at=closed)
    CaseEvent.objects.filter(case=case).exclude(status=Status.CLOSED).update(
        created_at=received)
    CaseEvent.objects.filter(case=case, status=Status.CLOSED).update(created_at=closed)

# What people wrote about the demo gazette's drafts for comment (法規預告), by a word of the
# draft's title. The drafts' pages show how many came in, never who or what.
COMMENTS = {
    "消費者保護": ["建議草案增列線上申訴管道，並明定受理後回覆業者及消費者之期限。",
                "定型化契約之抽查頻率未見規定，建議每年至少辦理一次並公布結果。",
                "支持本次修正，惟建議加強對高齡消費者之宣導，並於各區公所提供諮詢。"],
    "姊妹市": ["建議補助對象納入高中職學生交流團，並簡化核銷文件。",
               "補助上限宜依交流城市距離分級，遠程城市機票負擔較重。"],
    "停車場": ["收費調整幅度過大，建議分階段實施並保留夜間優惠。",
               "建議身心障礙者及孕婦停車位維持免費或半價。",
               "贊成尖峰時段累進收費，可改善周邊違規停車。",
               "建議停車場增設電動車充電格位，並另訂充電收費標準。"],
}


def _comments(builder):
    """Comments on the demo drafts, routed to the agencies that issued them (as the intake
    routes them): those on a closed draft answered, on an open one waiting."""
    made = 0
    for draft in drafts_for_comment().order_by("pk"):
        if draft.comment_cases.exists():
            continue
        texts = next((texts for word, texts in COMMENTS.items() if word in draft.title), [])
        still_open = is_open(draft.comment_deadline)
        for index, text in enumerate(texts):
            number = 40 + made
            status = Status.ASSIGNED if still_open else Status.CLOSED
            # Within the comment period: the days after the draft was published.
            received = timezone.make_aware(datetime.datetime.combine(
                draft.publication_date + datetime.timedelta(days=index + 1),
                datetime.time(9 + index, 15)))
            fields = {"subject": f"對「{draft.title}」之意見"[:200], "description": text,
                      "draft": draft, **_person(number, status)}
            _progress(Kind.COMMENT, fields, status, received, draft.agency, number)
            made += 1
    builder.report("created" if made else "unchanged",
                   f"{made} demo comments on draft regulations" if made
                   else "demo comments on draft regulations")
