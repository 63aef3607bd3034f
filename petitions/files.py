"""Attachment checks by content, never by name or declared type, and image re-encoding."""

import io
import zipfile
import zlib

from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.utils.translation import gettext_lazy as _
from PIL import Image, ImageOps

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


# Phone cameras take 12 to 50 megapixels, and evidence needs no more than 40. Pillow's own
# limit (89 MP, an error only at twice that) let a 688 KB PNG of 177 MP cost 13 s and 1.5 GB.
# The size comes from the header, before any pixel is decoded: at most 40 MP in memory, in two
# copies at four bytes a pixel, bounds what one upload can cost.
MAX_IMAGE_PIXELS = 40_000_000


def reencode_image(data, content_type, name=""):
    """Decode and save again, upright: drops EXIF (including GPS), comments, colour profiles
    and anything hidden after the image, and keeps the picture as the camera showed it."""
    too_large = ValidationError(
        _("“%(name)s” has more than 40 megapixels. Send a smaller picture."),
        code="too_many_pixels", params={"name": name})
    try:
        with Image.open(io.BytesIO(data)) as image:
            width, height = image.size
            if width * height > MAX_IMAGE_PIXELS:
                raise too_large
            image.load()
            # A phone stores a photo sideways with an Orientation tag: turn the pixels, since
            # the tag goes with the rest of the metadata.
            clean = ImageOps.exif_transpose(image)
    except Image.DecompressionBombError as exc:
        raise too_large from exc
    except ValidationError:
        raise
    except Exception as exc:  # Pillow raises many types for broken images
        raise ValidationError(_("The image could not be read.")) from exc
    # Only transparency stays: it is part of a palette or grey PNG's picture.
    clean.info = {key: value for key, value in clean.info.items() if key == "transparency"}
    out = io.BytesIO()
    if content_type == "image/jpeg":
        if clean.mode not in ("RGB", "L"):
            clean = clean.convert("RGB")
        clean.save(out, "JPEG", quality=90)
    else:
        clean.save(out, "PNG")  # every mode a PNG decodes to, palette included, saves as is
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
        data = reencode_image(data, content_type, upload.name)
    return ContentFile(data, name=f"attachment.{EXTENSIONS[content_type]}"), content_type, \
        upload.name[:200]
