"""Hostile uploads: archives that inflate to gigabytes, image bombs, and evidence kept intact."""

import io
import struct
import tracemalloc
import zipfile

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from petitions.models import Attachment, Case
from tests.petitions.conftest import petition_data

pytestmark = pytest.mark.django_db

ODT_MIMETYPE = b"application/vnd.oasis.opendocument.text"


def submit(client, page, *attachments):
    return client.post(page.url, petition_data(attachments=list(attachments)))


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
