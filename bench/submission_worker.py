"""The measuring half of bench/submission.py. It imports portal.wsgi at its head, so it runs
in a process of its own, started by bench/submission.py once the production environment,
the database, Redis and the petition page are ready:

    python bench/submission_worker.py PAGE_PATH WARM_UP TOTAL

Prints one line of JSON: the CPU spent on the POSTs and on the confirmation pages, in
seconds, and the load average before and after.
"""

import json
import os
import sys
import time
from pathlib import Path
from urllib.parse import urlencode

from intake import confirmed_number, form_data, form_fields

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.chdir(ROOT)

from django.test import RequestFactory  # noqa: E402

from portal.wsgi import application  # noqa: E402

# The form refuses what is sent sooner than a person could type it (petitions.forms).
MIN_FILL_SECONDS = 3.1


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


def measure(application, path, warm_up, total):
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

    for i in range(warm_up):
        submit(i)
    spent.update(POST=0.0, confirmation=0.0)
    load_before = os.getloadavg()
    for i in range(warm_up, warm_up + total):
        submit(i)
    return spent, load_before, os.getloadavg()


def main():
    path, warm_up, total = sys.argv[1], int(sys.argv[2]), int(sys.argv[3])
    spent, load_before, load_after = measure(application, path, warm_up, total)
    print(json.dumps({"spent": spent, "load_before": load_before, "load_after": load_after}))


if __name__ == "__main__":
    main()
