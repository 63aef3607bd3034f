import tracemalloc
from datetime import UTC, datetime

from django.test import RequestFactory

from opendata.downloads import serve

SIZE = 200 * 1024 * 1024


def stream_peak(path, **headers):
    """Bytes sent and the peak of Python allocations while serving the whole file."""
    request = RequestFactory().get("/download", headers=headers)
    tracemalloc.start()
    try:
        # serve() owns the file and closes it when the stream ends.
        response = serve(request, open(path, "rb"),  # noqa: SIM115
                         size=SIZE, etag="abc",
                         last_modified=datetime(2024, 1, 1, tzinfo=UTC),
                         filename="大檔案.csv", content_type="text/csv")
        sent = sum(len(chunk) for chunk in response.streaming_content)
        return sent, tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()


def test_a_200_mb_download_streams_in_constant_memory(tmp_path):
    path = tmp_path / "big.csv"
    with open(path, "wb") as handle:
        handle.truncate(SIZE)  # sparse: 200 MB to read without writing 200 MB
    sent, peak = stream_peak(path)
    assert sent == SIZE
    assert peak < 4 * 1024 * 1024
    sent, peak = stream_peak(path, Range="bytes=1000-")
    assert sent == SIZE - 1000
    assert peak < 4 * 1024 * 1024
