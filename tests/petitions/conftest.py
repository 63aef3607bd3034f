import io
import time

import pytest
from django.core import signing
from django.core.cache import cache
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import transaction
from PIL import Image

from petitions.forms import STARTED_SALT
from petitions.models import ComplaintFormPage, PetitionFormPage
from tests.factories import translate
from tests.petitions.page_makers import PAGE_MAKERS


@pytest.fixture(autouse=True)
def _private_root(settings, tmp_path, monkeypatch):
    settings.PETITIONS_PRIVATE_ROOT = str(tmp_path / "private")
    cache.clear()
    # E-mail tasks are enqueued on commit; test transactions never commit, so run commit
    # callbacks at once as a real commit would.
    monkeypatch.setattr(transaction, "on_commit", lambda func, *a, **k: func())


@pytest.fixture
def petition_page(home):
    return PAGE_MAKERS[PetitionFormPage](home)


@pytest.fixture
def complaint_page(home):
    return PAGE_MAKERS[ComplaintFormPage](home)


@pytest.fixture
def complaint_page_en(complaint_page):
    return translate(complaint_page, "en", title="Consumer complaint")


def started(seconds_ago=60):
    return signing.dumps(time.time() - seconds_ago, salt=STARTED_SALT)


def petition_data(**overrides):
    data = {"subject": "路燈不亮", "category": "transport", "description": "中正路路燈壞了",
            "location": "中正路", "name": "王小明", "email": "ming@example.com", "phone": "",
            "reply_channel": "email", "consent": "on", "website": "", "started": started()}
    data.update(overrides)
    return data


def complaint_data(**overrides):
    data = {"stage": "first", "business_name": "好買公司", "business_address": "高雄市",
            "business_phone": "07-1234567", "product_category": "online",
            "transaction_date": "2024-05-01", "amount": "1200", "description": "未出貨",
            "resolution_sought": "退款", "name": "陳小華", "email": "hua@example.com",
            "phone": "0912345678", "reply_channel": "email", "consent": "on", "website": "",
            "started": started()}
    data.update(overrides)
    return data


def png_with_gps():
    image = Image.new("RGB", (8, 8), "red")
    exif = Image.Exif()
    exif[0x010F] = "SecretCam"  # Make
    exif[0x8825] = {2: (22.0, 37.0, 0.0)}  # GPS IFD: latitude
    out = io.BytesIO()
    image.save(out, "JPEG", exif=exif)
    return SimpleUploadedFile("photo.jpg", out.getvalue(), content_type="image/jpeg")
