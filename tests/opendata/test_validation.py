import pytest
from django.contrib.auth import get_user_model
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import translation
from wagtail.test.utils.form_data import inline_formset, nested_form_data

from opendata.models import DatasetPage, DatasetResource
from opendata.validation import check_table, detect_encoding
from tests.factories import sign_in_verified

from .page_makers import make_index

FIELDS = ["期別", "諮詢件數"]


@pytest.fixture(autouse=True)
def _english():
    # The checks' messages are compared in English; the admin test below checks Chinese.
    with translation.override("en"):
        yield
GOOD = "期別,諮詢件數\n2015,100\n2016,120\n".encode()
BIG5 = "期別,諮詢件數\n2015,100\n".encode("cp950")
RAGGED = "期別,諮詢件數\n2015,100\n2016\n".encode()
MISMATCH = "年度,件數\n2015,100\n".encode()


def test_detects_utf8_and_big5():
    assert detect_encoding(GOOD) == "UTF-8"
    assert detect_encoding(BIG5) == "Big5"
    assert detect_encoding(b"\xff\xfe\x00\xd8\x00") is None


def test_good_file_passes():
    assert check_table(GOOD, "UTF-8", FIELDS) == []


def test_big5_is_flagged_with_an_offer_to_convert():
    [problem] = check_table(BIG5, "UTF-8", FIELDS)
    assert "Big5" in problem and "UTF-8" in problem
    assert check_table(BIG5, "Big5", FIELDS) == []


def test_ragged_rows_are_reported():
    [problem] = check_table(RAGGED, "UTF-8", FIELDS)
    assert "Row 3" in problem


def test_columns_must_match_field_descriptions():
    [problem] = check_table(MISMATCH, "UTF-8", FIELDS)
    assert "年度、件數" in problem and "期別、諮詢件數" in problem


def test_missing_header_is_reported():
    assert check_table(b",\n1,2\n", "UTF-8", []) != []


def post_dataset(client, index, upload, convert=False):
    data = nested_form_data({
        "title": "上傳測試", "slug": "upload-test", "identifier": "upload-test",
        "description": "說明", "category": "statistics", "update_frequency": "yearly",
        "licence_name": "政府資料開放授權條款-第1版", "licence_url": "https://data.gov.tw/license",
        "spatial": "高雄市", "language": "zh-TW", "issued": "2024-01-01",
        "modified": "2024-01-01", "keywords": "測試",
        "data_fields": inline_formset([
            {"name": "期別", "type": "year", "description": "年度"},
            {"name": "諮詢件數", "type": "integer", "description": "件數"},
        ]),
        "resources": inline_formset([
            {"title": "表", "format": "CSV", "encoding": "UTF-8", "generator": "",
             "convert_to_utf8": convert},
        ], min=1),
    })
    if not convert:
        data.pop("resources-0-convert_to_utf8")
    data["resources-0-file"] = upload
    return client.post(f"/admin/pages/add/opendata/datasetpage/{index.pk}/", data)


@pytest.fixture
def editor(client, db):
    user = get_user_model().objects.create_superuser("editor", "editor@example.gov.tw", "pw")
    sign_in_verified(client, user)
    return client


@pytest.mark.django_db
def test_admin_shows_problems_before_publishing(editor, home):
    index = make_index(home)
    response = post_dataset(editor, index, SimpleUploadedFile("a.csv", RAGGED))
    assert response.status_code == 200
    assert "第 3 列有 1 欄，但標題列有 2 欄。" in response.content.decode()
    assert not DatasetPage.objects.filter(slug="upload-test").exists()


@pytest.mark.django_db
def test_admin_converts_big5_on_request(editor, home):
    index = make_index(home)
    response = post_dataset(editor, index, SimpleUploadedFile("a.csv", BIG5))
    assert "Big5" in response.content.decode()
    response = post_dataset(editor, index, SimpleUploadedFile("a.csv", BIG5), convert=True)
    assert response.status_code == 302
    resource = DatasetResource.objects.get(page__slug="upload-test")
    assert resource.encoding == "UTF-8"
    with resource.file.open("rb") as handle:
        assert handle.read().decode("utf-8").startswith("期別,諮詢件數")
