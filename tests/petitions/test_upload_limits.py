"""Hostile uploads: archives that inflate to gigabytes, image bombs, and evidence kept intact."""

import io
import struct
import tracemalloc
import zipfile
import zlib

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from PIL import Image

from petitions.models import Attachment, Case
from tests.petitions.helpers import petition_data

pytestmark = pytest.mark.django_db

ODT_MIMETYPE = b"application/vnd.oasis.opendocument.text"


def submit(client, page, *attachments):
    return client.post(page.url, petition_data(attachments=list(attachments)), follow=True)


def odt(mimetype=ODT_MIMETYPE, method=zipfile.ZIP_STORED):
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as archive:
        archive.writestr("mimetype", mimetype, compress_type=method)
        archive.writestr("content.xml", "<office:document-content/>",
                         compress_type=zipfile.ZIP_DEFLATED)
    return out.getvalue()


def declare_size(data, name, size):
    """The archive with ``name``'s size in the central directory replaced by ``size``."""
    offset = data.index(b"PK\x01\x02")
    while True:
        name_length = struct.unpack_from("<H", data, offset + 28)[0]
        if data[offset + 46:offset + 46 + name_length] == name.encode():
            break
        extra, comment = struct.unpack_from("<HH", data, offset + 30)
        offset += 46 + name_length + extra + comment
    patched = bytearray(data)
    struct.pack_into("<I", patched, offset + 24, size)
    return bytes(patched)


def test_an_ordinary_odt_is_accepted(client, petition_page):
    response = submit(client, petition_page, SimpleUploadedFile("報告.odt", odt()))
    assert response.status_code == 200
    assert Attachment.objects.get().content_type == "application/vnd.oasis.opendocument.text"


def test_a_deflate_bomb_is_refused_without_being_unpacked(client, petition_page):
    # 64 MB of padding after the type deflates to about 64 KB: small enough to upload.
    bomb = odt(ODT_MIMETYPE + b" " * (64 * 1024 * 1024), zipfile.ZIP_DEFLATED)
    assert len(bomb) < 100 * 1024
    tracemalloc.start()
    try:
        response = submit(client, petition_page, SimpleUploadedFile("bomb.odt", bomb))
        peak = tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()
    assert response.status_code == 400
    assert "「bomb.odt」已損毀，或壓縮比例遠超過一般文件" in response.content.decode()
    assert peak < 16 * 1024 * 1024  # the 64 MB member was never inflated
    assert Case.objects.count() == 0


@pytest.mark.parametrize("name", ["mimetype", "content.xml"])
def test_a_declared_size_of_gigabytes_is_refused(client, petition_page, name):
    lying = declare_size(odt(), name, 0xFFFFFFF0)
    response = submit(client, petition_page, SimpleUploadedFile("小檔.odt", lying))
    assert response.status_code == 400
    assert "「小檔.odt」已損毀，或壓縮比例遠超過一般文件" in response.content.decode()
    assert Case.objects.count() == 0


def test_compression_methods_no_document_uses_are_refused(client, petition_page):
    # bzip2 turns gigabytes into a few kilobytes, far beyond what deflate can.
    response = submit(client, petition_page,
                      SimpleUploadedFile("b.odt", odt(method=zipfile.ZIP_BZIP2)))
    assert response.status_code == 400
    assert "「b.odt」已損毀" in response.content.decode()


# --- images ------------------------------------------------------------------------------


def upload(name, image, fmt, **options):
    out = io.BytesIO()
    image.save(out, fmt, **options)
    return SimpleUploadedFile(name, out.getvalue())


def png_header(width, height):
    """A PNG that declares its size and holds one row: how a bomb looks before decoding."""
    def chunk(kind, body):
        return struct.pack(">I", len(body)) + kind + body + \
            struct.pack(">I", zlib.crc32(kind + body))
    header = struct.pack(">IIBBBBB", width, height, 1, 0, 0, 0, 0)  # 1-bit grey
    return (b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header)
            + chunk(b"IDAT", zlib.compress(b"\x00" * (width // 8 + 2))) + chunk(b"IEND", b""))


def test_a_compressed_picture_of_64_megapixels_is_refused_before_decoding(
        client, petition_page):
    # Under Pillow's own limit, a few kilobytes of PNG; decoded, 64 MB and seconds of work.
    bomb = upload("相片.png", Image.new("1", (8000, 8000)), "PNG")
    assert bomb.size < 100 * 1024
    tracemalloc.start()
    try:
        response = submit(client, petition_page, bomb)
        peak = tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()
    assert response.status_code == 400
    assert "「相片.png」超過 4,000 萬畫素" in response.content.decode()
    assert peak < 16 * 1024 * 1024
    assert Case.objects.count() == 0


@pytest.mark.parametrize("side", [13_300, 40_000])  # under and over twice Pillow's limit
def test_the_size_in_the_header_is_enough_to_refuse(client, petition_page, side):
    response = submit(client, petition_page,
                      SimpleUploadedFile("bomb.png", png_header(side, side)))
    assert response.status_code == 400
    assert "「bomb.png」超過 4,000 萬畫素" in response.content.decode()


def stored_image():
    attachment = Attachment.objects.get()
    with attachment.file.open("rb") as handle:
        image = Image.open(io.BytesIO(handle.read()))
        image.load()
    return image


def test_a_palette_png_keeps_its_colours(client, petition_page):
    picture = Image.new("P", (8, 4))
    picture.putpalette([255, 0, 0, 0, 128, 0])  # 0 red, 1 green
    picture.paste(1, (4, 0, 8, 4))
    assert submit(client, petition_page, upload("map.png", picture, "PNG")).status_code == 200
    stored = stored_image().convert("RGB")
    assert stored.getpixel((0, 0)) == (255, 0, 0)
    assert stored.getpixel((7, 3)) == (0, 128, 0)


def test_a_phone_photo_is_turned_upright_and_loses_its_exif(client, petition_page):
    # Stored 40 wide and 20 high, red on the left; Orientation 6 says "turn 90° clockwise".
    picture = Image.new("RGB", (40, 20), "blue")
    picture.paste((255, 0, 0), (0, 0, 20, 20))
    exif = Image.Exif()
    exif[0x0112] = 6
    exif[0x010F] = "SecretCam"
    response = submit(client, petition_page, upload("phone.jpg", picture, "JPEG", exif=exif,
                                                     quality=95))
    assert response.status_code == 200
    stored = stored_image()
    assert stored.size == (20, 40)
    red, green, blue = stored.getpixel((10, 5))  # the left half is now on top
    assert red > 200 and blue < 60
    assert not stored.getexif() and "exif" not in stored.info
