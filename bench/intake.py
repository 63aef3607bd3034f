"""Intake benchmark: the portal under gunicorn on PostgreSQL, N submissions C at a time.

    DATABASE_URL=postgres://portal:portal@127.0.0.1:5432/portal_bench \
        .venv/bin/python bench/intake.py --total 1000 --concurrency 50

Creates the schema and a petition page, starts gunicorn on 127.0.0.1:8104, submits, then
reports throughput, median and 95th-percentile latency, and checks that every submission
was stored exactly once with a unique case number."""

import argparse
import os
import re
import statistics
import subprocess
import sys
import threading
import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import requests

ROOT = Path(__file__).resolve().parent.parent
PORT = 8104


def manage(*args, env):
    subprocess.run([sys.executable, "manage.py", *args], cwd=ROOT, env=env, check=True,
                   stdout=subprocess.DEVNULL)


def setup_page(env):
    code = (
        "from tests.factories import build_site, add_page\n"
        "from petitions.models import PetitionFormPage, Case\n"
        "Case.objects.all().delete()\n"
        "home = build_site()[0]\n"
        "page = add_page(home, PetitionFormPage, title='bench', slug='bench')\n"
        "print(page.url)\n"
    )
    out = subprocess.run([sys.executable, "manage.py", "shell", "-c", code], cwd=ROOT, env=env,
                         check=True, capture_output=True, text=True)
    return out.stdout.strip().splitlines()[-1]


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--total", type=int, default=1000)
    parser.add_argument("--concurrency", type=int, default=50)
    parser.add_argument("--workers", type=int, default=4)
    args = parser.parse_args()
    env = {**os.environ, "DJANGO_SETTINGS_MODULE": "portal.settings.dev",
           "PETITIONS_SUBMIT_LIMIT": str(args.total * 2),
           "PETITIONS_SUBMIT_PERSON_LIMIT": str(args.total * 2)}
    if "postgres" not in env.get("DATABASE_URL", ""):
        sys.exit("set DATABASE_URL to a PostgreSQL database")
    manage("migrate", "--no-input", env=env)
    path = setup_page(env)
    server = subprocess.Popen(
        [str(Path(sys.executable).parent / "gunicorn"), "portal.wsgi", "-b", f"127.0.0.1:{PORT}",
         "-w", str(args.workers), "--threads", "4", "--log-level", "warning"],
        cwd=ROOT, env=env, stdout=subprocess.DEVNULL)
    url = f"http://127.0.0.1:{PORT}{path}"
    try:
        for _ in range(100):
            try:
                requests.get(url, timeout=10)
                break
            except requests.RequestException:
                time.sleep(0.2)
        local = threading.local()

        def session():
            # One session per thread: its own CSRF cookie and form start token.
            if not hasattr(local, "session"):
                local.session = requests.Session()
                form = local.session.get(url).text
                local.csrf = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', form)[1]
                local.started = re.search(r'name="started" value="([^"]+)"', form)[1]
                time.sleep(3.1)  # the form's minimum fill time
            return local

        def submit(i):
            s = session()
            data = {"csrfmiddlewaretoken": s.csrf, "started": s.started, "website": "",
                    "subject": f"bench {i}", "category": "transport", "description": "路燈",
                    "name": "bench", "email": "", "phone": "07-0000000",
                    "reply_channel": "phone", "consent": "on"}
            t0 = time.perf_counter()
            response = s.session.post(url, data=data, headers={"Referer": url})
            elapsed = time.perf_counter() - t0
            number = re.search(r'class="case-number">([^<]+)<', response.text)
            return elapsed, response.status_code, number[1] if number else None

        with ThreadPoolExecutor(args.concurrency) as pool:
            # Open every thread's session (and wait out the fill time) before timing.
            list(pool.map(lambda _: session(), range(args.concurrency)))
            start = time.perf_counter()
            results = list(pool.map(submit, range(args.total)))
            wall = time.perf_counter() - start
    finally:
        server.terminate()
        server.wait()
    latencies = sorted(r[0] for r in results)
    numbers = [r[2] for r in results if r[2]]
    stored = subprocess.run(
        [sys.executable, "manage.py", "shell", "-c",
         "from petitions.models import Case; qs=Case.objects.filter(subject__startswith='bench');"
         "print(qs.count(), qs.values('number').distinct().count())"],
        cwd=ROOT, env=env, check=True, capture_output=True, text=True,
    ).stdout.strip().splitlines()[-1].split()  # the shell prints an import notice first
    print(f"submissions: {args.total} at {args.concurrency} concurrent, {args.workers} workers")
    codes = {code: sum(1 for r in results if r[1] == code) for code in {r[1] for r in results}}
    print(f"status codes: {codes}")
    print(f"throughput: {args.total / wall:.1f} submissions/s over {wall:.1f} s")
    print(f"latency median: {statistics.median(latencies) * 1000:.0f} ms, "
          f"p95: {latencies[int(len(latencies) * 0.95) - 1] * 1000:.0f} ms")
    print(f"case numbers returned: {len(numbers)}, unique: {len(set(numbers))}")
    print(f"cases stored: {stored[0]}, distinct numbers stored: {stored[1]}")


if __name__ == "__main__":
    main()
