"""The partner-city network, the atrium exhibitions and the visits log, from the
department's reports (Feb–Jun 2022, Mar–Aug 2019, 2015): the 13 cities of the monthly
series from 2021-01 to 2022-04, the 城市市鑰 (city keys) theme from 2022-05, Koror State
(2021-09-17) and Bratislava Region (2022-06-09, the 36th). The reports name 18 partners;
the other 18 fill the network out to its real size of 36 and carry no date, because the
reports give none: their pages say the date is not recorded. After the reports' series,
the atrium shows one partner city a month; the demo adds this month's and next month's
exhibitions, from the day it is loaded. Pictures are drawn with Pillow
(portal/demo_pictures.py), never fetched."""

import calendar
import datetime
from decimal import Decimal

from django.utils import timezone

from portal.dates import format_ad_month
from portal.demo import DEPARTMENT_CODE
from portal.demo_pictures import city_scene, poster
from portal.i18n import default_language
from portal.models import Agency

from .models import (
    ExhibitionIndexPage,
    ExhibitionPage,
    SisterCityIndexPage,
    SisterCityPage,
    Venue,
    Visit,
)

# slug: (中文名, English, native, 國家, country, relationship, established, lat, lng, site)
CITIES = {
    "busan": ("釜山市", "Busan", "부산광역시", "韓國", "South Korea", "sister", None,
              "35.17955", "129.07564", "https://www.busan.go.kr"),
    "daegu": ("大邱市", "Daegu", "대구광역시", "韓國", "South Korea", "friendship", None,
              "35.87139", "128.60194", "https://www.daegu.go.kr"),
    "daejeon": ("大田市", "Daejeon", "대전광역시", "韓國", "South Korea", "friendship", None,
                "36.35111", "127.38500", "https://www.daejeon.go.kr"),
    "suwon": ("水原市", "Suwon", "수원시", "韓國", "South Korea", "friendship", None,
              "37.26361", "127.02861", "https://www.suwon.go.kr"),
    "kumamoto-prefecture": ("熊本縣", "Kumamoto Prefecture", "熊本県", "日本", "Japan",
                            "friendship", None, "32.78972", "130.74167",
                            "https://www.pref.kumamoto.jp"),
    "kumamoto-city": ("熊本市", "Kumamoto City", "熊本市", "日本", "Japan", "friendship", None,
                      "32.80306", "130.70778", "https://www.city.kumamoto.jp"),
    "hachioji": ("八王子市", "Hachioji", "八王子市", "日本", "Japan", "friendship", None,
                 "35.66556", "139.31611", "https://www.city.hachioji.tokyo.jp"),
    "akita": ("秋田縣", "Akita Prefecture", "秋田県", "日本", "Japan", "mou", None,
              "39.71861", "140.10250", "https://www.pref.akita.lg.jp"),
    "portland": ("波特蘭市", "Portland", "Portland", "美國", "United States", "sister", None,
                 "45.51523", "-122.67838", "https://www.portland.gov"),
    "honolulu": ("檀香山市", "Honolulu", "Honolulu", "美國", "United States", "sister", None,
                 "21.30694", "-157.85833", "https://www.honolulu.gov"),
    "san-antonio": ("聖安東尼市", "San Antonio", "San Antonio", "美國", "United States",
                    "sister", None, "29.42412", "-98.49363", "https://www.sanantonio.gov"),
    "tulsa": ("陶沙市", "Tulsa", "Tulsa", "美國", "United States", "sister", None,
              "36.15398", "-95.99277", "https://www.cityoftulsa.org"),
    "seattle": ("西雅圖市", "Seattle", "Seattle", "美國", "United States", "sister", None,
                "47.60621", "-122.33207", "https://www.seattle.gov"),
    "brisbane": ("布里斯本市", "Brisbane", "Brisbane", "澳洲", "Australia", "sister", None,
                 "-27.46977", "153.02513", "https://www.brisbane.qld.gov.au"),
    "erzgebirgskreis": ("礦山縣", "Erzgebirgskreis", "Erzgebirgskreis", "德國", "Germany",
                        "friendship", None, "50.64000", "12.98000",
                        "https://www.erzgebirgskreis.de"),
    "belize-city": ("貝里斯市", "Belize City", "Belize City", "貝里斯", "Belize", "sister",
                    None, "17.50456", "-88.19621", "https://belizecitycouncil.org"),
    "koror": ("科羅州", "Koror State", "Oreor", "帛琉", "Palau", "sister",
              datetime.date(2021, 9, 17), "7.34171", "134.47969", ""),
    "bratislava-region": ("布拉提斯拉瓦省", "Bratislava Region", "Bratislavský kraj",
                          "斯洛伐克", "Slovakia", "partner", datetime.date(2022, 6, 9),
                          "48.14816", "17.10674", "https://bratislavskykraj.sk"),
    # Not named in the reports: the rest of the network, as an illustration.
    "mie": ("三重縣", "Mie Prefecture", "三重県", "日本", "Japan", "mou", None,
            "34.73028", "136.50861", "https://www.pref.mie.lg.jp"),
    "chiba": ("千葉縣", "Chiba Prefecture", "千葉県", "日本", "Japan", "mou", None,
              "35.60472", "140.12333", "https://www.pref.chiba.lg.jp"),
    "yamagata": ("山形縣", "Yamagata Prefecture", "山形県", "日本", "Japan", "mou", None,
                 "38.24056", "140.36333", "https://www.pref.yamagata.jp"),
    "miyazaki": ("宮崎縣", "Miyazaki Prefecture", "宮崎県", "日本", "Japan", "mou", None,
                 "31.91111", "131.42389", "https://www.pref.miyazaki.lg.jp"),
    "shimoda": ("下田市", "Shimoda", "下田市", "日本", "Japan", "mou", None,
                "34.67972", "138.94528", "https://www.city.shimoda.shizuoka.jp"),
    "hirosaki": ("弘前市", "Hirosaki", "弘前市", "日本", "Japan", "mou", None,
                 "40.60306", "140.46417", "https://www.city.hirosaki.aomori.jp"),
    "shimanto": ("四萬十市", "Shimanto", "四万十市", "日本", "Japan", "mou", None,
                 "32.99111", "132.93389", "https://www.city.shimanto.lg.jp"),
    "fuefuki": ("笛吹市", "Fuefuki", "笛吹市", "日本", "Japan", "mou", None,
                "35.64722", "138.63972", "https://www.city.fuefuki.yamanashi.jp"),
    "kai": ("甲斐市", "Kai", "甲斐市", "日本", "Japan", "mou", None,
            "35.66083", "138.51556", "https://www.city.kai.yamanashi.jp"),
    "matsumoto": ("松本市", "Matsumoto", "松本市", "日本", "Japan", "mou", None,
                  "36.23806", "137.97194", "https://www.city.matsumoto.nagano.jp"),
    "ho-chi-minh-city": ("胡志明市", "Ho Chi Minh City", "Thành phố Hồ Chí Minh", "越南",
                         "Vietnam", "mou", None, "10.82302", "106.62965",
                         "https://www.hochiminhcity.gov.vn"),
    "penang": ("檳城州", "Penang", "Pulau Pinang", "馬來西亞", "Malaysia", "mou", None,
               "5.41410", "100.32875", "https://www.penang.gov.my"),
    "surabaya": ("泗水市", "Surabaya", "Surabaya", "印尼", "Indonesia", "mou", None,
                 "-7.25747", "112.75209", "https://www.surabaya.go.id"),
    "cebu-city": ("宿霧市", "Cebu City", "Dakbayan sa Sugbo", "菲律賓", "Philippines", "mou",
                  None, "10.31570", "123.88543", "https://www.cebucity.gov.ph"),
    "majuro": ("馬久羅", "Majuro", "Mājro", "馬紹爾群島", "Marshall Islands", "partner", None,
               "7.08971", "171.38027", ""),
    "funafuti": ("富納富提", "Funafuti", "Funafuti", "吐瓦魯", "Tuvalu", "partner", None,
                 "-8.52425", "179.19417", ""),
    "vilnius": ("維爾紐斯市", "Vilnius", "Vilnius", "立陶宛", "Lithuania", "partner", None,
                "54.68716", "25.27965", "https://vilnius.lt"),
    "graz": ("格拉茲市", "Graz", "Graz", "奧地利", "Austria", "partner", None,
             "47.07071", "15.43950", "https://www.graz.at"),
}

SUMMARIES = {
    "busan": ("高雄最早的姊妹市，兩市同為港口城市，交流涵蓋港灣、教育與觀光。",
              "Kaohsiung's oldest sister city; both are port cities, with exchanges in "
              "harbours, education and tourism."),
    "kumamoto-city": ("友好城市，111年3月兩市市長以視訊會議祝賀締盟5周年。",
                      "Friendship city; in March 2022 the mayors marked five years of "
                      "friendship in a video meeting."),
    "koror": ("110年9月17日締結為姊妹市；疫情期間本市致贈雙語書籍及防疫物資。",
              "Sister city since 17 September 2021; during the pandemic the city sent "
              "bilingual books and medical supplies."),
    "bratislava-region": ("111年6月9日簽署夥伴協定，成為高雄第36個姊妹市及友好夥伴城市。",
                          "Partnership agreement signed on 9 June 2022: Kaohsiung's 36th "
                          "sister or partner city."),
    "portland": ("姊妹市，本市多次組團參加波特蘭玫瑰節花車遊行。",
                 "Sister city; Kaohsiung delegations have joined the Portland Rose Festival "
                 "parade."),
    "brisbane": ("姊妹市，雙方於亞太城市高峰會及智慧城市論壇交流。",
                 "Sister city; the two meet at the Asia Pacific Cities Summit and the Smart "
                 "City Summit."),
    "belize-city": ("姊妹市，贈予本市之市鑰於「城市市鑰」主題展展出。",
                    "Sister city; the key it gave Kaohsiung was shown in the City Keys "
                    "exhibition."),
}

# slug: [(date, kind, 中文, English)]
EXCHANGES = {
    "busan": [(datetime.date(2022, 4, 1), "event",
               "釜山姊妹市55周年紀念「釜山姊妹市照片展」於四維行政中心中庭展出。",
               "Busan sister-city 55th anniversary photo show in the Siwei centre atrium.")],
    "kumamoto-city": [(datetime.date(2022, 3, 17), "video",
                       "陳其邁市長與大西一史市長視訊會議，祝賀締盟5周年。",
                       "Mayor Chen Chi-mai and Mayor Kazufumi Onishi met by video for the "
                       "fifth anniversary.")],
    "koror": [(datetime.date(2021, 9, 17), "mou", "締結姊妹市。", "Sister-city agreement."),
              (datetime.date(2022, 2, 7), "event",
               "經我駐帛琉大使館轉交賀函及中英雙語書籍，祝賀新任州長就職。",
               "Congratulations and bilingual books for the new governor, through the "
               "embassy."),
              (datetime.date(2022, 2, 22), "aid",
               "捐贈醫療口罩10,800片、N95口罩1,440片及快篩試劑2,000份予帛琉。",
               "10,800 medical masks, 1,440 N95 masks and 2,000 rapid tests sent to "
               "Palau.")],
    "bratislava-region": [(datetime.date(2022, 6, 9), "mou",
                           "陳其邁市長與德若巴省長簽署「高雄市及布拉提斯拉瓦省夥伴協定」。",
                           "Mayor Chen and Governor Juraj Droba signed the partnership "
                           "agreement.")],
    "portland": [(datetime.date(2019, 6, 5), "visit",
                  "本處代表與樹德家商表演團參加2019波特蘭玫瑰節花車遊行。",
                  "The department and the Shu-Te school troupe joined the 2019 Rose "
                  "Festival parade.")],
    "brisbane": [(datetime.date(2019, 7, 5), "visit",
                  "本處代表參加2019亞太城市高峰會。",
                  "The department attended the 2019 Asia Pacific Cities Summit."),
                 (datetime.date(2022, 3, 24), "video",
                  "布里斯本線上參與2022智慧城市論壇，分享智慧儀表板經驗。",
                  "Brisbane joined the 2022 Smart City Summit online.")],
    "belize-city": [(datetime.date(2019, 3, 29), "visit",
                     "韋柏納市長拜會本府，就都市發展、廢棄物處理等議題交流。",
                     "Mayor Bernard Wagner visited to discuss urban development and waste "
                     "management.")],
}

# The monthly series in the Siwei atrium: (city slug, start, end). The atrium closed
# during the nationwide level-3 alert of 2021-05-19 to 2021-07-26.
MONTHLY = [
    ("daegu", (2021, 1, 4), (2021, 1, 29)), ("daejeon", (2021, 2, 1), (2021, 2, 26)),
    ("suwon", (2021, 3, 1), (2021, 3, 31)), ("kumamoto-prefecture", (2021, 4, 1), (2021, 4, 30)),
    ("kumamoto-city", (2021, 5, 3), (2021, 5, 18)), ("hachioji", (2021, 8, 2), (2021, 8, 31)),
    ("portland", (2021, 9, 1), (2021, 9, 30)), ("honolulu", (2021, 10, 1), (2021, 10, 29)),
    ("san-antonio", (2021, 11, 1), (2021, 11, 30)), ("tulsa", (2021, 12, 1), (2021, 12, 30)),
    ("brisbane", (2022, 1, 3), (2022, 1, 28)),
    ("erzgebirgskreis", (2022, 2, 7), (2022, 3, 31)),
]

# (date, 訪團, delegation, city slug or None, 地點, place, 目的, purpose)
VISITS = [
    (datetime.date(2019, 3, 15), "美國在台協會高雄分處歐雨修處長",
     "AIT Kaohsiung Branch Director",
     None, "美國", "United States", "經濟、文化及雙語教育交流。",
     "Economy, culture and bilingual education."),
    (datetime.date(2019, 3, 29), "貝里斯市韋柏納市長", "Mayor of Belize City", "belize-city",
     "貝里斯", "Belize", "都市發展、廢棄物處理、醫療與教育制度交流。",
     "Urban development, waste management, health care and education."),
    (datetime.date(2019, 5, 2), "日本自由民主黨青年局訪團",
     "Liberal Democratic Party Youth Division",
     None, "日本", "Japan", "台日青年交流與城市合作。", "Youth exchange and city cooperation."),
    (datetime.date(2019, 5, 16), "紐西蘭商工辦事處涂慕怡代表",
     "New Zealand Commerce and Industry Office",
     None, "紐西蘭", "New Zealand", "經貿、電影、文化及原住民族交流。",
     "Trade, film, culture and indigenous exchange."),
    (datetime.date(2019, 6, 6), "西雅圖－高雄姊妹市協會訪團",
     "Seattle–Kaohsiung Sister City Association",
     "seattle", "美國", "United States", "姊妹市民間交流。",
     "Sister-city exchange between citizens."),
    (datetime.date(2019, 7, 25), "長野縣松本市菅谷昭市長", "Mayor of Matsumoto", "matsumoto",
     "日本", "Japan", "長照政策、社會福利及觀光交流。",
     "Long-term care, social welfare and tourism."),
    (datetime.date(2022, 3, 14), "德國在台協會許佑格處長",
     "German Institute Taipei Director General",
     None, "德國", "Germany", "智慧城市及住宅政策交流。", "Smart city and housing policy."),
    (datetime.date(2022, 3, 16), "加拿大駐台北貿易辦事處芮喬丹代表",
     "Canadian Trade Office Executive Director",
     None, "加拿大", "Canada", "雙聯學制、藝文、城市交流及經貿。",
     "Dual degrees, culture, city exchange and trade."),
    (datetime.date(2022, 3, 17), "熊本市大西一史市長（視訊）",
     "Mayor of Kumamoto (video meeting)",
     "kumamoto-city", "日本", "Japan", "祝賀締盟5周年，期許產業、觀光及運動交流。",
     "Fifth anniversary; industry, tourism and sport."),
    (datetime.date(2022, 3, 24), "日本台灣交流協會高雄事務所小野一彥所長",
     "Japan–Taiwan Exchange Association Kaohsiung Office", None, "日本", "Japan",
     "教育、農業及產業合作。", "Education, agriculture and industry."),
    (datetime.date(2022, 3, 29), "駐台北韓國代表部鄭炳元代表",
     "Korean Mission in Taipei Representative",
     None, "韓國", "South Korea", "後疫情時代觀光及教育交流。",
     "Tourism and education after the pandemic."),
    (datetime.date(2022, 6, 9), "斯洛伐克國會議員暨布拉提斯拉瓦省聯合訪團",
     "Slovak parliamentary and Bratislava Region delegation", "bratislava-region",
     "斯洛伐克", "Slovakia", "簽署夥伴協定，深化經濟、衛生、科技、觀光、文化及教育合作。",
     "Signing the partnership agreement."),
]


def _city_picture(builder, slug):
    name_zh, name_en = CITIES[slug][0], CITIES[slug][1]
    return builder.image(f"{name_zh}港灣天際線 {name_en} skyline", f"{slug}-skyline.jpg",
                         lambda: city_scene(slug, name_en))


def _city_alt(slug):
    name_zh, name_en = CITIES[slug][0], CITIES[slug][1]
    return (f"插畫：{name_zh}的港灣天際線，高樓、港口起重機與水上貨輪，"
            f"下方寫著城市名稱「{name_en}」",
            f"Illustration: the {name_en} waterfront skyline, with towers, harbour cranes and "
            "a cargo ship on the water, the city's name written below")


def _poster(builder, slug, title_zh, heading, lines):
    return builder.image(f"{title_zh}海報 {heading} poster", f"{slug}-poster.jpg",
                         lambda: poster(slug, heading, lines))


def _gallery(image, alt, caption):
    return [("image", {"image": image, "alt_text": alt, "caption": caption})]


def build(builder):
    zh_home = builder.home(default_language())
    department = Agency.objects.filter(code=DEPARTMENT_CODE, locale=zh_home.locale).first()
    city_index = builder.page(
        zh_home, SisterCityIndexPage, "sister-cities", title="姊妹市及友好城市",
        intro="<p>高雄與世界36個姊妹市、友好城市及夥伴城市的交流網絡。</p>", show_in_menus=True)
    builder.translation(
        city_index, "en", title="Sister and partner cities",
        intro="<p>Kaohsiung's network of 36 sister, friendship and partner cities.</p>")
    cities = _cities(builder, city_index, department)
    venue = builder.snippet(Venue, {"name": "四維行政中心中庭", "locale": zh_home.locale},
                            address="802高雄市苓雅區四維三路2號",
                            opening_hours="週一至週五 08:00–17:30（國定假日休館）")
    builder.translated_snippet(venue, "en", name="Atrium, Siwei Administrative Centre",
                               address="No. 2, Siwei 3rd Rd., Lingya District, Kaohsiung 802",
                               opening_hours="Monday to Friday 08:00–17:30 (closed on public "
                                             "holidays)")
    exhibition_index = builder.page(
        zh_home, ExhibitionIndexPage, "exhibitions", title="姊妹市主題展",
        intro="<p>每月一個姊妹市或友好城市，於四維行政中心中庭展出城市介紹、工藝品、"
              "照片及影片。</p>", show_in_menus=True)
    builder.translation(exhibition_index, "en", title="Sister-city exhibitions",
                        intro="<p>One partner city a month in the Siwei Administrative Centre "
                              "atrium: texts, crafts, photos and video.</p>")
    _exhibitions(builder, exhibition_index, cities, venue)
    _visits(builder, zh_home, cities)


def _cities(builder, index, department):
    pages = {}
    for slug, row in CITIES.items():
        (name_zh, name_en, native, country, country_en, relationship, established, lat, lng,
         url) = row
        summary_zh, summary_en = SUMMARIES.get(slug, (
            f"{country}{name_zh}，為高雄的{_relationship_zh(relationship)}。",
            f"{name_en}, {country_en}: Kaohsiung's {_relationship_en(relationship)}."))
        image = _city_picture(builder, slug)
        alt_zh, alt_en = _city_alt(slug)
        timeline = [("exchange", {"date": date, "kind": kind, "description": zh,
                                  "agencies": [department] if department else []})
                    for date, kind, zh, _en in EXCHANGES.get(slug, [])]
        page = builder.page(
            index, SisterCityPage, slug, title=name_zh, name_zh=name_zh, name_en=name_en,
            name_native=native, country=country, country_en=country_en,
            relationship=relationship, date_established=established,
            latitude=Decimal(lat), longitude=Decimal(lng), official_url=url,
            summary=summary_zh, timeline=timeline,
            gallery=_gallery(image, alt_zh, f"{name_zh}港灣風光（示意插畫）"))
        english_timeline = [("exchange", {"date": date, "kind": kind, "description": en,
                                          "agencies": [department] if department else []})
                            for date, kind, _zh, en in EXCHANGES.get(slug, [])]
        builder.translation(
            page, "en", title=name_en, country=country_en, summary=summary_en,
            timeline=english_timeline,
            gallery=_gallery(image, alt_en, f"The {name_en} waterfront (illustration)"))
        pages[slug] = page
    return pages


def _relationship_zh(relationship):
    return {"sister": "姊妹市", "friendship": "友好城市", "mou": "友好交流城市",
            "partner": "夥伴城市"}[relationship]


def _relationship_en(relationship):
    return {"sister": "sister city", "friendship": "friendship city",
            "mou": "friendly exchange city", "partner": "partner city"}[relationship]


def _exhibitions(builder, index, cities, venue):
    shows = [(slug, datetime.date(*start), datetime.date(*end)) for slug, start, end in MONTHLY]
    shows += current_shows(timezone.localdate())
    for slug, start, end in shows:
        name_zh, name_en = CITIES[slug][0], CITIES[slug][1]
        country_zh, country_en = CITIES[slug][3], CITIES[slug][4]
        key = f"{start:%Y-%m}-{slug}"
        image = _poster(builder, key, f"{name_zh}主題展（{start:%Y-%m}）", name_en,
                        ["Sister-city exhibition", format_ad_month(start)])
        _exhibition(builder, index, key, venue, [cities[slug]], start, end,
                    zh=(f"{name_zh}主題展", f"認識{country_zh}{name_zh}",
                        f"{name_zh}主題展海報：漸層底色與圓形圖案，大字寫著城市名稱"
                        f"「{name_en}」及展期月份"),
                    en=(f"{name_en} exhibition", f"Meet {name_en}, {country_en}",
                        f"Poster of the {name_en} exhibition: the city's name in large "
                        "letters and the month of the show, over a gradient with circles"),
                    image=image)
    busan = _poster(builder, "2022-04-busan", "釜山姊妹市照片展", "Busan 55",
                    ["Sister-city photo show", "April 2022"])
    _exhibition(builder, index, "2022-04-busan", venue, [cities["busan"]],
                datetime.date(2022, 4, 1), datetime.date(2022, 4, 29),
                zh=("釜山姊妹市照片展",
                    "釜山姊妹市55周年紀念：海雲台、龍頭山公園、甘川文化村、海東龍宮寺",
                    "釜山姊妹市照片展海報，大字寫著「Busan 55」"),
                en=("Busan sister-city photo show",
                    "Busan's 55 years as a sister city: Haeundae, Yongdusan Park, Gamcheon "
                    "Culture Village, Haedong Yonggungsa",
                    "Poster of the Busan photo show, reading “Busan 55” in large letters"),
                image=busan)
    keys = _poster(builder, "2022-05-city-keys", "城市市鑰主題展", "City keys",
                   ["Busan  ·  Belize City", "May – July 2022"])
    _exhibition(builder, index, "2022-05-city-keys", venue,
                [cities["busan"], cities["belize-city"]],
                datetime.date(2022, 5, 2), datetime.date(2022, 7, 29),
                zh=("城市市鑰", "姊妹市及友好城市贈予本市之市鑰", "釜山市與貝里斯市市鑰展示海報"),
                en=("City keys", "The keys partner cities gave Kaohsiung",
                    "Poster of the city keys from Busan and Belize City"),
                image=keys)


# The atrium's programme after the reports: one partner city a month, in this order. The
# demo shows this month's and next month's, so that something is always on and one is
# always coming, whenever the demo is loaded.
PROGRAMME = ["koror", "bratislava-region", "seattle", "akita", "penang", "honolulu",
             "mie", "vilnius", "cebu-city", "graz", "surabaya", "belize-city"]


def current_shows(today):
    """(city slug, start, end) of this month's exhibition, which runs from the first to the
    last day of the month, and of next month's."""
    shows = []
    first = today.replace(day=1)
    for _month in range(2):
        last = first.replace(day=calendar.monthrange(first.year, first.month)[1])
        shows.append((PROGRAMME[(first.year * 12 + first.month) % len(PROGRAMME)], first, last))
        first = last + datetime.timedelta(days=1)
    return shows


def _exhibition(builder, index, slug, venue, cities, start, end, zh, en, image):
    title_zh, theme_zh, alt_zh = zh
    title_en, theme_en, alt_en = en
    page = ExhibitionPage.objects.child_of(index).filter(slug=slug).first()
    if page is None:
        page = builder.page(
            index, ExhibitionPage, slug, title=title_zh, theme=theme_zh, start_date=start,
            end_date=end, venue=venue,
            description=f"<p>{theme_zh}。展出城市介紹、特色工藝品、文宣及照片。</p>",
            items=[("item", {"name": "城市介紹", "description": theme_zh, "image": image,
                             "alt_text": alt_zh})],
            gallery=_gallery(image, alt_zh, title_zh))
        page.featured_cities.set(cities)
        page.save_revision().publish()
    builder.translation(
        page, "en", title=title_en, theme=theme_en,
        description=f"<p>{theme_en}. City introduction, crafts, leaflets and photos.</p>",
        items=[("item", {"name": "About the city", "description": theme_en, "image": image,
                         "alt_text": alt_en})],
        gallery=_gallery(image, alt_en, title_en))


def _visits(builder, zh_home, cities):
    for date, zh, en, city, place_zh, place_en, purpose_zh, purpose_en in VISITS:
        visit = builder.snippet(Visit, {"date": date, "delegation": zh, "locale": zh_home.locale},
                                city=cities.get(city), place=place_zh, purpose=purpose_zh)
        builder.translated_snippet(visit, "en", delegation=en, place=place_en,
                                   purpose=purpose_en)
