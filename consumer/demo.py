"""Consumer protection from the department's reports: the complaint path, notices of every
kind written from the activities the reports describe, and the figures they publish (no
figure is made up for a period a report does not cover)."""

import datetime

from portal.i18n import default_language
from portal.models import Agency

from .models import (
    NOTICE_PAGES,
    ConsumerIndexPage,
    ConsumerNoticePage,
    ConsumerStatisticsPage,
    ReportingPeriod,
)

# (期別, period, from, to, consultations, first complaints, second complaints, mediations,
#  inspections, source)
REPORTS = [
    ("104年度", "2015", "2015-01-01", "2015-12-31", 7284, 3170, 1158, 229, 51,
     "秘書處104年度施政績效成果報告"),
    ("108年3月至8月", "Mar–Aug 2019", "2019-03-01", "2019-08-31", 5118, 2366, 614, 115, 21,
     "行政暨國際處108年3月至8月議會業務報告"),
    ("111年2月至6月", "Feb–Jun 2022", "2022-02-01", "2022-06-30", 5643, 2368, 512, 87, 13,
     "行政暨國際處111年2月至6月議會業務報告"),
]

STEPS = [
    ("諮詢", "Ask for advice",
     "<p>撥打1950消費者服務專線，或到市府消費者服務中心洽詢，了解您的權益。</p>",
     "<p>Call the 1950 consumer hotline, or visit the city's Consumer Service Centre, "
     "to learn what your rights are.</p>"),
    ("第一次申訴", "First complaint to the business",
     "<p>向企業經營者、消費者保護團體或消費者服務中心提出申訴；企業經營者應於申訴之日起"
     "15日內妥適處理（消費者保護法第43條）。</p>",
     "<p>Complain to the business, a consumer group or the Consumer Service Centre. The "
     "business must deal with it within 15 days (Consumer Protection Act, art. 43).</p>"),
    ("第二次申訴", "Second complaint to the consumer protection officer",
     "<p>未獲妥適處理時，可向本府消費者保護官提出第二次申訴。</p>",
     "<p>If the complaint is not resolved, complain a second time to the city's consumer "
     "protection officer.</p>"),
    ("調解", "Mediation",
     "<p>仍未獲妥適處理時，可向本府消費爭議調解委員會申請調解。</p>",
     "<p>If it is still unresolved, ask the city's consumer dispute mediation committee to "
     "mediate.</p>"),
]

CLINIC_DAYS = [datetime.date(2022, 2, 9) + datetime.timedelta(weeks=n) for n in range(21)
               if n not in (8, 16)]  # no sessions in the weeks of the 228 and Dragon Boat holidays


def notices():
    """(slug, kind, topic, date, 中文, English, fields, partner agency codes)."""
    return [
        ("presale-housing-contracts", "alert", "housing", datetime.date(2022, 3, 1),
         ("購買預售屋前，請先詳閱定型化契約", "Read the standard contract before buying a "
          "pre-sale home", "預售屋買賣應使用內政部公告之定型化契約，並給予5日以上審閱期。",
          "Pre-sale homes must be sold on the Ministry of the Interior's standard contract, "
          "with at least five days to read it."),
         {"affected": ("預售屋買賣契約", "Pre-sale housing contracts"),
          "advice": ("簽約前要求審閱期，確認契約符合應記載及不得記載事項；有疑義請撥1950。",
                     "Ask for the review period, check the contract against the mandatory "
                     "terms, and call 1950 if in doubt.")}, []),
        ("travel-fair-vouchers", "alert", "services", datetime.date(2019, 7, 1),
         ("旅展禮券購買注意事項", "Buying vouchers at travel fairs",
          "購買旅展禮券前，請確認使用期限、履約保證及使用限制。",
          "Before buying travel-fair vouchers, check their expiry, the performance "
          "guarantee and the restrictions."),
         {"affected": ("旅展販售之住宿及餐飲禮券", "Hotel and restaurant vouchers sold at "
                                                  "travel fairs"),
          "advice": ("保留收據與禮券，確認發行業者及履約保證銀行。",
                     "Keep the receipt and voucher; note the issuer and the guaranteeing "
                     "bank.")}, []),
        ("night-markets-and-cold-drinks-2019", "inspection", "food", datetime.date(2019, 8, 30),
         ("108年3月至8月消費場所聯合稽查結果", "Joint inspections, March to August 2019",
          "會同主管機關稽查各大賣場、示範觀光夜市、冷飲冰品店、旅展禮券、大型遊樂場及托嬰場所。",
          "With the responsible agencies we inspected stores, model night markets, cold-drink "
          "shops, travel-fair vouchers, amusement parks and day-care centres."),
         {"event_date": datetime.date(2019, 8, 30),
          "inspected": ("示範觀光夜市、冷飲冰品店、大型賣場、旅展禮券、大型遊樂場及托嬰場所之"
                        "消防安全、食品衛生及商品標示",
                        "Fire safety, food hygiene and labelling at model night markets, "
                        "cold-drink shops, stores, travel fairs, amusement parks and day-care "
                        "centres"),
          "businesses_inspected": 297,
          "findings": ("本期共計查察21次297家；清明節及端午節前加強民生食品安全及物價查訪。",
                       "21 inspections of 297 businesses; extra food-safety and price checks "
                       "before the Tomb-Sweeping and Dragon Boat festivals."),
          "follow_up": ("缺失移請主管機關依法處理並追蹤改善。",
                        "Shortcomings were passed to the responsible agencies to act on and "
                        "follow up.")},
         ["397200000A", "397080000A", "397130000A"]),
        ("contracts-and-school-lunches-2022", "inspection", "contracts",
         datetime.date(2022, 6, 30),
         ("111年2月至6月定型化契約及消費安全聯合稽查結果",
          "Joint inspections of contracts and consumer safety, February to June 2022",
          "會同主管機關查察消費場所及定型化契約，並加強學校營養午餐及加水站水質安全衛生之檢測查核。",
          "With the responsible agencies we checked businesses' standard contracts and "
          "tested school lunches and water refill stations."),
         {"event_date": datetime.date(2022, 6, 30),
          "inspected": ("家用液化石油氣供氣、預售屋及成屋、汽車維修及中古汽車買賣定型化契約"
                        "應記載及不得記載事項；學校營養午餐及加水站水質",
                        "Mandatory and prohibited terms in household gas supply, pre-sale and "
                        "completed housing, car repair and used-car sale contracts; school "
                        "lunches and the water of refill stations"),
          "businesses_inspected": 44,
          "findings": ("本期計查察13次44家，加強民生消費食品安全及物價查訪。",
                       "13 inspections of 44 businesses, with extra checks of food safety and "
                       "prices."),
          "follow_up": ("缺失移請主管機關依法處理。",
                        "Shortcomings were passed to the responsible agencies to act on.")},
         ["397080000A", "397110000A", "397200000A", "397030000A", "397120000A"]),
        ("real-estate-agents-talk-2022", "education", "housing", datetime.date(2022, 5, 5),
         ("不動產代銷業消費者保護宣導", "Consumer protection talk for real-estate agents",
          "向不動產代銷業者說明預售屋定型化契約及消費者權益。",
          "Pre-sale housing contracts and consumer rights explained to real-estate agents."),
         {"event_date": datetime.date(2022, 5, 5), "venue": ("四維行政中心", "Siwei "
                                                              "Administrative Centre"),
          "audience": ("不動產代銷業者", "Real-estate sales agents")}, []),
        ("consumer-officers-camp-2019", "education", "general", datetime.date(2019, 8, 22),
         ("108年消費者保護官的百寶營", "The consumer protection officers' camp, 2019",
          "邀請消防局及衛生局協助體驗活動，並與門市業者合作，讓學生實地體驗預防性稽查。",
          "With the fire and health bureaus, and with two shops, students saw at first hand "
          "how consumer protection officers inspect."),
         {"event_date": datetime.date(2019, 8, 22),
          "venue": ("大同3C復興門市及7-11晴朗門市", "Tatung 3C Fuxing and 7-Eleven Qinglang "
                                                  "stores"),
          "audience": ("高中職學生", "Senior high and vocational school students"),
          "attendance": 17}, []),
        ("consumer-committee-2019-1", "committee", "general", datetime.date(2019, 5, 31),
         ("108年第1次消費者保護委員會議決議", "Consumer Protection Committee, first meeting "
                                              "of 2019",
          "研擬及審議本市消費者保護基本政策，議決多項消費者保護措施。",
          "The committee set the city's consumer-protection policy and decided these "
          "measures."),
         {"event_date": datetime.date(2019, 5, 31),
          "decisions": ([
              "美耐皿餐具回收機制", "15層以上高樓裝設大樓制震器", "特色觀光餐飲及示範夜市稽查",
              "加強旅館與民宿管理", "健身中心查核", "加強銷售端蔬果安全管理",
              "強化消費者保護教育多元宣導", "輔導推動零售市場限制機車進入"], [
              "A collection scheme for melamine tableware",
              "Seismic dampers in buildings of 15 floors or more",
              "Inspections of tourist restaurants and model night markets",
              "Closer oversight of hotels and guesthouses", "Inspections of gyms",
              "Safer fruit and vegetables at the point of sale",
              "More varied consumer education",
              "Keeping motorcycles out of retail markets"])}, []),
        ("debt-clearance-clinic-2022", "clinic", "debt", datetime.date(2022, 2, 1),
         ("債務清理法律諮詢駐點服務", "Debt-clearance legal clinic",
          "與法律扶助基金會高雄分會合辦，協助消費者重建經濟生活；免費，請攜帶債務資料。",
          "Free advice with the Legal Aid Foundation's Kaohsiung branch to help people "
          "rebuild their finances; bring your debt papers."),
         {"sessions": CLINIC_DAYS}, []),
    ]


def build(builder):
    zh_home = builder.home(default_language())
    steps_zh = [("step", {"title": zh, "body": body}) for zh, _en, body, _b in STEPS]
    steps_en = [("step", {"title": en, "body": body}) for _zh, en, _b, body in STEPS]
    index = builder.page(
        zh_home, ConsumerIndexPage, "consumer", title="消費者保護", show_in_menus=True,
        intro="<p>消費警訊、稽查結果、宣導活動與申訴方式。消費爭議請撥1950。</p>",
        steps=steps_zh)
    builder.translation(index, "en", title="Consumer protection", steps=steps_en,
                        intro="<p>Consumer alerts, inspection results, events, and how to "
                              "complain. For a dispute, call 1950.</p>")
    statistics = builder.page(
        index, ConsumerStatisticsPage, "statistics", title="消費者保護統計",
        intro="<p>消費諮詢、申訴、調解及查核件數，依施政報告及議會業務報告公布之期間統計。</p>")
    builder.translation(statistics, "en", title="Consumer protection figures",
                        intro="<p>Consultations, complaints, mediations and inspections, for "
                              "the periods the department's reports cover.</p>")
    for label, label_en, start, end, *figures, source in REPORTS:
        builder.snippet(ReportingPeriod, {"label": label}, label_en=label_en,
                        start=datetime.date.fromisoformat(start),
                        end=datetime.date.fromisoformat(end), source=source,
                        **dict(zip(["consultations", "first_complaints", "second_complaints",
                                    "mediations", "inspections"], figures, strict=True)))
    for slug, kind, topic, date, text, fields, partners in notices():
        _notice(builder, index, slug, kind, topic, date, text, fields, partners)


def _notice(builder, index, slug, kind, topic, date, text, fields, partners):
    title_zh, title_en, summary_zh, summary_en = text
    zh, en = {}, {}
    for name, value in fields.items():
        if name == "decisions":
            zh[name] = [("decision", item) for item in value[0]]
            en[name] = [("decision", item) for item in value[1]]
        elif name == "sessions":
            zh[name] = [("session", {"date": day, "time": "14:00–17:00",
                                     "place": "市府消費者服務中心（四維行政中心）"})
                        for day in value]
            en[name] = [("session", {"date": day, "time": "14:00–17:00",
                                     "place": "Consumer Service Centre, Siwei Administrative "
                                              "Centre"}) for day in value]
        elif isinstance(value, tuple):
            zh[name], en[name] = value
        else:
            zh[name] = en[name] = value
    page = ConsumerNoticePage.objects.child_of(index).filter(slug=slug).specific().first()
    if page is None:
        page = builder.page(index, NOTICE_PAGES[kind], slug, title=title_zh, topic=topic,
                            date=date, summary=summary_zh, **zh)
        if partners:
            page.partner_agencies.set(Agency.objects.filter(
                code__in=partners, locale_id=page.locale_id))
            page.save_revision().publish()
    builder.translation(page, "en", title=title_en, summary=summary_en, **en)
