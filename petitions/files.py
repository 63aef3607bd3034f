"""Attachment checks by content, never by name or declared type, and image re-encoding."""

import io
import zipfile

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


def sniff(data):
    """The content type the bytes really are, among the accepted ones, or None."""
    if data.startswith(b"%PDF-"):
        return "application/pdf"
    if data.startswith(b"\xff\xd8\xff"):
        return "image/jpeg"
    if data.startswith(b"\x89PNG\r\n\x1a\n"):
        return "image/png"
    if data.startswith(b"PK\x03\x04"):
        try:
            with zipfile.ZipFile(io.BytesIO(data)) as archive:
                names = set(archive.namelist())
                if "mimetype" in names and archive.read("mimetype").strip() == ODT_MIMETYPE:
                    return "application/vnd.oasis.opendocument.text"
                if {"[Content_Types].xml", "word/document.xml"} <= names:
                    return "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
        except zipfile.BadZipFile:
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
    content_type = sniff(data)
    if content_type is None:
        raise ValidationError(
            _("“%(name)s” is not a PDF, JPEG, PNG, ODT or DOCX file."),
            params={"name": upload.name},
        )
    if content_type.startswith("image/"):
        data = reencode_image(data, content_type)
    return ContentFile(data, name=f"attachment.{EXTENSIONS[content_type]}"), content_type, \
        upload.name[:200]
