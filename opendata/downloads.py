"""Serving resource bytes: streamed in fixed-size chunks, with validators, ranges and an
RFC 5987 file name. Works on any seekable binary file object."""

import re

from django.http import FileResponse, HttpResponse, StreamingHttpResponse
from django.utils.cache import get_conditional_response
from django.utils.http import content_disposition_header, http_date

CHUNK = 64 * 1024
RANGE = re.compile(r"^bytes=(\d*)-(\d*)$")


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
          on_full_download=None):
    """The response for a download. `etag` is the bare hash; `last_modified` a datetime."""
    quoted_etag = f'"{etag}"'
    timestamp = int(last_modified.timestamp()) if last_modified else None
    not_modified = get_conditional_response(request, etag=quoted_etag,
                                            last_modified=timestamp)
    if not_modified is not None:
        fileobj.close()
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
        if on_full_download is not None:
            on_full_download()
    response["Accept-Ranges"] = "bytes"
    response["ETag"] = quoted_etag
    if timestamp is not None:
        response["Last-Modified"] = http_date(timestamp)
    response["Content-Disposition"] = content_disposition_header(True, filename)
    response["X-Content-Type-Options"] = "nosniff"
    return response
