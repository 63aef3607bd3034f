"""CPU of one submission, in this process: the intake form's POST and its confirmation page
through portal.wsgi as gunicorn calls it (portal.settings.production, PostgreSQL, Redis),
one after another with nothing else running, split between the two requests. This is what
bench/intake.py's "gunicorn CPU a submission" is made of, without the other processes
that share the cores under load. Run it for two code trees in turn to compare them.

    DATABASE_URL=postgres://portal:portal@127.0.0.1:5432/portal_intake \
        .venv/bin/python bench/submission.py --total 500

It sets the database up as bench/intake.py does (schema, a petition page, no cases) and
starts its own redis-server. The receipts are queued but not sent: no task worker runs.
"""

import argparse
import os
import shutil
import sys
import tempfile
import time
from pathlib import Path
from urllib.parse import urlencode

from django.test import RequestFactory
from intake import (
    REDIS_PORT,
    ROOT,
    STATIC,
    confirmed_number,
    ensure_database,
    form_data,
    form_fields,
    manage,
    production_env,
    setup_page,
    start,
)

# The form refuses what is sent sooner than a person could type it (petitions.forms).
MIN_FILL_SECONDS = 3.1
WARM_UP = 20


class Browser:
    """One browser calling the WSGI application directly, as gunicorn would behind nginx:
    Django's RequestFactory writes the environ and keeps the cookies the answers set."""

    def __init__(self, application):
        self.application = application
        self.factory = RequestFactory(headers={
            "host": "127.0.0.1", "x-forwarded-proto": "https",
            "origin": "https://127.0.0.1", "referer": "https://127.0.0.1/"})

    def request(self, method, path, fields=None):
        request = self.factory.generic(method, path, urlencode(fields or {}),
                                       "application/x-www-form-urlencoded", secure=True)
        answer = {}

        def start_response(status, headers, exc_info=None):
            answer.update(status=int(status.split()[0]), headers=headers)

        chunks = self.application(request.environ, start_response)
        content = b"".join(chunks)
        if hasattr(chunks, "close"):
            chunks.close()
        for name, value in answer["headers"]:
            if name.lower() == "set-cookie":
                self.factory.cookies.load(value)
        return answer["status"], dict(answer["headers"]), content.decode()


def measure(application, path, total):
    browser = Browser(application)
    _status, _headers, form = browser.request("GET", path)
    csrf, started = form_fields(form)
    time.sleep(MIN_FILL_SECONDS)
    spent = {"POST": 0.0, "confirmation": 0.0}

    def submit(i):
        begin = time.thread_time()
        status, headers, _ = browser.request("POST", path, form_data(i, csrf, started))
        posted = time.thread_time()
        assert status == 302, status
        status, _headers, body = browser.request("GET", headers["Location"])
        spent["POST"] += posted - begin
        spent["confirmation"] += time.thread_time() - posted
        assert status == 200 and confirmed_number(body), status

    for i in range(WARM_UP):  # templates, routes and kept chrome, as a worker that served some
        submit(i)
    spent.update(POST=0.0, confirmation=0.0)
    load_before = os.getloadavg()
    for i in range(WARM_UP, WARM_UP + total):
        submit(i)
    return spent, load_before, os.getloadavg()


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--total", type=int, default=500)
    args = parser.parse_args()
    workdir = Path(tempfile.mkdtemp(prefix="bench_submission_"))
    # Clients straight to the application; rate limits above what is sent.
    env = production_env(argparse.Namespace(proxy="none", total=args.total + WARM_UP), workdir)
    ensure_database(env["DATABASE_URL"])
    redis = start(["redis-server", "--port", str(REDIS_PORT), "--save", "",
                   "--appendonly", "no"], env)
    try:
        manage("migrate", "--no-input", env=env)
        if not (STATIC / "staticfiles.json").exists():
            manage("collectstatic", "--no-input", env=env)
        path = setup_page(env)
        os.environ.update(env)
        sys.path.insert(0, str(ROOT))
        os.chdir(ROOT)
        from portal.wsgi import application
        spent, load_before, load_after = measure(application, path, args.total)
    finally:
        redis.terminate()
        redis.wait()
        shutil.rmtree(workdir, ignore_errors=True)
    post, shown = (spent[name] * 1000 / args.total for name in ("POST", "confirmation"))
    print("command:", " ".join(sys.argv))
    print(f"submissions: {args.total}, one at a time, after {WARM_UP} to warm up")
    print(f"CPU a submission: {post + shown:.2f} ms (POST {post:.2f} ms, "
          f"confirmation {shown:.2f} ms)")
    print("load average before: {:.2f} {:.2f} {:.2f}".format(*load_before))
    print("load average after:  {:.2f} {:.2f} {:.2f}".format(*load_after))


if __name__ == "__main__":
    main()
