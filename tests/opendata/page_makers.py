from django.core.files.base import ContentFile

from opendata.models import DatasetField, DatasetIndexPage, DatasetPage, DatasetResource
from portal.models import Agency
from tests.factories import add_page

CSV = "期別,諮詢件數,申訴件數\n2015,100,40\n2016,120,45\n2017,130,\n".encode()


def make_index(home):
    existing = DatasetIndexPage.objects.child_of(home).first()
    return existing or add_page(home, DatasetIndexPage, title="開放資料", slug="data")


def make_dataset(home, identifier="consumer-figures", title="消費者服務統計", content=CSV,
                 filename="figures.csv", tags=("消費者保護",), file_format="CSV", **fields):
    index = make_index(home)
    agency = Agency.objects.filter(code="397000000A", locale=home.locale).first() or \
        Agency.objects.create(code="397000000A", name="高雄市政府行政暨國際處", locale=home.locale)
    fields.setdefault("category", "consumer-protection")
    page = DatasetPage(
        title=title, slug=identifier, identifier=identifier, locale=home.locale,
        description="消費者服務統計資料", agency=agency, title_en="Consumer service figures",
        contact_name="承辦人", **fields)
    page.data_fields = [
        DatasetField(name="期別", type="year", description="統計年度"),
        DatasetField(name="諮詢件數", type="integer", description="消費諮詢件數"),
        DatasetField(name="申訴件數", type="integer", description="第一次申訴件數"),
    ]
    resource = DatasetResource(title="統計表", format=file_format)
    resource.file.save(filename, ContentFile(content), save=False)
    page.resources = [resource]
    index.add_child(instance=page)
    page.keywords.add(*tags)
    page.save_revision().publish()
    return DatasetPage.objects.get(pk=page.pk)


PAGE_MAKERS = {
    DatasetIndexPage: make_index,
    DatasetPage: make_dataset,
}
