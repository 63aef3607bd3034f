"""Memory while streaming a 200 MB resource through opendata.downloads.serve.

Run: .venv/bin/python bench/download_memory.py
Writes a real (not sparse) 200 MB file in a temporary folder, streams it as a full download
and as a resumed (Range) download, and samples the process's resident set size (VmRSS) every
10 MB sent. A flat RSS means the file is never held in memory.
"""

import os
import sys
import tempfile
import time
from datetime import UTC, datetime
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "portal.settings.test")

import django  # noqa: E402

django.setup()

from django.test import RequestFactory  # noqa: E402

from opendata.downloads import serve  # noqa: E402

SIZE = 200 * 1024 * 1024


def rss_mib():
    with open("/proc/self/status") as status:
        for line in status:
            if line.startswith("VmRSS:"):
                return int(line.split()[1]) / 1024
    raise RuntimeError("no VmRSS")


def run(path, **headers):
    request = RequestFactory().get("/download", headers=headers)
    # serve() owns the file and closes it when the stream ends.
    response = serve(request, open(path, "rb"),  # noqa: SIM115
                     size=SIZE, etag="bench",
                     last_modified=datetime(2024, 1, 1, tzinfo=UTC), filename="大檔案.csv",
                     content_type="text/csv")
    samples, sent, next_sample = [rss_mib()], 0, 0
    started = time.perf_counter()
    for chunk in response.streaming_content:
        sent += len(chunk)
        if sent >= next_sample:
            samples.append(rss_mib())
            next_sample += 10 * 1024 * 1024
    elapsed = time.perf_counter() - started
    return sent, min(samples), max(samples), len(samples), elapsed


def main():
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "big.csv"
        block = os.urandom(1024 * 1024)
        with open(path, "wb") as handle:
            for _ in range(SIZE // len(block)):
                handle.write(block)
        for label, headers in (("full", {}), ("range from 100 MiB", {"Range": "bytes=104857600-"})):
            sent, low, high, count, elapsed = run(path, **headers)
            print(f"{label}: sent {sent / 2**20:.0f} MiB in {elapsed:.2f} s, RSS "
                  f"{low:.1f}-{high:.1f} MiB over {count} samples (spread {high - low:.1f} MiB)")


if __name__ == "__main__":
    main()
