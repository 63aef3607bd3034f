"""Page benchmark: requests per second and latency of the portal's public pages under
gunicorn on PostgreSQL, cold and warm, beside nginx serving the same HTML as static files.
Run from the project root (needs Debian's `nginx`, `wrk` and `redis-server`):

    .venv/bin/python bench/pages.py --existing \\
        --database-url postgres://portal:portal@127.0.0.1:5432/portal_bench_search
    .venv/bin/python bench/pages.py --documents 300 \\
        --database-url postgres://portal:portal@127.0.0.1:5432/portal_pagesbench

With `--documents N` it builds the search benchmark's corpus (the demo site plus N
generated gazette documents) into the named database, which it drops and recreates; with
`--existing`, it is only migrated (never dropped) and served. The pages: the home page in both
languages, the newest gazette issue, a document of that issue, the dataset index and a
search for a Chinese word. It first renders each in-process to show where the time goes
(SQL queries and their share), then loads each with wrk at a fixed concurrency against:

- gunicorn, cold: `bench.cold_settings` (production settings with every cache a
  DummyCache), so every request computes its page from the database;
- gunicorn, warm: production settings with the shared cache the deployment guide sets up
  (a redis-server started for the run, or REDIS_URL if set), whatever the code keeps in it;
- nginx: the page as gunicorn rendered it once, served as a static file.

The gunicorns run DEBUG off on production settings (SECURE_SSL_REDIRECT=false, static files
collected first), sync workers as the deployment guide runs them (`--worker-class gthread`
for threaded workers that keep connections open). Each measured run follows an unmeasured
warm-up run of the same URL, which fills the warm cache, and in both cases loads the
workers' code and templates and PostgreSQL's buffers. Every response must be a 200: the
servers' access logs are counted after they stop, and the script fails if any response was
another status, if wrk saw a socket error, or if the servers logged fewer 200s than wrk
completed. It prints the load average before and after, the warm : nginx ratio of each page,
and the resident memory of every gunicorn worker after the runs.
"""

import argparse
import datetime
import http.client
import json
import os
import platform
import secrets
import shutil
import signal
import socket
import subprocess
import sys
import time
from collections import Counter
from contextlib import ExitStack
from pathlib import Path
from urllib.parse import quote, unquote

import django
import wagtail
from common import ROOT, migrate, setup_django


def arguments():
    parser = argparse.ArgumentParser()
    parser.add_argument("--database-url", required=True,
                        help="a PostgreSQL database (postgres://…); with --profile-only, "
                             "a SQLite file too")
    parser.add_argument("--existing", action="store_true",
                        help="serve the corpus already in --database-url, read as it is")
    parser.add_argument("--documents", type=int,
                        help="build the corpus with this many gazette documents, dropping "
                             "and recreating the database")
    parser.add_argument("--query", default="釜山", help="the word the search page looks up")
    parser.add_argument("--search-only", action="store_true",
                        help="load only the search page (its row of the table)")
    parser.add_argument("--workers", type=int, default=2 * (os.cpu_count() or 1) + 1,
                        help="gunicorn workers (default 2 × cores + 1)")
    parser.add_argument("--worker-class", default="sync", choices=("sync", "gthread"),
                        help="gunicorn worker class (default sync, as the deployment guide "
                             "runs it; gthread keeps connections open)")
    parser.add_argument("--worker-threads", type=int, default=4,
                        help="threads of each gthread worker (default 4)")
    parser.add_argument("--keep-alive", type=int, default=5,
                        help="seconds gunicorn keeps an idle connection open (gthread)")
    parser.add_argument("--nginx-workers", default="auto")
    parser.add_argument("--concurrency", type=int, default=16, help="open connections")
    parser.add_argument("--threads", type=int, default=os.cpu_count() or 1,
                        help="wrk threads (default one a core)")
    parser.add_argument("--duration", type=int, default=20, help="seconds of each measured run")
    parser.add_argument("--warmup", type=int, default=5, help="seconds of each warm-up run")
    parser.add_argument("--port", type=int, default=8210,
                        help="first of four ports: gunicorn cold, gunicorn warm, nginx, redis")
    parser.add_argument("--profile-only", action="store_true",
                        help="only the in-process renders (no servers, nginx or wrk)")
    parser.add_argument("--statements", type=int, default=0, metavar="N",
                        help="after the in-process table, each page's N slowest SQL "
                             "statements of a render with an empty cache, with their ms")
    args = parser.parse_args()
    if not args.database_url.startswith("postgres") and not args.profile_only:
        parser.error("--database-url must name a PostgreSQL database (the in-process "
                     "renders of --profile-only also take a SQLite file, sqlite:////path)")
    if args.existing == (args.documents is not None):
        # Building drops the database: never by default.
        parser.error("give either --existing or --documents N")
    tools = ["nginx", "wrk"] + ([] if os.environ.get("REDIS_URL") else ["redis-server"])
    if args.profile_only:
        tools = []
    missing = [tool for tool in tools if not shutil.which(tool)]
    if missing:
        sys.exit(f"missing {', '.join(missing)}: apt-get install {' '.join(missing)}")
    return args


# Django is set up on the database the command line names before the models are imported.
ARGS = arguments()
WORKDIR = setup_django(ARGS.database_url, "pages-bench-")

from catalogue import build_site_and_gazette  # noqa: E402
from django.core.cache import caches  # noqa: E402
from django.db import connection, connections  # noqa: E402
from django.test import Client  # noqa: E402
from django.test.utils import CaptureQueriesContext  # noqa: E402
from wagtail.models import Locale  # noqa: E402

from bulletin.models import GazetteDocumentPage, GazetteIndexPage, GazetteIssuePage  # noqa: E402
from opendata.models import DatasetIndexPage, DatasetPage  # noqa: E402

VENV_BIN = Path(sys.executable).parent

# wrk reports each run as one line of JSON. Statuses are counted from the servers' access
# logs instead of a Lua response() hook: that hook makes wrk read every body into Lua and
# cut its rate against nginx by two thirds, so wrk would become the bottleneck.
WRK_SCRIPT = """
function done(summary, latency, requests)
  local e = summary.errors
  io.write(string.format(
    '{"requests": %d, "duration_us": %d, "p50_us": %d, "p99_us": %d, "status": %d, ' ..
    '"connect": %d, "read": %d, "write": %d, "timeout": %d}\\n',
    summary.requests, summary.duration, latency:percentile(50), latency:percentile(99),
    e.status, e.connect, e.read, e.write, e.timeout))
end
"""

NGINX_CONF = """
daemon off;
worker_processes {workers};
pid {workdir}/nginx.pid;
error_log {workdir}/nginx-error.log warn;
events {{ worker_connections 4096; }}
http {{
    log_format status '$status $request';
    access_log {workdir}/nginx-access.log status buffer=256k;
    sendfile on;
    tcp_nopush on;
    keepalive_requests 1000000;
    default_type text/html;
    charset utf-8;
    client_body_temp_path {workdir}/nginx-temp/body;
    proxy_temp_path {workdir}/nginx-temp/proxy;
    fastcgi_temp_path {workdir}/nginx-temp/fastcgi;
    uwsgi_temp_path {workdir}/nginx-temp/uwsgi;
    scgi_temp_path {workdir}/nginx-temp/scgi;
    server {{
        listen 127.0.0.1:{port};
        root {workdir}/html;
        location / {{ try_files $uri =404; }}
    }}
}}
"""


def pick_pages(query):
    """[(label, path)]: the pages to load, found in the database being served."""
    chinese = Locale.objects.get(language_code="zh-hant")
    issue = (GazetteIssuePage.objects.live().filter(locale=chinese)
             .order_by("-publication_date").first())
    document = GazetteDocumentPage.objects.live().child_of(issue).order_by("path").first()
    datasets = DatasetIndexPage.objects.live().filter(locale=chinese).first()
    gazette = GazetteIndexPage.objects.live().filter(locale=chinese).first()
    return [
        ("home", "/"),
        ("home (en)", "/en/"),
        # The index counts every public document for its facets: the largest listing.
        ("gazette index", gazette.get_url()),
        ("gazette issue", issue.get_url()),
        ("gazette document", document.get_url()),
        ("dataset index", datasets.get_url()),
        (f"search {query}", f"/search/?q={quote(query)}"),
    ]


def profile_pages(pages, repeat=5):
    """Print, per page, its SQL queries and the median time of a render in this process
    (Django's test client, no server) and of its SQL: with every cache emptied before each
    render ("cold", as a fresh worker after a cache flush meets it); with every cache emptied
    and then another page rendered, which keeps the chrome every page shares
    (portal.fragments: header, menu links, footer) as a worker that has served anything
    since the last publish has it; and with the cache filled (the page cache's hit). The
    other page is the home page of the same language, or for the home pages the dataset
    index: its menu marks another item as current, so the menu's own fragment is not among
    what it leaves."""
    # One connection for all the renders, as production keeps them (the test settings
    # would open one a request).
    connection.close()
    connection.settings_dict["CONN_MAX_AGE"] = None
    client = Client()
    indexes = {index.locale.language_code: index.get_url()
               for index in DatasetIndexPage.objects.live().select_related("locale")}
    primers = {"/": indexes["zh-hant"], "/en/": indexes.get("en", indexes["zh-hant"])}
    print("| page | queries, empty cache | ms (SQL ms) | queries, chrome kept | ms (SQL ms) "
          "| queries, filled cache | ms (SQL ms) |")
    print("|---|---|---|---|---|---|---|")
    for label, path in pages:
        primer = primers.get(path) or ("/en/" if path.startswith("/en/") else "/")
        cells = [label]
        for mode in ("empty", "chrome", "filled"):
            samples = []
            for _ in range(repeat):
                if mode != "filled":
                    for cache in caches.all():
                        cache.clear()
                if mode == "chrome":
                    assert client.get(primer).status_code == 200, primer
                with CaptureQueriesContext(connection) as queries:
                    begin = time.perf_counter()
                    response = client.get(path)
                    elapsed = time.perf_counter() - begin
                assert response.status_code == 200, (path, response.status_code)
                sql = sum(float(query["time"]) for query in queries.captured_queries)
                samples.append((elapsed, sql, len(queries)))
            elapsed, sql, count = sorted(samples)[len(samples) // 2]
            cells += [str(count), f"{elapsed * 1000:.0f} ({sql * 1000:.0f})"]
        print("| " + " | ".join(cells) + " |", flush=True)


def slowest_statements(pages, count):
    """Each page's `count` slowest SQL statements of a render with every cache emptied
    (the median render of three), with their ms: what to EXPLAIN ANALYZE."""
    client = Client()
    for label, path in pages:
        renders = []
        for _ in range(3):
            for cache in caches.all():
                cache.clear()
            with CaptureQueriesContext(connection) as queries:
                client.get(path)
            renders.append((sum(float(query["time"]) for query in queries.captured_queries),
                            queries.captured_queries))
        total, statements = sorted(renders, key=lambda render: render[0])[1]
        print(f"\n{label} {path}: {len(statements)} statements, {total * 1000:.1f} ms of SQL")
        for query in sorted(statements, key=lambda query: -float(query["time"]))[:count]:
            print(f"  {float(query['time']) * 1000:7.1f} ms  {query['sql']}")


def describe_corpus():
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("SHOW server_version")
            engine = f"PostgreSQL {cursor.fetchone()[0]}"
    else:
        engine = f"SQLite {connection.Database.sqlite_version}"
    return (f"{engine}, database {connection.settings_dict['NAME']}: "
            f"{GazetteDocumentPage.objects.count()} gazette documents in "
            f"{GazetteIssuePage.objects.count()} issues, "
            f"{DatasetPage.objects.count()} datasets")


def describe_machine():
    model = next((line.split(":", 1)[1].strip() for line in
                  Path("/proc/cpuinfo").read_text().splitlines()
                  if line.startswith("model name")), platform.processor())
    memory = next(int(line.split()[1]) for line in
                  Path("/proc/meminfo").read_text().splitlines()
                  if line.startswith("MemTotal"))
    return f"{os.cpu_count()} cores ({model}), {memory / 2**20:.0f} GiB"


def tool_versions():
    nginx = subprocess.run(["nginx", "-v"], capture_output=True, text=True).stderr.strip()
    wrk = subprocess.run(["wrk", "--version"], capture_output=True, text=True)
    gunicorn = subprocess.run([VENV_BIN / "gunicorn", "--version"], capture_output=True,
                              text=True).stdout.strip()
    return (f"Python {platform.python_version()}, Django {django.__version__}, "
            f"Wagtail {wagtail.__version__}, {gunicorn}, "
            f"{nginx.removeprefix('nginx version: ')}, "
            f"{(wrk.stdout or wrk.stderr).split(' [')[0].strip()}")


def server_env(args, workdir, settings):
    return {**os.environ, "DJANGO_SETTINGS_MODULE": settings,
            "DATABASE_URL": args.database_url, "SECRET_KEY": secrets.token_urlsafe(64),
            "ALLOWED_HOSTS": "127.0.0.1,localhost", "SECURE_SSL_REDIRECT": "false",
            "TRUSTED_PROXY_COUNT": "0",  # the benchmark connects to gunicorn directly
            "STATIC_ROOT": str(workdir / "static")}


def manage(env, *command):
    """A management command under the servers' settings; its last line of output."""
    done = subprocess.run([sys.executable, "manage.py", *command], cwd=ROOT, env=env,
                          check=True, capture_output=True, text=True)
    return (done.stdout.strip().splitlines() or [""])[-1]


class Children:
    """The servers this run starts, stopped on exit however the run ends."""

    def __init__(self, stack, workdir):
        self.workdir = workdir
        self.processes = []
        stack.callback(self.stop_all)

    def start(self, name, command, env=None):
        log = (self.workdir / f"{name}.log").open("w")
        process = subprocess.Popen(command, cwd=ROOT, env=env, stdout=log,
                                   stderr=subprocess.STDOUT)
        log.close()
        self.processes.append((name, process))
        return process

    def stop_all(self):
        # Newest first, each gone before the next: the gunicorns finish the requests wrk
        # left queued while the redis they use is still up.
        for _name, process in reversed(self.processes):
            if process.poll() is None:
                # Graceful for gunicorn: those requests end as 200s, where a quick
                # shutdown would log them as 500s.
                process.terminate()
            try:
                process.wait(timeout=60)
            except subprocess.TimeoutExpired:
                process.kill()
                process.wait()

    def wait_ready(self, name, process, probe):
        """Poll until `probe()` stops raising OSError (two minutes at most)."""
        deadline = time.monotonic() + 120
        while time.monotonic() < deadline:
            if process.poll() is not None:
                sys.exit(f"{name} exited with {process.returncode}: see "
                         f"{self.workdir / f'{name}.log'}")
            try:
                probe()
                return
            except OSError:
                time.sleep(0.2)
        sys.exit(f"{name} did not answer within two minutes")


def redis_ping(port):
    with socket.create_connection(("127.0.0.1", port), timeout=5) as connection:
        connection.sendall(b"PING\r\n")
        if not connection.recv(64).startswith(b"+PONG"):
            raise ConnectionError("redis is not ready")


def worker_memory(server):
    """[(pid, VmRSS KiB, VmHWM KiB)] of a gunicorn master's worker processes."""
    workers = []
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            parent = int(stat.read_text().rsplit(")", 1)[1].split()[1])
            if parent != server.pid:
                continue
            status = dict(line.split(":", 1) for line in
                          (stat.parent / "status").read_text().splitlines() if ":" in line)
        except OSError:
            continue  # a process that has just ended
        workers.append((int(stat.parent.name), int(status["VmRSS"].split()[0]),
                        int(status["VmHWM"].split()[0])))
    return sorted(workers)


def describe_memory(name, workers):
    if not workers:
        return f"{name}: no workers found"
    mib = ", ".join(f"{rss / 1024:.0f}" for _pid, rss, _peak in workers)
    return (f"{name}: {len(workers)} workers, VmRSS {mib} MiB (largest "
            f"{max(rss for _pid, rss, _peak in workers) / 1024:.0f} MiB, peak VmHWM "
            f"{max(peak for _pid, _rss, peak in workers) / 1024:.0f} MiB)")


def load_average():
    return ", ".join(f"{value:.2f}" for value in os.getloadavg())


def wait_idle(server):
    """Wait until a gunicorn has finished the requests wrk left queued (all its workers
    asleep and no query of theirs running, three polls in a row), so they do not run into
    the next measurement."""
    quiet, deadline = 0, time.monotonic() + 300
    while quiet < 3:
        if time.monotonic() > deadline:
            sys.exit("gunicorn still busy five minutes after the load stopped")
        states = []
        for stat in Path("/proc").glob("[0-9]*/stat"):
            try:
                state, parent = stat.read_text().rsplit(")", 1)[1].split()[:2]
            except OSError:
                continue  # a process that has just ended
            if int(parent) == server.pid:
                states.append(state)
        with connection.cursor() as cursor:
            cursor.execute("SELECT count(*) FROM pg_stat_activity WHERE state = 'active' "
                           "AND datname = current_database() AND pid <> pg_backend_pid()")
            queries = cursor.fetchone()[0]
        idle = all(state in "SI" for state in states) and not queries
        quiet = quiet + 1 if idle else 0
        time.sleep(0.1)


def fetch(port, path, header=None):
    """(status, body) of one GET, redirects not followed; with `header`, also its value."""
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=300)
    try:
        connection.request("GET", path)
        response = connection.getresponse()
        answer = (response.status, response.read())
        return (*answer, response.getheader(header)) if header else answer
    finally:
        connection.close()


def wrk(url, seconds, args, script):
    done = subprocess.run(
        ["wrk", "-t", str(args.threads), "-c", str(args.concurrency), "-d", f"{seconds}s",
         "--timeout", "60s", "-s", str(script), url],
        capture_output=True, text=True, check=True)
    report = json.loads(next(line for line in done.stdout.splitlines()
                             if line.startswith('{"requests"')))
    report["per_second"] = report["requests"] / (report["duration_us"] / 1e6)
    return report


def logged_statuses(log):
    """Counter of (request target, status) in an access log of lines "STATUS REQUEST"."""
    counts = Counter()
    with log.open(encoding="utf-8", errors="replace") as lines:
        for line in lines:
            status, _space, request = line.rstrip("\n").partition(" ")
            parts = request.split(" ")
            counts[(parts[1] if len(parts) > 1 else request, status)] += 1
    return counts


def check_statuses(access_logs, completed):
    """(responses logged, problems): a response other than 200 in a server's access log,
    a socket error or error status counted by wrk, or fewer 200s logged than wrk
    completed."""
    problems, total = [], 0
    for name, log in access_logs.items():
        logged = logged_statuses(log)
        total += sum(logged.values())
        for (target, status), count in sorted(logged.items()):
            if status != "200":
                problems.append(f"{name}: {count} × {status} for {target}")
        for target, reports in completed[name].items():
            errors = {key: sum(report[key] for report in reports) for key in
                      ("status", "connect", "read", "write", "timeout")}
            problems += [f"{name}: wrk counted {count} {key} errors for {target}"
                         for key, count in errors.items() if count]
            requests = sum(report["requests"] for report in reports)
            if logged[(target, "200")] < requests:
                problems.append(f"{name}: wrk completed {requests} requests for {target}, "
                                f"the server logged {logged[(target, '200')]} × 200")
    return total, problems


def main(args, workdir):
    workdir.chmod(0o755)  # nginx's workers (another user when run as root) read html/
    if args.existing:
        migrate()  # the schema may have gained indexes since the corpus was built
    else:
        build_site_and_gazette(args.documents, workdir)
    pages = pick_pages(args.query)
    if args.search_only:
        pages = pages[-1:]
    print(f"date: {datetime.date.today().isoformat()}")
    print(f"machine: {describe_machine()}")
    print(f"command: {' '.join([Path(sys.executable).name, *sys.argv])}")
    print(f"load average before: {load_average()}")
    print(f"software: {tool_versions()}")
    print(f"corpus: {describe_corpus()}")
    print("\nWhere the time goes: renders in this process (test settings, LocMemCache), "
          "median of 5")
    profile_pages(pages)
    if args.statements:
        slowest_statements(pages, args.statements)
    if args.profile_only:
        print(f"\nload average after: {load_average()}")
        return
    connections.close_all()

    access_logs = {name: workdir / f"{name}-access.log" for name in ("cold", "warm", "nginx")}
    completed = {name: {} for name in access_logs}  # {server: {target: [wrk reports]}}
    with ExitStack() as stack:
        # SIGTERM and SIGHUP end the run like Ctrl-C does: through the cleanup below.
        for signum in (signal.SIGTERM, signal.SIGHUP):
            signal.signal(signum, lambda signum, _frame: sys.exit(128 + signum))
        measure(args, workdir, pages, Children(stack, workdir), access_logs, completed)
    # The servers have stopped: their access logs are complete.
    print(f"\nload average after: {load_average()}")
    logged, problems = check_statuses(access_logs, completed)
    if problems:
        sys.exit("FAILED: not every response was a 200 (the servers' logs are in "
                 f"{workdir}):\n  " + "\n  ".join(problems))
    print(f"statuses: all {logged:,} responses the servers logged were 200")
    shutil.rmtree(workdir)  # the access logs alone take a few hundred MB


def measure(args, workdir, pages, children, access_logs, completed):
    """Start the servers, render the pages for nginx, load each page on each server and
    print the table."""
    cold_port, warm_port, nginx_port, redis_port = (args.port + n for n in range(4))
    environment = {}
    if not os.environ.get("REDIS_URL"):
        # Production's shared cache, as the deployment guide sets it up.
        redis = children.start("redis", ["redis-server", "--bind", "127.0.0.1", "--port",
                                         str(redis_port), "--save", "", "--appendonly", "no"])
        children.wait_ready("redis", redis, lambda: redis_ping(redis_port))
        environment["REDIS_URL"] = f"redis://127.0.0.1:{redis_port}/0"
    warm_env = server_env(args, workdir, "portal.settings.production") | environment
    cold_env = server_env(args, workdir, "bench.cold_settings") | environment
    manage(warm_env, "collectstatic", "--no-input", "--verbosity", "0")
    warm_cache = manage(warm_env, "shell", "-c", (
        "from django.conf import settings; "
        "print([c['BACKEND'] + ' ' + c.get('LOCATION', '') for c in settings.CACHES.values()], "
        "'PORTAL_PAGE_CACHE_SECONDS', getattr(settings, 'PORTAL_PAGE_CACHE_SECONDS', None))"))
    kind = (f"gthread workers of {args.worker_threads} threads, keep-alive {args.keep_alive} s"
            if args.worker_class == "gthread" else "sync workers")
    print(f"\ngunicorn: {args.workers} {kind} each; warm cache: {warm_cache}; "
          f"nginx: worker_processes {args.nginx_workers}")
    print(f"load: wrk, {args.threads} thread(s), {args.concurrency} connections, "
          f"{args.warmup} s warm-up then {args.duration} s measured, per page and server")

    def gunicorn(name, port, env):
        return children.start(f"gunicorn-{name}", [
            str(VENV_BIN / "gunicorn"), "portal.wsgi", "--bind", f"127.0.0.1:{port}",
            "--workers", str(args.workers), "--worker-class", args.worker_class,
            # gunicorn turns sync workers given threads into gthread ones.
            *(["--threads", str(args.worker_threads), "--keep-alive", str(args.keep_alive)]
              if args.worker_class == "gthread" else []),
            "--log-level", "warning",
            "--access-logfile", str(access_logs[name]),
            "--access-logformat", "%(s)s %(r)s"], env)

    gunicorns = {}
    for name, port, env in (("cold", cold_port, cold_env), ("warm", warm_port, warm_env)):
        gunicorns[name] = gunicorn(name, port, env)
        children.wait_ready(f"gunicorn-{name}", gunicorns[name],
                            lambda port=port: fetch(port, "/"))

    # The HTML nginx serves: each page rendered once by the warm gunicorn.
    html = workdir / "html"
    html.mkdir()
    targets = []
    for n, (label, path) in enumerate(pages):
        status, body = fetch(warm_port, path)
        if status != 200:
            sys.exit(f"{label} {path}: status {status}, expected 200")
        (html / f"{n}.html").write_bytes(body)
        targets.append((label, path, len(body), {
            "cold": (cold_port, path), "warm": (warm_port, path),
            "nginx": (nginx_port, f"/{n}.html"),
        }))
    (workdir / "nginx-temp").mkdir()
    conf = workdir / "nginx.conf"
    conf.write_text(NGINX_CONF.format(workers=args.nginx_workers, workdir=workdir,
                                      port=nginx_port))
    nginx = children.start("nginx", ["nginx", "-p", str(workdir), "-c", str(conf)])
    children.wait_ready("nginx", nginx, lambda: fetch(nginx_port, "/0.html"))

    script = workdir / "report.lua"
    script.write_text(WRK_SCRIPT)
    print()
    print("| page | URL | KiB | cold req/s | cold p50 ms | cold p99 ms | warm req/s | "
          "warm p50 ms | warm p99 ms | nginx req/s | nginx p50 ms | nginx p99 ms | "
          "warm/nginx |")
    print("|---|---|---|---|---|---|---|---|---|---|---|---|---|", flush=True)
    ratios = {}  # {label: warm/nginx} of the pages served from the page cache
    for label, path, size, urls in targets:
        row = {}
        for name, (port, target) in urls.items():
            runs = completed[name].setdefault(target, [])
            for seconds in (args.warmup, args.duration):
                runs.append(wrk(f"http://127.0.0.1:{port}{target}", seconds, args, script))
            row[name] = runs[-1]
            if name in gunicorns:
                wait_idle(gunicorns[name])
        cells = [label, f"`{unquote(path)}`", f"{size / 1024:.0f}"]
        for name in ("cold", "warm", "nginx"):
            cells += [f"{row[name]['per_second']:,.0f}", f"{row[name]['p50_us'] / 1000:.1f}",
                      f"{row[name]['p99_us'] / 1000:.1f}"]
        ratio = row["warm"]["per_second"] / row["nginx"]["per_second"]
        cells.append(f"1:{1 / ratio:,.1f}" if ratio else "none completed")
        print("| " + " | ".join(cells) + " |", flush=True)
        if fetch(warm_port, path, "X-Page-Cache")[2] == "hit":
            ratios[label] = ratio
    if ratios and all(ratios.values()):
        worst = min(ratios, key=ratios.get)
        print(f"\nwarm : nginx of the pages answered from the page cache "
              f"({', '.join(ratios)}): worst 1:{1 / ratios[worst]:,.1f} ({worst}), "
              f"best 1:{1 / max(ratios.values()):,.1f}; issue 19 asks for 1:25 or better")
    # After every page's runs, while the servers still run: what the workers hold.
    print("\nworker memory after the runs (/proc/PID/status):")
    for name, server in gunicorns.items():
        print(f"  gunicorn {describe_memory(name, worker_memory(server))}")


if __name__ == "__main__":
    main(ARGS, WORKDIR)
