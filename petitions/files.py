"""Attachment checks by content, never by name or declared type, and image re-encoding."""

import io
import zipfile
import zlib

from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.utils.translation import gettext_lazy as _
from PIL import Image

MAX_FILES = 5
MAX_BYTES = 10 * 1024 * 1024
ODT_MIMETYPE = b"application/vnd.oasis.opendocument.text"

EXTENSIONS = {
    "application/pdf": "pdf",
    "image/jpeg": "jpg",
    "image/png": "png",
    "application/vnd.oasis.opendocument.text": "odt",
    "application/vnd.openxmlformats-officedocument.wordprocessingml.document": "docx",
}


# Limits for the archives behind ODT and DOCX. Their members are never unpacked whole: the
# check reads the few bytes it needs, and refuses archives that would inflate implausibly
# (a 6 KB file can declare gigabytes) before an officer's office suite opens them.
ZIP_MAX_MEMBERS = 1000
ZIP_MAX_TOTAL_BYTES = 100 * 1024 * 1024
ZIP_MAX_RATIO = 100  # deflated office XML stays far below this
ZIP_METHODS = {zipfile.ZIP_STORED, zipfile.ZIP_DEFLATED}  # all that ODF and OOXML use


def implausible_archive(archive):
    """True when the archive's declared sizes, ratios or methods are not those of a document."""
    members = archive.infolist()
    if len(members) > ZIP_MAX_MEMBERS:
        return True
    if sum(info.file_size for info in members) > ZIP_MAX_TOTAL_BYTES:
        return True
    for info in members:
        if info.compress_type not in ZIP_METHODS:
            return True
        if info.file_size > ZIP_MAX_RATIO * max(info.compress_size, 1024):
            return True
    return False


def read_member(archive, name, limit):
    """At most ``limit`` bytes of a member: a declared size is never trusted."""
    with archive.open(name) as member:
        return member.read(limit)


def sniff(data, name=""):
    """The content type the bytes really are, among the accepted ones, or None.

    Raises ValidationError for an archive that would inflate implausibly."""
    if data.startswith(b"%PDF-"):
        return "application/pdf"
    if data.startswith(b"\xff\xd8\xff"):
        return "image/jpeg"
    if data.startswith(b"\x89PNG\r\n\x1a\n"):
        return "image/png"
    if data.startswith(b"PK\x03\x04"):
        try:
            with zipfile.ZipFile(io.BytesIO(data)) as archive:
                if implausible_archive(archive):
                    raise ValidationError(
                        _("“%(name)s” is damaged or compressed beyond what a document needs."),
                        code="implausible_archive", params={"name": name})
                names = set(archive.namelist())
                if "mimetype" in names and read_member(
                        archive, "mimetype", len(ODT_MIMETYPE) + 2).strip() == ODT_MIMETYPE:
                    return "application/vnd.oasis.opendocument.text"
                if {"[Content_Types].xml", "word/document.xml"} <= names:
                    return "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
        except (zipfile.BadZipFile, zlib.error, EOFError, RuntimeError, ValueError):
            return None
    return None


def reencode_image(data, content_type):
    """Decode and save again: drops EXIF (including GPS) and anything hidden after the image."""
    try:
        with Image.open(io.BytesIO(data)) as image:
            image.load()
            clean = Image.new(image.mode, image.size)
            clean.paste(image)
    except Exception as exc:  # Pillow raises many types for broken images
        raise ValidationError(_("The image could not be read.")) from exc
    out = io.BytesIO()
    if content_type == "image/jpeg":
        clean.convert("RGB").save(out, "JPEG", quality=90)
    else:
        clean.save(out, "PNG")
    return out.getvalue()


def clean_upload(upload):
    """(ContentFile with a safe name, content type, original name) or ValidationError."""
    if upload.size > MAX_BYTES:
        raise ValidationError(_("“%(name)s” is larger than 10 MB."),
                              params={"name": upload.name})
    data = upload.read()
    content_type = sniff(data, upload.name)
    if content_type is None:
        raise ValidationError(
            _("“%(name)s” is not a PDF, JPEG, PNG, ODT or DOCX file."),
            params={"name": upload.name},
        )
    if content_type.startswith("image/"):
        data = reencode_image(data, content_type)
    return ContentFile(data, name=f"attachment.{EXTENSIONS[content_type]}"), content_type, \
        upload.name[:200]
