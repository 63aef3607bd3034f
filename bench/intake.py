"""Intake benchmark: the portal as deployed (portal.settings.production, DEBUG off, gunicorn,
PostgreSQL, Redis, the database task queue with `db_worker`, SMTP), N submissions C at a time.

    DATABASE_URL=postgres://portal:portal@127.0.0.1:5432/portal_bench \
        .venv/bin/python bench/intake.py --total 1000 --concurrency 50

Creates the schema and a petition page, starts redis-server, a local SMTP sink, the task
workers and gunicorn, submits through the real form with the e-mail reply channel (so each
case has a receipt), lets the workers drain, then reports throughput, median, p95 and p99,
the status codes and the load average before and after, and checks that every submission was
answered with a case number, stored exactly once under a unique number, and that every
receipt reached the sink or is recorded on its case for the scheduler's retry.

With `--proxy nginx` (the default) the clients reach gunicorn through nginx configured as the
deployment guide (README, "Web") configures it, the client's address appended to
X-Forwarded-For (TRUSTED_PROXY_COUNT=1), in front of the guide's sync workers; with
`--worker-class gthread`, nginx keeps a pool of connections open to them (the guide's
former setting). `--proxy none` connects the clients to gunicorn directly.

CPU a submission is reported for gunicorn, db_worker, PostgreSQL, nginx and the client itself;
`--client asyncio` generates the load with a lighter client than `requests`, which shares
the same cores as the server."""

import argparse
import asyncio
import os
import re
import secrets
import shutil
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from urllib.parse import urlencode, urljoin, urlsplit

import dj_database_url
import psycopg
import requests
from smtp_sink import SmtpSink

ROOT = Path(__file__).resolve().parent.parent
PORT = 8104
NGINX_PORT = 8106
REDIS_PORT = 6394
SMTP_PORT = 8125
STATIC = Path(tempfile.gettempdir()) / "portal_bench_intake_static"
CASE_NUMBER = re.compile(r"\b[PC]\d{3}-\d{6}\b")


def case_number(message):
    """The case number a receipt names, or None."""
    number = CASE_NUMBER.search(message)
    return number[0] if number else None


def manage(*args, env, capture=False):
    out = subprocess.run([sys.executable, "manage.py", *args], cwd=ROOT, env=env, check=True,
                         stdout=subprocess.PIPE if capture else subprocess.DEVNULL, text=True)
    # The shell may print a notice first: the answer is the last line.
    return out.stdout.strip().splitlines()[-1] if capture else None


def setup_page(env):
    return manage("shell", "-c", (
        "from tests.factories import build_site, add_page\n"
        "from petitions.models import PetitionFormPage, Case\n"
        "from django_tasks_db.models import DBTaskResult\n"
        "Case.objects.all().delete()\n"
        "DBTaskResult.objects.all().delete()\n"
        "home = build_site()[0]\n"
        "page = add_page(home, PetitionFormPage, title='bench', slug='bench')\n"
        "print(page.url)\n"), env=env, capture=True)


def state(database_url):
    """(bench cases, distinct numbers, receipts by status, tasks not yet done, the numbers of
    cases whose receipt is not sent), read with SQL:
    a `manage.py shell` each time would take seconds of the CPU the workers are draining on."""
    db = dj_database_url.parse(database_url)
    with psycopg.connect(host=db["HOST"], port=db["PORT"] or 5432, user=db["USER"],
                         password=db["PASSWORD"], dbname=db["NAME"]) as connection:
        cases = "FROM petitions_case WHERE subject LIKE 'bench %'"
        stored, distinct = connection.execute(
            f"SELECT count(*), count(DISTINCT number) {cases}").fetchone()
        receipts = dict(connection.execute(
            f"SELECT receipt_status, count(*) {cases} GROUP BY receipt_status").fetchall())
        unsent = [number for (number,) in connection.execute(
            f"SELECT number {cases} AND receipt_status IN ('pending', 'failed', 'gave_up')"
            " ORDER BY number").fetchall()]
        waiting = connection.execute(
            "SELECT count(*) FROM django_tasks_database_dbtaskresult"
            " WHERE status IN ('READY', 'RUNNING')").fetchone()[0]
    return stored, distinct, receipts, waiting, unsent


TICK = os.sysconf("SC_CLK_TCK")


def cpu_times(pids):
    """{pid: CPU seconds (user + system, all threads)} of `pids` and their children, from
    /proc. The CPU a submission costs is the figure a shared machine's load does not inflate
    the way it inflates latency."""
    times = {}
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            fields = stat.read_text().rsplit(")", 1)[1].split()
        except OSError:  # ended meanwhile
            continue
        pid = int(stat.parent.name)
        if pid in pids or int(fields[1]) in pids:
            times[pid] = (int(fields[11]) + int(fields[12])) / TICK
    return times


def backend_pids(database_url):
    """The PostgreSQL server processes serving the benchmark's database."""
    db = dj_database_url.parse(database_url)
    with psycopg.connect(host=db["HOST"], port=db["PORT"] or 5432, user=db["USER"],
                         password=db["PASSWORD"], dbname=db["NAME"]) as connection:
        return {pid for (pid,) in connection.execute(
            "SELECT pid FROM pg_stat_activity WHERE datname = current_database()"
            " AND pid <> pg_backend_pid()").fetchall()}


def cpu_snapshot(groups, database_url):
    """CPU seconds so far of each named group of processes (PostgreSQL's found anew)."""
    groups = {**groups, "PostgreSQL": backend_pids(database_url)}
    return {name: cpu_times(pids) for name, pids in groups.items()}


def cpu_used(before, after):
    return {name: sum(after[name].get(pid, 0) - before[name].get(pid, 0) for pid in after[name])
            for name in after}


def production_env(args, workdir):
    database_url = os.environ.get("DATABASE_URL", "")
    if not database_url.startswith("postgres"):
        sys.exit("set DATABASE_URL to a PostgreSQL database")
    return {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "portal.settings.production",
        "SECRET_KEY": secrets.token_urlsafe(48),
        # As the deployment guide asks: tracking codes hashed under a key of their own.
        "PETITIONS_TRACKING_KEY": secrets.token_urlsafe(48),
        "ALLOWED_HOSTS": "127.0.0.1",
        # HTTPS is what nginx, terminating TLS, would say it was.
        "TRUSTED_PROXY_COUNT": "1" if args.proxy == "nginx" else "0",
        "SECURE_SSL_REDIRECT": "false",
        "REDIS_URL": f"redis://127.0.0.1:{REDIS_PORT}/0",
        "EMAIL_HOST": "127.0.0.1",
        "EMAIL_PORT": str(SMTP_PORT),
        "STATIC_ROOT": str(STATIC),
        "MEDIA_ROOT": str(workdir / "media"),
        "PETITIONS_SUBMIT_LIMIT": str(args.total * 2),
        "PETITIONS_SUBMIT_PERSON_LIMIT": str(args.total * 2),
    }


def ensure_database(database_url):
    """Create the named PostgreSQL database when it is missing (its cases are cleared anyway)."""
    db = dj_database_url.parse(database_url)
    with psycopg.connect(host=db["HOST"], port=db["PORT"] or 5432, user=db["USER"],
                         password=db["PASSWORD"], dbname="postgres",
                         autocommit=True) as connection:
        if not connection.execute("SELECT 1 FROM pg_database WHERE datname = %s",
                                  [db["NAME"]]).fetchone():
            connection.execute(f'CREATE DATABASE "{db["NAME"]}"')


# The deployment guide's nginx in front of gunicorn (README, "Web"), on plain HTTP: the
# X-Forwarded-Proto it sets stands for the TLS it would terminate.
NGINX_CONF = """
daemon off;
worker_processes auto;
pid {workdir}/nginx.pid;
error_log {workdir}/nginx-error.log warn;
events {{ worker_connections 4096; }}
http {{
    access_log off;
    keepalive_requests 1000000;
    client_body_temp_path {workdir}/nginx-temp/body;
    proxy_temp_path {workdir}/nginx-temp/proxy;
    fastcgi_temp_path {workdir}/nginx-temp/fastcgi;
    uwsgi_temp_path {workdir}/nginx-temp/uwsgi;
    scgi_temp_path {workdir}/nginx-temp/scgi;
    upstream portal {{
        server 127.0.0.1:{upstream};{keepalive}
    }}
    server {{
        listen 127.0.0.1:{port};
        location / {{
            proxy_pass http://portal;{http11}
            # $host as in the guide, with the port: the bench's is not 443
            proxy_set_header Host $http_host;
            proxy_set_header X-Forwarded-Proto https;
            proxy_set_header X-Forwarded-For $proxy_add_x_forwarded_for;
            client_max_body_size 60m;
        }}
    }}
}}
"""


# What gthread workers, which keep connections open, were given (sync ones close each).
KEEPALIVE = "\n        keepalive 32;"
HTTP11 = '\n            proxy_http_version 1.1;\n            proxy_set_header Connection "";'


def start_nginx(workdir, env, keepalive):
    (workdir / "nginx-temp").mkdir()
    workdir.chmod(0o755)  # nginx's workers (another user when run as root) read its files
    conf = workdir / "nginx.conf"
    conf.write_text(NGINX_CONF.format(workdir=workdir, port=NGINX_PORT, upstream=PORT,
                                      keepalive=KEEPALIVE if keepalive else "",
                                      http11=HTTP11 if keepalive else ""))
    return start(["nginx", "-p", str(workdir), "-c", str(conf)], env)


def start(command, env, **kwargs):
    return subprocess.Popen(command, cwd=ROOT, env=env, stdout=subprocess.DEVNULL, **kwargs)


FORM_FIELD = r'name="{}" value="([^"]+)"'


def form_fields(html):
    """The CSRF token and the signed start time of a form page."""
    return (re.search(FORM_FIELD.format("csrfmiddlewaretoken"), html)[1],
            re.search(FORM_FIELD.format("started"), html)[1])


def form_data(i, csrf, started):
    """Submission i as a browser sends it: with the one-time token of a form of its own (its
    unique key stops a second case from it, as for every real form), and an e-mail address,
    so that each case has a receipt to send."""
    return {"csrfmiddlewaretoken": csrf, "started": started, "website": "",
            "submission": secrets.token_urlsafe(24),
            "subject": f"bench {i}", "category": "transport", "description": "路燈",
            "name": "bench", "email": f"bench-{i}@example.test", "phone": "",
            "reply_channel": "email", "consent": "on"}


def confirmed_number(html):
    number = re.search(r'class="case-number">([^<]+)<', html)
    return number[1] if number else None


def submit_all(url, origin, args, snapshot):
    """The `requests` client: a thread and a session a client. Returns the results, the
    wall time, the load average and CPU snapshots around the timed part, and the client's
    own CPU seconds (its threads' time in the timed requests)."""
    local = threading.local()
    # A production server sets its cookies Secure; the client stands behind the TLS nginx
    # would terminate, so it tells the server so and sends the cookies back over plain HTTP.
    secure_origin = origin.replace("http://", "https://")
    headers = {"X-Forwarded-Proto": "https", "Origin": secure_origin,
               "Referer": secure_origin + "/"}
    client_cpu = []

    def session():
        # One session per thread: its own CSRF cookie and form start token.
        if not hasattr(local, "session"):
            local.session = requests.Session()
            local.session.headers.update(headers)
            form = local.session.get(url).text
            for cookie in local.session.cookies:
                cookie.secure = False
            local.csrf, local.started = form_fields(form)
            time.sleep(3.1)  # the form's minimum fill time
        return local

    def submit(i):
        s = session()
        cpu = time.thread_time()
        t0 = time.perf_counter()
        posted = s.session.post(url, data=form_data(i, s.csrf, s.started),
                                allow_redirects=False)
        for cookie in s.session.cookies:  # the new session cookie, for the confirmation
            cookie.secure = False
        response = (s.session.get(urljoin(url, posted.headers["Location"]))
                    if posted.is_redirect else posted)
        elapsed = time.perf_counter() - t0
        client_cpu.append(time.thread_time() - cpu)
        codes = f"{posted.status_code}->{response.status_code}"
        return elapsed, codes, confirmed_number(response.text)

    with ThreadPoolExecutor(args.concurrency) as pool:
        # Open every thread's session (and wait out the fill time) before timing.
        list(pool.map(lambda _: session(), range(args.concurrency)))
        load_before, cpu_before = os.getloadavg(), snapshot()
        start_time = time.perf_counter()
        results = list(pool.map(submit, range(args.total)))
        wall = time.perf_counter() - start_time
    return (results, wall, load_before, os.getloadavg(), cpu_before, snapshot(),
            sum(client_cpu))


class RawClient:
    """One browser as the asyncio client sees it: a keep-alive HTTP/1.1 connection and its
    cookies, written and parsed by hand. It costs a fraction of `requests`' CPU, which the
    server would otherwise share its two cores with."""

    def __init__(self, origin, headers):
        parts = urlsplit(origin)
        self.host, self.port = parts.hostname, parts.port
        self.headers = {"Host": parts.netloc, **headers}
        self.cookies = {}
        self.streams = None

    async def request(self, method, path, fields=None):
        reused = self.streams is not None
        if not reused:
            self.streams = await asyncio.open_connection(self.host, self.port)
        reader, writer = self.streams
        body = urlencode(fields).encode() if fields else b""
        head = [f"{method} {path} HTTP/1.1", *(f"{k}: {v}" for k, v in self.headers.items())]
        if self.cookies:
            head.append("Cookie: " + "; ".join(f"{k}={v}" for k, v in self.cookies.items()))
        if fields:
            head += ["Content-Type: application/x-www-form-urlencoded",
                     f"Content-Length: {len(body)}"]
        writer.write(("\r\n".join(head) + "\r\n\r\n").encode() + body)
        status_line = await reader.readline()
        if not status_line and reused:
            # The server closed the idle connection (after gunicorn's --keep-alive): again
            # on a new one, as a browser does.
            writer.close()
            self.streams = None
            return await self.request(method, path, fields)
        status = int(status_line.split()[1])
        headers = {}
        while (line := await reader.readline()) not in (b"\r\n", b""):
            name, _, value = line.decode("latin-1").partition(":")
            name, value = name.strip().lower(), value.strip()
            if name == "set-cookie":
                cookie, _, attributes = value.partition(";")
                key, _, cookie_value = cookie.partition("=")
                if "max-age=0" in attributes.lower().replace(" ", ""):
                    self.cookies.pop(key, None)
                else:
                    self.cookies[key] = cookie_value
            else:
                headers[name] = value
        if headers.get("transfer-encoding") == "chunked":
            chunks = []
            while size := int((await reader.readline()).split(b";")[0], 16):
                chunks.append(await reader.readexactly(size))
                await reader.readline()
            await reader.readline()
            content = b"".join(chunks)
        else:
            content = await reader.readexactly(int(headers.get("content-length", 0)))
        if headers.get("connection", "").lower() == "close":
            writer.close()
            self.streams = None
        return status, headers, content.decode(errors="replace")


def submit_all_asyncio(url, origin, args, snapshot):
    """The asyncio client: `concurrency` RawClients on one thread. Same return as
    submit_all; the client's CPU is this thread's (the SMTP sink runs in others)."""
    secure_origin = origin.replace("http://", "https://")
    headers = {"X-Forwarded-Proto": "https", "Origin": secure_origin,
               "Referer": secure_origin + "/", "User-Agent": "bench-intake"}
    path = urlsplit(url).path

    async def opened():
        client = RawClient(origin, headers)
        _status, _headers, form = await client.request("GET", path)
        client.csrf, client.started = form_fields(form)
        return client

    async def submit(client, i):
        t0 = time.perf_counter()
        posted, posted_headers, body = await client.request(
            "POST", path, form_data(i, client.csrf, client.started))
        status = posted
        if posted in (301, 302, 303) and "location" in posted_headers:
            status, _headers, body = await client.request(
                "GET", urlsplit(urljoin(url, posted_headers["location"])).path)
        return time.perf_counter() - t0, f"{posted}->{status}", confirmed_number(body)

    async def main():
        clients = await asyncio.gather(*(opened() for _ in range(args.concurrency)))
        await asyncio.sleep(3.1)  # the form's minimum fill time
        results = [None] * args.total
        numbers = iter(range(args.total))

        async def worker(client):
            for i in numbers:
                results[i] = await submit(client, i)

        measured = os.getloadavg(), snapshot(), time.thread_time(), time.perf_counter()
        await asyncio.gather(*(worker(client) for client in clients))
        wall = time.perf_counter() - measured[3]
        cpu = time.thread_time() - measured[2]
        for client in clients:
            if client.streams:
                client.streams[1].close()
        return results, wall, measured[0], os.getloadavg(), measured[1], snapshot(), cpu

    return asyncio.run(main())


def wait_for_drain(database_url, timeout):
    """Until no bench case waits for its first send, or `timeout` seconds."""
    deadline = time.monotonic() + timeout
    while True:
        current = state(database_url)
        if current[2].get("pending", 0) == 0 and current[3] == 0:
            return current
        if time.monotonic() > deadline:
            return current
        time.sleep(0.5)


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--total", type=int, default=1000)
    parser.add_argument("--concurrency", type=int, default=50)
    # gunicorn as the deployment guide (README, "Web") runs it on two cores.
    parser.add_argument("--workers", type=int, default=5)
    parser.add_argument("--worker-class", choices=["sync", "gthread"], default="sync")
    parser.add_argument("--threads", type=int, default=4, help="of each gthread worker")
    parser.add_argument("--preload", action=argparse.BooleanOptionalAction, default=True,
                        help="load the portal once in gunicorn's master (the deployment "
                             "guide's --preload) or in each worker")
    parser.add_argument("--keep-alive", type=int, default=5, help="gthread's, in seconds")
    parser.add_argument("--task-workers", type=int, default=1)
    parser.add_argument("--proxy", choices=["nginx", "none"], default="nginx",
                        help="nginx in front of gunicorn as the deployment guide has it "
                             "(default), or the clients connected to gunicorn directly")
    parser.add_argument("--drain-timeout", type=int, default=300)
    parser.add_argument("--client", choices=["requests", "asyncio"], default="requests",
                        help="the load generator: a thread a client with `requests` (as "
                             "before), or one thread of hand-written keep-alive HTTP, which "
                             "leaves more of the shared cores to the server")
    args = parser.parse_args()
    workdir = Path(tempfile.mkdtemp(prefix="bench_intake_"))
    env = production_env(args, workdir)
    print("command:", " ".join(sys.argv))
    print(f"settings: {env['DJANGO_SETTINGS_MODULE']} (DEBUG off), cache: Redis, "
          "tasks: django_tasks_db with db_worker, e-mail: SMTP to a local sink")
    ensure_database(env["DATABASE_URL"])
    # Redis first: migrating and placing the page already use the cache.
    processes = [start(["redis-server", "--port", str(REDIS_PORT), "--save", "",
                        "--appendonly", "no"], env)]
    sink = SmtpSink(SMTP_PORT, keep=case_number)
    threading.Thread(target=sink.serve_forever, daemon=True).start()
    try:
        manage("migrate", "--no-input", env=env)
        if not (STATIC / "staticfiles.json").exists():
            manage("collectstatic", "--no-input", env=env)
        path = setup_page(env)
        processes += [start([sys.executable, "manage.py", "db_worker", "--no-startup-delay",
                             "--interval", "0.2"], env, stderr=subprocess.DEVNULL)
                      for _ in range(args.task_workers)]
        gunicorn = str(Path(sys.executable).parent / "gunicorn")
        processes.append(start([gunicorn, "portal.wsgi", "-b", f"127.0.0.1:{PORT}",
                                "-w", str(args.workers), "--worker-class", args.worker_class,
                                # gunicorn turns sync workers given threads into gthread ones.
                                *(["--threads", str(args.threads),
                                   "--keep-alive", str(args.keep_alive)]
                                  if args.worker_class == "gthread" else []),
                                *(["--preload"] if args.preload else []),
                                "--log-level", "warning"], env))
        groups = {"gunicorn": {processes[-1].pid},
                  "db_worker": {process.pid for process in processes[1:-1]}}
        if args.proxy == "nginx":
            processes.append(start_nginx(workdir, env, args.worker_class == "gthread"))
            groups["nginx"] = {processes[-1].pid}
        outcome = run(path, args, env, groups)
    finally:
        for process in reversed(processes):
            process.terminate()
            process.wait()
        sink.shutdown()
        shutil.rmtree(workdir, ignore_errors=True)
    report(args, *outcome, sink)


def run(path, args, env, groups):
    origin = f"http://127.0.0.1:{NGINX_PORT if args.proxy == 'nginx' else PORT}"
    url = origin + path
    for _ in range(100):
        try:  # nginx answers 502 until gunicorn listens
            if requests.get(url, timeout=10, headers={"X-Forwarded-Proto": "https"}).ok:
                break
        except requests.RequestException:
            pass
        time.sleep(0.2)

    def snapshot():
        return cpu_snapshot(groups, env["DATABASE_URL"])

    load = submit_all_asyncio if args.client == "asyncio" else submit_all
    results, wall, load_before, load_after, cpu_before, cpu_after, client_cpu = load(
        url, origin, args, snapshot)
    drain_start = time.perf_counter()
    final = wait_for_drain(env["DATABASE_URL"], args.drain_timeout)
    drained = time.perf_counter() - drain_start
    cpu = {"load": {**cpu_used(cpu_before, cpu_after), f"client ({args.client})": client_cpu},
           "load and drain": cpu_used(cpu_before, snapshot())}
    return results, wall, load_before, load_after, drained, final, cpu


def report(args, results, wall, load_before, load_after, drained, final, cpu, sink):
    stored, distinct, receipts, waiting, unsent_numbers = final
    latencies = sorted(r[0] for r in results)
    numbers = [r[2] for r in results if r[2]]
    codes = {code: sum(1 for r in results if r[1] == code) for code in {r[1] for r in results}}
    mailed = [n for n in sink.kept if n]
    shape = (f"{args.workers} workers x {args.threads} threads (gthread), keep-alive "
             f"{args.keep_alive} s" if args.worker_class == "gthread"
             else f"{args.workers} sync workers")
    print(f"gunicorn: {shape}{', preloaded' if args.preload else ''}; "
          f"{'behind nginx' if args.proxy == 'nginx' else 'clients connected directly'}; "
          f"task workers: {args.task_workers}; client: {args.client}")
    print(f"submissions: {args.total} at {args.concurrency} concurrent")
    print(f"status codes (POST->final): {codes}")
    print(f"throughput: {args.total / wall:.1f} submissions/s over {wall:.1f} s")
    print(f"latency of a submission (POST, then its confirmation page), p50: "
          f"{statistics.median(latencies) * 1000:.0f} ms, "
          f"p95: {latencies[int(len(latencies) * 0.95) - 1] * 1000:.0f} ms, "
          f"p99: {latencies[int(len(latencies) * 0.99) - 1] * 1000:.0f} ms, "
          f"max: {latencies[-1] * 1000:.0f} ms")
    # A fresh worker's first requests compile its templates and warm its connections: the
    # latencies by order show how much of the tail that is.
    for label, part in ((f"first {args.concurrency * 2}", results[:args.concurrency * 2]),
                        ("the rest", results[args.concurrency * 2:])):
        if part:
            ordered = sorted(r[0] for r in part)
            print(f"  {label}: p50 {statistics.median(ordered) * 1000:.0f} ms, "
                  f"p95 {ordered[int(len(ordered) * 0.95) - 1] * 1000:.0f} ms")
    print("load average before: {:.2f} {:.2f} {:.2f}".format(*load_before))
    print("load average after:  {:.2f} {:.2f} {:.2f}".format(*load_after))
    for period, used in cpu.items():
        print(f"CPU per submission ({period}): " + ", ".join(
            f"{name} {seconds * 1000 / args.total:.1f} ms" for name, seconds in used.items()))
    # What the cores allow at that cost: with C clients each waiting for its answer before
    # sending again, a submission waits about C / throughput.
    spent = sum(cpu["load"].values()) / args.total
    cores = os.cpu_count()
    print(f"at {spent * 1000:.1f} ms of CPU a submission (server, queue, database and client), "
          f"{cores} cores allow about {cores / spent:.0f} submissions/s, so about "
          f"{args.concurrency * spent / cores * 1000:.0f} ms a submission at "
          f"{args.concurrency} concurrent")
    print(f"case numbers returned: {len(numbers)}, unique: {len(set(numbers))}")
    print(f"cases stored: {stored}, distinct numbers stored: {distinct}")
    print(f"receipts by status after {drained:.1f} s of draining: {receipts}; "
          f"tasks still queued: {waiting}")
    print(f"receipt e-mails at the sink: {len(sink.kept)}, for {len(set(mailed))} "
          "distinct cases")
    unsent = receipts.get("failed", 0) + receipts.get("pending", 0)
    problems = []
    if len(numbers) != args.total or len(set(numbers)) != args.total:
        problems.append("a submission was not answered with its own case number")
    if stored != args.total or distinct != args.total:
        problems.append("the database does not hold exactly one case per submission")
    if set(mailed) - set(numbers):
        problems.append("a receipt names a case no submission was given")
    if len(set(mailed)) + unsent != args.total or receipts.get("sent", 0) != len(set(mailed)):
        problems.append("receipts unaccounted for")
    if unsent_numbers:
        print(f"receipts not sent ({receipts.get('gave_up', 0)} given up, the others kept on "
              f"their cases for the scheduler's retry): {', '.join(unsent_numbers)}")
    print("RESULT:", "; ".join(problems) if problems else
          "every submission answered and stored once; every receipt accounted for")
    sys.exit(1 if problems else 0)


if __name__ == "__main__":
    main()
