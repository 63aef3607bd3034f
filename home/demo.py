"""Demo home pages, site settings and About pages, written from the department's 109年度
(2020) policy plan (施政計畫)."""

import json

from wagtail.models import Page, Site

from petitions import conf
from portal.demo import ADDRESS, ADDRESS_EN
from portal.i18n import default_language
from portal.models import PortalSettings

from .models import HomePage, SiteMapPage, StandardPage

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


# The main menu: the department's nine services, each a page of the home page (by its
# slug, as the apps' demos make them) or an address of a view that is not a page.
MENU = [
    ("關於本處", "About us", "about", None),
    ("市府公報", "City Gazette", "gazette", None),
    ("姊妹市", "Sister cities", "sister-cities", None),
    ("主題展", "Exhibitions", "exhibitions", None),
    ("消費者保護", "Consumer protection", "consumer", None),
    ("開放資料", "Open data", "data", None),
    ("市長信箱/陳情", "Mayor's mailbox / petitions", "mayor-mailbox", None),
    ("消費申訴", "Consumer complaints", "consumer-complaint", None),
    ("案件查詢", "Track a case", None, "/cases/track/"),
]


def paragraph(html):
    return {"type": "paragraph", "value": html}


def heading(text):
    return {"type": "heading", "value": text}


def callout(title, html, style="contact"):
    return {"type": "callout", "value": {"style": style, "heading": title, "text": html}}


def page_link(page, text):
    """A rich-text link to a page, shown in the reader's language (Wagtail's page links)."""
    return f'<a linktype="page" id="{page.id}">{text}</a>'


def privacy_body(language, years, petition):
    if language == "en":
        return [
            paragraph("<p>This policy says what the department's website collects about you, "
                      "why, for how long, and how it is protected. It follows the Personal "
                      "Data Protection Act and the Cyber Security Management Act.</p>"),
            heading("What we collect"),
            paragraph("<p>Reading the site collects no personal data: there are no tracking "
                      "or advertising cookies and no analytics service. To stop floods of "
                      "submissions the server counts recent requests by network address, "
                      "for an hour at most; its logs record requests for security, without "
                      "personal data.</p>"
                      f"<p>When you send a petition or a consumer complaint "
                      f"({page_link(petition, 'the forms')}), we collect what you type: your "
                      "name, e-mail, phone, postal address, your message and attachments. "
                      "The form sets a cookie that protects it against forged submissions; "
                      "it holds nothing about you.</p>"),
            heading("Purpose and use"),
            paragraph("<p>We use your data to handle, answer and keep a record of your case "
                      "(Personal Data Protection Act, art. 8). Only the department and the "
                      "agency handling your case use it, within Taiwan, for this case and "
                      "for anonymous statistics. We never sell it or use it for marketing, "
                      "and we give it to no one else unless a law requires it.</p>"),
            heading("Retention"),
            paragraph(f"<p>Personal data is deleted {years} years after the case is closed: "
                      "your name, contact details, message, location and attachments are "
                      "erased, and only anonymous figures (kind, stage, agency, dates) are "
                      "kept.</p>"),
            heading("Your rights"),
            paragraph("<p>You may ask to see, copy, correct, stop the use of or delete your "
                      "data by contacting the department (below). Without the required data "
                      "we cannot handle a case.</p>"),
            heading("Information security"),
            paragraph("<p>The site is served over HTTPS only. Case data is visible only to "
                      "the officers allowed to see it; they sign in with two-step "
                      "verification, and every access to a case is logged. Attachments are "
                      "kept outside the public site and served only to those officers.</p>"),
            callout("Questions about this policy",
                    "<p>E-mail <a href=\"mailto:daia@kcg.gov.tw\">daia@kcg.gov.tw</a> or "
                    "call 07-3368333 (Monday to Friday, 8:00–17:30).</p>"),
        ]
    return [
        paragraph("<p>本政策說明本處網站蒐集您哪些資料、目的、保存期間及保護方式，"
                  "依《個人資料保護法》及《資通安全管理法》訂定。</p>"),
        heading("蒐集之資料"),
        paragraph("<p>瀏覽本網站不蒐集個人資料：本網站未使用追蹤或廣告Cookie，亦未使用網站分析服務。"
                  "為防止大量灌送表單，伺服器僅短暫（至多一小時）依網路位址計算連線次數；"
                  "系統紀錄僅供資訊安全之用，不含個人資料。</p>"
                  f"<p>您以{page_link(petition, '線上表單')}提出陳情或消費申訴時，本處蒐集您填寫之"
                  "姓名、電子郵件、電話、通訊地址、陳述內容及附件。表單所設之Cookie僅用於防止偽造送件，"
                  "不含您的任何資料。</p>"),
        heading("蒐集目的及利用"),
        paragraph("<p>您的個人資料用於處理、回覆及記錄您的案件（個人資料保護法第8條）。"
                  "僅由本處及承辦機關於我國境內，為處理本案件及去識別化之統計而利用；"
                  "不出售、不作行銷之用，除法律另有規定外，不提供予第三人。</p>"),
        heading("保存期間"),
        paragraph(f"<p>個人資料於結案後{years}年刪除：姓名、聯絡方式、陳述內容、地點及附件均予刪除，"
                  "僅保留不具識別性之統計資料（類別、階段、機關、日期）。</p>"),
        heading("您的權利"),
        paragraph("<p>您得向本處請求查詢、閱覽、製給複製本、補充或更正、停止蒐集處理利用或刪除您的個人資料"
                  "（聯絡方式如下）。未提供必要資料者，本處將無法受理案件。</p>"),
        heading("資訊安全"),
        paragraph("<p>本網站全程以HTTPS加密傳輸。案件資料僅經授權之承辦人員可以閱覽，"
                  "承辦人員以兩步驟驗證登入，每次調閱案件均留有紀錄；附件存放於公開網站之外，"
                  "僅提供授權人員下載。</p>"),
        callout("本政策相關問題",
                "<p>請寄電子郵件至 <a href=\"mailto:daia@kcg.gov.tw\">daia@kcg.gov.tw</a>，"
                "或於上班時間（週一至週五 8:00–17:30）撥打 07-3368333。</p>"),
    ]


def accessibility_body(language, petition):
    if language == "en":
        return [
            paragraph("<p>The department wants everyone, whatever their abilities or "
                      "equipment, to be able to use this website.</p>"),
            heading("Standard"),
            paragraph("<p>The site is designed to meet the Web Content Accessibility "
                      "Guidelines (WCAG) 2.1 at level AA, which Taiwan's Web Accessibility "
                      "Guidelines 2.0 (網站無障礙規範 2.0) adopt as their level AA. Every page "
                      "type is checked automatically, in both languages and at phone and "
                      "desktop widths, and by hand with the keyboard.</p>"),
            heading("Scope"),
            paragraph("<p>This statement covers the pages of this site in Chinese and in "
                      "English, its forms and its downloads. It does not cover the other "
                      "websites it links to.</p>"),
            heading("Known gaps"),
            paragraph("<ul><li>Older gazette PDFs were made from paper originals and may not "
                      "be tagged for screen readers; the text of each document is also on "
                      "its page.</li><li>The sister-city map is a picture for pointing "
                      "devices; the list beside it gives the same cities and "
                      "details.</li><li>Gazette documents are published in Chinese only; "
                      "English pages link to them.</li></ul>"),
            heading("Access keys"),
            paragraph("<p>Each page has the ::: access keys of Taiwan's guidelines: Alt+U "
                      "for the top area, Alt+C for the main content and Alt+Z for the footer "
                      "(Control+Option with the letter on a Mac).</p>"),
            heading("Report a barrier"),
            callout("Tell us what did not work",
                    "<p>If a page, a form or a document is hard to use, tell us which one "
                    "and what happened, and we will help you and fix it: e-mail "
                    "<a href=\"mailto:daia@kcg.gov.tw\">daia@kcg.gov.tw</a>, call "
                    "07-3368333 (Monday to Friday, 8:00–17:30), or "
                    f"{page_link(petition, 'write to us through the petition form')}. "
                    "We can send any document in another format.</p>"),
        ]
    return [
        paragraph("<p>本處致力讓每一位民眾，不論身心狀況或使用之設備，都能順利使用本網站。</p>"),
        heading("適用標準"),
        paragraph("<p>本網站依「網站無障礙規範 2.0」AA等級設計，即 WCAG 2.1 AA等級。"
                  "各類頁面於中英文版、手機及桌面寬度均經自動化檢測，並以鍵盤實際操作檢查。</p>"),
        heading("適用範圍"),
        paragraph("<p>本聲明適用於本網站之中文及英文網頁、線上表單及下載檔案，"
                  "不包括本網站連結之其他網站。</p>"),
        heading("已知限制"),
        paragraph("<ul><li>早期公報PDF檔由紙本轉製，可能未加入供螢幕報讀軟體使用之標籤；"
                  "各則公報之內文亦刊載於其網頁。</li><li>姊妹市地圖須以指標裝置操作，"
                  "旁列之城市清單提供相同資訊。</li><li>市府公報僅以中文發布，英文網頁提供連結。</li></ul>"),
        heading("快速鍵"),
        paragraph("<p>各網頁均設有「網站無障礙規範」之 ::: 定位點：Alt+U 上方功能區塊、"
                  "Alt+C 中央內容區塊、Alt+Z 下方功能區塊（Mac 請按 Control+Option 加字母）。</p>"),
        heading("反映無障礙問題"),
        callout("遇到無法使用的內容，請告訴我們",
                "<p>若有網頁、表單或文件不易使用，請告知頁面及情形，本處將協助您並儘速改善："
                "電子郵件 <a href=\"mailto:daia@kcg.gov.tw\">daia@kcg.gov.tw</a>、"
                "電話 07-3368333（週一至週五 8:00–17:30），"
                f"或{page_link(petition, '以市長信箱線上表單反映')}。"
                "各項文件均可依需要提供其他格式。</p>"),
    ]


def open_data_body(language, data):
    if language == "en":
        return [
            paragraph("<p>To make the information on this website as useful as possible, "
                      "the data on it, unless marked otherwise, are released under the "
                      "<a href=\"https://data.gov.tw/license\">Open Government Data License, "
                      "version 1.0</a> (政府資料開放授權條款－第1版).</p>"),
            paragraph("<p>Anyone may use them free of charge, for any purpose, in any place "
                      "and for any time, non-exclusively and irrevocably: copy, distribute, "
                      "adapt, and combine them with other data, commercially or not.</p>"),
            heading("Attribution"),
            paragraph("<p>When you use the data, name their provider as the licence asks, "
                      "for example: “Data provided by the Kaohsiung City Government "
                      "Department of Administration and International Affairs, released "
                      "under the Open Government Data License, version 1.0.”</p>"),
            heading("Not covered"),
            paragraph("<p>Works of third parties shown on the site (such as photos lent by "
                      "sister cities) and content marked with other terms are not covered; "
                      "their own terms apply.</p>"),
            paragraph(f"<p>The department's datasets are listed on "
                      f"{page_link(data, 'the open data page')}, in open formats and through "
                      "the CKAN API, DCAT and Data Package.</p>"),
        ]
    return [
        paragraph("<p>為利各界廣為利用本網站資料，本網站上之資料，除另有特別標示者外，均以"
                  "<a href=\"https://data.gov.tw/license\">「政府資料開放授權條款－第1版」</a>"
                  "提供公眾使用。</p>"),
        paragraph("<p>使用者得不限目的、時間及地域、非專屬、不可撤回、免授權金利用本網站資料，"
                  "包括重製、散布、改作及與其他資料結合，商業或非商業用途皆可。</p>"),
        heading("顯名聲明"),
        paragraph("<p>利用時請依授權條款標示提供機關，例如：「本資料由高雄市政府行政暨國際處提供，"
                  "依政府資料開放授權條款－第1版釋出。」</p>"),
        heading("不適用之內容"),
        paragraph("<p>本網站刊載之第三人著作（例如姊妹市提供之照片）及另有授權標示之內容，"
                  "不適用本宣告，依其標示之條件利用。</p>"),
        paragraph(f"<p>本處資料集請見{page_link(data, '開放資料專區')}，"
                  "以開放格式提供下載，並可由 CKAN API、DCAT 及 Data Package 介接。</p>"),
    ]


def contact_body(language, petition, complaint):
    if language == "en":
        track = '<a href="/en/cases/track/">track your case</a>'
        return [
            callout("Department of Administration and International Affairs",
                    f"<p>{ADDRESS_EN}<br>(Siwei Administrative Centre)</p>"
                    "<p>Phone: 07-3368333<br>E-mail: "
                    "<a href=\"mailto:daia@kcg.gov.tw\">daia@kcg.gov.tw</a><br>"
                    "Office hours: Monday to Friday, 8:00–17:30</p>"),
            heading("Hotlines"),
            paragraph("<ul><li><b>1999</b>: the city's service hotline, for any question "
                      "about city services (from outside Kaohsiung, 07-3368333).</li>"
                      "<li><b>1950</b>: the national consumer protection hotline, which "
                      "puts you through to the Consumer Service Centre.</li></ul>"),
            heading("Write to us"),
            paragraph(f"<p>{page_link(petition, 'Write to the Mayor')} with a petition or "
                      f"a suggestion, or {page_link(complaint, 'file a consumer complaint')}. "
                      f"With the case number and tracking code we send, you can {track} "
                      "at any time.</p>"),
        ]
    return [
        callout("高雄市政府行政暨國際處",
                f"<p>{ADDRESS}（四維行政中心）</p>"
                "<p>電話：07-3368333<br>電子郵件："
                "<a href=\"mailto:daia@kcg.gov.tw\">daia@kcg.gov.tw</a><br>"
                "服務時間：週一至週五 8:00–17:30</p>"),
        heading("服務專線"),
        paragraph("<ul><li><b>1999</b> 市民服務專線：市政問題均可撥打"
                  "（外縣市請撥 07-3368333）。</li>"
                  "<li><b>1950</b> 全國消費者服務專線：轉接本府消費者服務中心。</li></ul>"),
        heading("線上聯絡"),
        paragraph(f"<p>陳情或建議請利用{page_link(petition, '市長信箱')}，"
                  f"消費爭議請{page_link(complaint, '線上申訴')}；"
                  "送出後可憑案件編號及查詢碼隨時"
                  '<a href="/cases/track/">查詢案件進度</a>。</p>'),
    ]


SITE_MAP_INTRO = (
    "<p>本網站依「網站無障礙規範」設計，以下列出網站架構及快速鍵使用方式。</p>",
    "<p>This site follows Taiwan's web accessibility guidelines. Below are its structure "
    "and how to use its access keys.</p>",
)


def footer_page(builder, home, slug, title, title_en, body, body_en):
    page = builder.page(home, StandardPage, slug, title=title, body=json.dumps(body))
    builder.translation(page, "en", title=title_en, body=json.dumps(body_en))
    return page


def child(home, slug):
    return home.get_children().filter(slug=slug).first()


def ensure_footer_pages(builder, home):
    """網站導覽 and the footer's policy and contact pages, in both languages."""
    petition, complaint = child(home, "mayor-mailbox"), child(home, "consumer-complaint")
    data = child(home, "data")
    years = conf.retention_years()
    site_map = builder.page(home, SiteMapPage, "sitemap", title="網站導覽",
                            intro=SITE_MAP_INTRO[0])
    builder.translation(site_map, "en", title="Site map", intro=SITE_MAP_INTRO[1])
    pages = [site_map]
    pages.append(footer_page(builder, home, "privacy", "隱私權及資訊安全政策",
                             "Privacy and information security policy",
                             privacy_body("zh", years, petition),
                             privacy_body("en", years, petition)))
    pages.append(footer_page(builder, home, "accessibility", "無障礙聲明",
                             "Accessibility statement", accessibility_body("zh", petition),
                             accessibility_body("en", petition)))
    pages.append(footer_page(builder, home, "open-data-declaration", "政府網站資料開放宣告",
                             "Open data declaration", open_data_body("zh", data),
                             open_data_body("en", data)))
    pages.append(footer_page(builder, home, "contact", "聯絡我們", "Contact us",
                             contact_body("zh", petition, complaint),
                             contact_body("en", petition, complaint)))
    return pages


def link_value(label, label_en, page=None, url=None):
    value = {"label": label, "label_en": label_en}
    if page is not None:
        value["page"] = page.id
    else:
        value["url"] = url
    return value


def ensure_navigation(builder, footer_pages):
    """The main menu and the footer links, when the editors have set none."""
    settings = PortalSettings.for_site(builder.site)
    home = builder.site.root_page
    changed = False
    if not settings.main_menu:
        items = []
        for label, label_en, slug, url in MENU:
            page = child(home, slug) if slug else None
            if slug is None or page is not None:  # a service whose app is installed
                items.append({"type": "item", "value": link_value(label, label_en, page, url)})
        settings.main_menu = json.dumps(items)
        changed = True
    if not settings.footer_links:
        english = builder.locale("en")
        settings.footer_links = json.dumps([
            {"type": "link", "value": link_value(page.title, page.get_translation(english).title,
                                                 page)}
            for page in footer_pages
        ])
        changed = True
    if changed:
        settings.save()
    builder.report("created" if changed else "unchanged", "main menu and footer links")


def build_navigation(builder):
    """After every app's demo: the footer pages, and the menu of all the services."""
    home = builder.home(default_language())
    ensure_navigation(builder, ensure_footer_pages(builder, home))
