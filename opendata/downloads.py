"""Serving resource bytes: streamed in fixed-size chunks, with validators, ranges and an
RFC 6266 file name (an ASCII fallback and an RFC 5987 `filename*`). Works on any seekable
binary file object."""

import codecs
import os
import re
from urllib.parse import quote

from django.http import FileResponse, HttpResponse, StreamingHttpResponse
from django.utils.cache import get_conditional_response
from django.utils.http import http_date

CHUNK = 64 * 1024
RANGE = re.compile(r"^bytes=(\d*)-(\d*)$")
BOM = codecs.BOM_UTF8


class Prefixed:
    """A seekable binary file read as `prefix` followed by `fileobj`: the Excel copy of a
    UTF-8 CSV is the stored file behind a byte-order mark, streamed without a second copy."""

    def __init__(self, prefix, fileobj):
        self.prefix, self.fileobj, self.position = prefix, fileobj, 0

    def seek(self, position, whence=0):
        if whence != 0:
            raise OSError("only absolute seeks")
        self.position = position
        self.fileobj.seek(max(position - len(self.prefix), 0))
        return position

    def tell(self):
        return self.position

    def seekable(self):
        # Tells FileResponse not to measure the file by seeking to its end: serve() gives
        # the length.
        return False

    def read(self, size=-1):
        head = self.prefix[self.position:self.position + size if size >= 0 else None]
        rest = b""
        if size < 0 or len(head) < size:
            rest = self.fileobj.read(-1 if size < 0 else size - len(head))
        self.position += len(head) + len(rest)
        return head + rest

    def close(self):
        self.fileobj.close()


def content_disposition(filename, fallback=None):
    """`attachment` with an ASCII `filename` for old clients and the real name, in UTF-8, as
    `filename*` (RFC 6266 section 4.3: clients that understand it prefer it)."""
    if fallback is None:
        fallback = "download" + os.path.splitext(filename)[1]
    ascii_name = fallback.encode("ascii", "replace").decode().replace("\\", "").replace('"', "")
    return f"attachment; filename=\"{ascii_name}\"; filename*=utf-8''{quote(filename, safe='')}"


def parse_range(header, size):
    """(start, end) inclusive for a single satisfiable byte range, None for no/ignored range,
    or False when the range cannot be satisfied."""
    match = RANGE.match(header.strip()) if header else None
    if not match or (not match[1] and not match[2]):
        return None
    if match[1]:
        start = int(match[1])
        end = int(match[2]) if match[2] else size - 1
    else:  # suffix range: the last N bytes
        length = int(match[2])
        if length == 0:
            return False
        start, end = max(size - length, 0), size - 1
    if start >= size or end < start:
        return False
    return start, min(end, size - 1)


def _chunks(fileobj, start, length):
    fileobj.seek(start)
    remaining = length
    try:
        while remaining > 0:
            data = fileobj.read(min(CHUNK, remaining))
            if not data:
                break
            remaining -= len(data)
            yield data
    finally:
        fileobj.close()


def serve(request, fileobj, *, size, etag, last_modified, filename, content_type,
          fallback_filename=None, cache_control=None, on_full_download=None):
    """The response for a download. `etag` is the bare hash; `last_modified` a datetime.
    `on_full_download` runs for a whole file sent in answer to a GET: not for HEAD, a range
    or a revalidation."""
    quoted_etag = f'"{etag}"'
    timestamp = int(last_modified.timestamp()) if last_modified else None
    not_modified = get_conditional_response(request, etag=quoted_etag,
                                            last_modified=timestamp)
    if not_modified is not None:
        fileobj.close()
        if not_modified.status_code == 304:
            not_modified["ETag"] = quoted_etag
            if cache_control:
                not_modified["Cache-Control"] = cache_control
        return not_modified

    byte_range = None
    if_range = request.headers.get("If-Range")
    if if_range is None or if_range == quoted_etag:
        byte_range = parse_range(request.headers.get("Range", ""), size)
    if byte_range is False:
        fileobj.close()
        response = HttpResponse(status=416)
        response["Content-Range"] = f"bytes */{size}"
    elif byte_range is not None:
        start, end = byte_range
        response = StreamingHttpResponse(_chunks(fileobj, start, end - start + 1), status=206,
                                         content_type=content_type)
        response["Content-Range"] = f"bytes {start}-{end}/{size}"
        response["Content-Length"] = str(end - start + 1)
    else:
        fileobj.seek(0)
        response = FileResponse(fileobj, content_type=content_type)
        response.block_size = CHUNK
        response["Content-Length"] = str(size)
        if on_full_download is not None and request.method == "GET":
            on_full_download()
    response["Accept-Ranges"] = "bytes"
    response["ETag"] = quoted_etag
    if timestamp is not None:
        response["Last-Modified"] = http_date(timestamp)
    response["Content-Disposition"] = content_disposition(filename, fallback_filename)
    if cache_control:
        response["Cache-Control"] = cache_control
    response["X-Content-Type-Options"] = "nosniff"
    return response
