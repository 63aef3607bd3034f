"""Helpers shared by the petitions tests: form data, agencies, officers, tracking."""

import io
import time

from django.contrib.auth.models import Group, Permission, User
from django.core import signing
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from PIL import Image
from wagtail.models import Locale

from petitions.forms import STARTED_SALT
from petitions.models import OfficerGroup
from portal.models import Agency
from tests.html import parse


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


def _agency(code):
    locale, _ = Locale.objects.get_or_create(language_code="zh-hant")
    return Agency.objects.create(name=f"Agency {code}", code=code, locale=locale)


def track(client, number, code, prefix=""):
    return client.post(prefix + reverse("petitions:track"), {"number": number, "code": code})


def _officer(name, **scope):
    group = Group.objects.create(name=name)
    OfficerGroup.objects.create(group=group, **scope)
    user = User.objects.create_user(name, password="pw")
    user.groups.add(group)
    return user


def staff(user):
    user.user_permissions.add(Permission.objects.get(codename="access_admin"))
    return user


def tracking_code(html):
    """The tracking code a confirmation page shows once."""
    return parse(html).select_one(".tracking-code").get_text()
