"""Demo home pages, site settings and About pages, written from the department's 109年度
(2020) policy plan (施政計畫)."""

import json

from wagtail.models import Page, Site

from portal.demo import ADDRESS, ADDRESS_EN
from portal.i18n import default_language
from portal.models import PortalSettings

from .models import HomePage, StandardPage

DUTIES = [
    ("以「踏實、互惠、互助」理念，積極開拓、深化與姊妹市暨友好城市交流，推動國際產業、教育、文化及觀光等交流活動。",
     "Build and deepen ties with sister and friendship cities on the principles of "
     "practicality, reciprocity and mutual help, through exchanges in industry, education, "
     "culture and tourism."),
    ("借重民間力量與駐台機關及國際組織合作，結合高雄教育、文化、宗教民俗、產業及市政建設等資源，行銷高雄。",
     "Work with civil society, foreign missions in Taiwan and international organisations "
     "to promote Kaohsiung's education, culture, traditions, industry and public works."),
    ("整合市府國際事務資源，規劃涉外培育課程及活動，提升高雄國際化綜效。",
     "Coordinate the city's international affairs and train staff for work with foreign "
     "partners."),
    ("配合新南向政策，推動南南合作，拓展與新南向國家之交流合作。",
     "Expand exchanges with the countries of the New Southbound Policy."),
    ("多元宣導消費者保護訊息，積極主動查驗消費產品標示、安全及品質，確保消費權益。",
     "Inform consumers of their rights, and inspect the labelling, safety and quality of "
     "products on sale."),
    ("以專業、迅速及公正態度，處理消費爭議申訴案件，保障消費者權益。",
     "Handle consumer dispute complaints professionally, promptly and impartially."),
    ("結合南台灣消保機構及民間團體，主動介入突發性重大消費爭議事件。",
     "Step in with southern Taiwan's consumer bodies when a major consumer dispute breaks "
     "out."),
    ("彙集民(輿)情，即時反映民眾需求，連結市府各局處研議務實處理方案，紓解民意。",
     "Gather citizens' petitions and concerns, and work with the city's bureaus on practical "
     "answers."),
    ("維護四維及鳳山行政中心軟硬體設施，建構辦公、策展及活動運用的多元空間。",
     "Maintain the Siwei and Fongshan administrative centres as offices, exhibition and event "
     "spaces."),
    ("響應溫室氣體減量政策，優先採購節能環保標章產品，推動兩行政中心節能減碳。",
     "Buy energy-efficient, eco-labelled products and cut the administrative centres' "
     "emissions."),
    ("妥善管理宿舍，辦理眷舍房地出借公益團體或其他公務機關活化使用。",
     "Manage staff housing and lend unused city property to charities and public bodies."),
    ("落實事務勞力替代方案，擴大勞務委外，推動職工教育訓練，保障勞動權益。",
     "Outsource support services where sensible while training staff and protecting their "
     "rights."),
    ("配合節能及防制空污政策，汰換老舊公務車，降低車輛逾齡率。",
     "Replace old official vehicles in line with energy and clean-air policy."),
    ("精進公文電子化品質，提升市府行政效能；強化機關資安能量，確保公務資訊安全。",
     "Improve electronic document handling and strengthen the city's information security."),
    ("強化文書處理及資訊公開，定期發行「高雄市政府電子公報」；增進檔案管理知能，發揮檔案典藏價值。",
     "Publish the Kaohsiung City Government Gazette, open government information, and keep "
     "the city's archives."),
    ("辦理市政會議業務，加強各機關間橫向聯繫，議定重要市政決策。",
     "Run the city council of bureau heads (市政會議) and coordinate decisions across "
     "agencies."),
]

BUDGET_ROWS = [
    ("壹、一般行政", "行政管理", "26,461", "不含人事費176,290千元"),
    ("貳、事務管理", "庶務管理", "91,034", ""),
    ("參、文書業務", "文書管理", "8,991", ""),
    ("肆、機要業務", "處理機要業務", "4,229", ""),
    ("伍、國際事務", "訪賓接待聯繫業務", "9,155", ""),
    ("陸、人事費及第一預備金", "人事費 176,290；第一預備金 1,067", "177,357", ""),
    ("合計", "", "317,227", ""),
]
BUDGET_ROWS_EN = [
    ("1. General administration", "Administrative management", "26,461",
     "Excluding personnel costs of 176,290"),
    ("2. General affairs", "Facilities and services", "91,034", ""),
    ("3. Documents", "Document management", "8,991", ""),
    ("4. Confidential affairs", "Confidential business", "4,229", ""),
    ("5. International affairs", "Receiving visitors and liaison", "9,155", ""),
    ("6. Personnel and first reserve", "Personnel 176,290; first reserve 1,067", "177,357", ""),
    ("Total", "", "317,227", ""),
]


def rich_list(items):
    return "<ol>" + "".join(f"<li>{item}</li>" for item in items) + "</ol>"


def budget_table(header, rows, caption):
    return {
        "data": [list(header), *[list(row) for row in rows]],
        "first_row_is_table_header": True,
        "first_col_is_header": True,
        "table_caption": caption,
    }


def about_body(language):
    if language == "en":
        return json.dumps([
            {"type": "paragraph", "value":
                "<p>The Department of Administration and International Affairs runs the "
                "Kaohsiung City Government's day-to-day administration and its international "
                "relations: the sister-city network, visiting delegations, consumer "
                "protection, citizens' petitions, the city gazette and open data.</p>"},
            {"type": "callout", "value": {
                "style": "contact", "heading": "Hotlines",
                "text": "<p>City services: <b>1999</b>. Consumer protection: <b>1950</b>.</p>"}},
        ])
    return json.dumps([
        {"type": "paragraph", "value":
            "<p>高雄市政府行政暨國際處（前身為秘書處）負責市府行政管理與國際事務，"
            "業務包括姊妹市暨友好城市交流、國際訪賓接待、消費者保護、人民陳情、"
            "市府電子公報發行及政府資料開放。</p>"},
        {"type": "callout", "value": {
            "style": "contact", "heading": "服務專線",
            "text": "<p>市民服務專線 <b>1999</b>；消費者服務專線 <b>1950</b>。</p>"}},
    ])


def ensure_home(builder):
    """Replace Wagtail's welcome page with the portal's home page as the site root."""
    zh = builder.locale(default_language())
    root = Page.get_first_root_node()
    home = HomePage.objects.filter(locale=zh, depth=2).first()
    if home is None:
        for welcome in root.get_children().filter(content_type__model="page", slug="home"):
            welcome.delete()
        home = builder.page(
            root, HomePage, "home",
            title="高雄市政府行政暨國際處",
            intro="<p>姊妹市交流、消費者保護、人民陳情、電子公報與開放資料，一站找到行國處的服務。</p>",
        )
    site = Site.objects.filter(is_default_site=True).first()
    if site is None or site.root_page_id != home.id:
        Site.objects.update_or_create(
            is_default_site=True,
            defaults={"hostname": "127.0.0.1", "port": 8000, "root_page": home,
                      "site_name": "高雄市政府行政暨國際處"},
        )
        builder.report("created", "default site")
    english = builder.translation(
        home, "en",
        title="Department of Administration and International Affairs",
        intro="<p>Sister cities, consumer protection, petitions, the city gazette and open "
              "data: the department's services in one place.</p>",
    )
    return home, english


def ensure_settings(builder):
    settings = PortalSettings.for_site(builder.site)
    if settings.site_name:
        builder.report("unchanged", "portal settings")
        return
    settings.site_name = "高雄市政府行政暨國際處"
    settings.site_name_en = (
        "Kaohsiung City Government Department of Administration and International Affairs")
    settings.address = ADDRESS
    settings.address_en = ADDRESS_EN
    settings.phone = "07-3368333"
    settings.email = "daia@kcg.gov.tw"
    settings.office_hours = "週一至週五 8:00–17:30"
    settings.office_hours_en = "Monday to Friday, 8:00–17:30"
    settings.save()
    builder.report("created", "portal settings")


def ensure_about(builder, home, home_en):
    about = builder.page(
        home, StandardPage, "about", title="關於本處", show_in_menus=True,
        summary="行政暨國際處的任務、業務職掌與年度施政計畫。", body=about_body("zh"),
    )
    builder.translation(
        about, "en", title="About us",
        summary="The department's mission, duties and yearly policy plan.",
        body=about_body("en"),
    )
    duties = builder.page(
        about, StandardPage, "duties", title="業務職掌",
        summary="109年度施政計畫提要所列十六項施政重點。",
        body=json.dumps([
            {"type": "paragraph",
             "value": "<p>依據本處109年度施政計畫提要，本處施政重點如下：</p>"},
            {"type": "paragraph", "value": rich_list(zh for zh, _ in DUTIES)},
        ]),
    )
    builder.translation(
        duties, "en", title="Duties",
        summary="The sixteen priorities of the 2020 policy plan.",
        body=json.dumps([
            {"type": "paragraph", "value": "<p>The department's 2020 policy plan sets out "
                                           "these priorities:</p>"},
            {"type": "paragraph", "value": rich_list(en for _, en in DUTIES)},
        ]),
    )
    budget = builder.page(
        about, StandardPage, "budget", title="109年度施政計畫與預算",
        summary="施政計畫與預算配合對照表，單位：新臺幣千元。",
        body=json.dumps([
            {"type": "paragraph", "value": "<p>本處109年度主要預算合計317,227千元，"
                                           "其中人事費176,290千元。</p>"},
            {"type": "table", "value": budget_table(
                ("類", "項", "主要預算（千元）", "備考"), BUDGET_ROWS,
                "高雄市政府行政暨國際處109年度施政計畫與預算配合對照表（單位：千元）")},
        ]),
    )
    builder.translation(
        budget, "en", title="2020 policy plan and budget",
        summary="How the 2020 budget matches the policy plan, in thousands of NT dollars.",
        body=json.dumps([
            {"type": "paragraph", "value": "<p>The department's 2020 budget totals NT$317,227 "
                                           "thousand, of which NT$176,290 thousand is "
                                           "personnel costs.</p>"},
            {"type": "table", "value": budget_table(
                ("Category", "Item", "Budget (NT$ thousand)", "Notes"), BUDGET_ROWS_EN,
                "Department of Administration and International Affairs: 2020 budget by "
                "programme (NT$ thousand)")},
        ]),
    )
    return about


def service(title, description, page):
    return {"type": "service", "value": {"title": title, "description": description,
                                         "page": page.id}}


def ensure_services(builder, home, home_en, about):
    """Service cards on the home page; each app's demo adds the cards of its own section."""
    if home.services:
        builder.report("unchanged", "home page services")
        return
    # Children were added since these were loaded: reload, or saving would reset the tree.
    home.refresh_from_db()
    home_en.refresh_from_db()
    en = home_en.locale
    duties, budget = about.get_children().order_by("path")[:2]
    home.services = json.dumps([
        service("關於本處", "本處任務與組織", about),
        service("業務職掌", "姊妹市、消保、陳情、公報與開放資料", duties),
        service("施政計畫與預算", "109年度施政計畫與預算對照表", budget),
    ])
    home.save_revision().publish()
    home_en.services = json.dumps([
        service("About us", "Our mission and organisation", about.get_translation(en)),
        service("Duties", "Sister cities, consumer protection, petitions, gazette, open data",
                duties.get_translation(en)),
        service("Policy plan and budget", "The 2020 plan and budget", budget.get_translation(en)),
    ])
    home_en.save_revision().publish()
    builder.report("created", "home page services")


def build(builder):
    home, home_en = ensure_home(builder)
    ensure_settings(builder)
    about = ensure_about(builder, home, home_en)
    ensure_services(builder, home, home_en, about)
