"""Demo intake pages in both languages, an officer group and account per agency, and a few
dozen cases in every status, some past their deadline. Built from the department's own
vocabulary (市長信箱, 消費爭議申訴)."""

import datetime

from django.contrib.auth.models import Group, Permission, User
from django.utils import timezone

from portal.i18n import default_language
from portal.models import Agency

from . import actions, domain
from .models import Case, ComplaintFormPage, Kind, OfficerGroup, PetitionFormPage, Stage, Status

DEMO_EMAIL_DOMAIN = "demo.invalid"

PETITIONS = [
    ("路燈故障請修復", "transport", "中正四路與五福路口路燈連續三晚未亮。", "苓雅區中正四路"),
    ("建議增設公車班次", "transport", "上下班時段班距過長，建議增班。", "三民區"),
    ("公園垃圾未清", "environment", "週末後公園垃圾桶滿溢。", "鼓山區"),
    ("姊妹市交流活動詢問", "international", "想了解今年姊妹市青年交流報名方式。", ""),
    ("行政中心停車問題", "administration", "四維行政中心洽公停車位不足。", "四維行政中心"),
    ("社福補助申請流程", "welfare", "希望簡化申請文件。", ""),
]
# Where some petitions are about, as an Open311 partner app sends it (the officer's case
# page shows the place; Open311's GET shows it rounded).
POINTS = {"苓雅區中正四路": (22.626957, 120.296574), "鼓山區": (22.646301, 120.272530),
          "四維行政中心": (22.620335, 120.312038)}
COMPLAINTS = [
    ("網購商品未出貨", "online", 1290, "付款後兩週未出貨，客服不回應。", "退款"),
    ("健身房不退費", "other", 24000, "搬家後要求終止契約遭拒。", "依契約退還餘額"),
    ("手機維修爭議", "electronics", 3500, "維修後仍無法開機。", "重新維修或退費"),
    ("旅行團臨時取消", "travel", 18000, "出發前三天取消，僅退一半。", "全額退費"),
    ("補習班退費", "education", 15000, "上課未滿一個月欲退費遭拒。", "依法退費"),
    ("預售屋交屋延誤", "housing", 0, "交屋延誤半年。", "依約賠償"),
]
STATUS_CYCLE = [Status.RECEIVED, Status.ASSIGNED, Status.IN_PROGRESS, Status.REPLIED,
                Status.CLOSED, Status.ASSIGNED]


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
    consumer = next((a for a in agencies if a.code == "397000100A"), None)
    for index in range(36):
        received = now - datetime.timedelta(days=2 + index * 2, hours=index)
        received_day = timezone.localdate(received)
        status = STATUS_CYCLE[index % len(STATUS_CYCLE)]
        if index % 2:
            subject, category, amount, text, sought = COMPLAINTS[index // 2 % len(COMPLAINTS)]
            fields = {"stage": [Stage.FIRST, Stage.SECOND, Stage.MEDIATION][index % 3],
                      "business_name": subject[:4] + "公司", "product_category": category,
                      "amount": amount, "description": text, "resolution_sought": sought,
                      "transaction_date": received_day - datetime.timedelta(days=10)}
            if fields["stage"] == Stage.SECOND:
                fields.update(first_complaint_date=received_day - datetime.timedelta(days=20),
                              first_complaint_result="企業未回應")
            kind, agency = Kind.COMPLAINT, consumer
        else:
            subject, category, text, location = PETITIONS[index // 2 % len(PETITIONS)]
            fields = {"subject": subject, "category": category, "description": text,
                      "location": location}
            if location in POINTS:
                fields["lat"], fields["long"] = POINTS[location]
            kind, agency = Kind.PETITION, agencies[index % len(agencies)] if agencies else None
        fields.update(name=f"示範民眾{index + 1}", email=f"citizen{index + 1}@{DEMO_EMAIL_DOMAIN}",
                      reply_channel="email")
        if status in (Status.REPLIED, Status.CLOSED):
            # Answered by phone, so that loading the demo sends (and prints) no reply e-mail.
            fields.update(email="", phone=f"0912-000-{index + 1:03d}", reply_channel="phone")
        case, _code = domain.create_case(kind, fields, received)
        if case.email:
            Case.objects.filter(pk=case.pk).update(receipt_status="sent", receipt_attempts=1)
        if status != Status.RECEIVED and agency:
            actions.assign(case, agency, None)
        if status in (Status.IN_PROGRESS, Status.REPLIED, Status.CLOSED):
            actions.change_status(case, Status.IN_PROGRESS, None)
            actions.add_note(case, "已請承辦人員現場查看。", None)
        if status in (Status.REPLIED, Status.CLOSED):
            actions.reply(case, "感謝您的來信，本案已處理完畢。", None)
        if status == Status.CLOSED:
            actions.change_status(case, Status.CLOSED, None)
    builder.report("created", "36 demo cases")
