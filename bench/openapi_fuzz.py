"""API fuzzing, the long run: schemathesis against the demo portal under gunicorn.

    .venv/bin/python bench/openapi_fuzz.py                     # 100 examples an operation
    .venv/bin/python bench/openapi_fuzz.py --max-examples 1000 --max-time 3600
    .venv/bin/python bench/openapi_fuzz.py \
        --database-url postgres://portal:portal@127.0.0.1:5432/portal_fuzz
    .venv/bin/python bench/openapi_fuzz.py --include-path-regex '^/open311/'  # and so on

Migrates a new database (a SQLite file in a temporary folder, or the named PostgreSQL
database, dropped and created again), loads the demo content (`manage.py
load_demo_content`), issues an Open311 key, starts gunicorn on 127.0.0.1 and runs
`schemathesis run` on /api/openapi.json with the project's schemathesis.toml: every
operation (the /api/action/ aliases too), every phase (examples, coverage, fuzzing,
stateful), valid and invalid data, every check but positive_data_acceptance. schemathesis
prints its report; JUnit and JSON reports go to bench/out/openapi-fuzz/. The script exits
with schemathesis's exit code. Options the script does not know go to `schemathesis run`."""

import argparse
import os
import re
import shutil
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

import dj_database_url
from common import ROOT, recreate_postgres_database

REPORTS = ROOT / "bench" / "out" / "openapi-fuzz"


def manage(*args, env):
    return subprocess.run([sys.executable, "manage.py", *args], cwd=ROOT, env=env, check=True,
                          stdout=subprocess.PIPE, text=True).stdout


def wait_until_up(url, server):
    for _attempt in range(600):
        if server.poll() is not None:
            sys.exit("gunicorn stopped")
        try:
            with urllib.request.urlopen(url) as response:  # noqa: S310 - our own server
                if response.status == 200:
                    return
        except OSError:
            time.sleep(0.1)  # polling a starting server; there is nothing else to wait on
    sys.exit(f"{url} never answered")


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--max-examples", type=int, default=100)
    parser.add_argument("--max-time", type=int, help="stop after this many seconds")
    parser.add_argument("--workers", type=int, default=2, help="gunicorn workers")
    parser.add_argument("--port", type=int, default=8105)
    parser.add_argument("--seed", type=int, default=20240605)
    parser.add_argument("--database-url", help="a PostgreSQL database to drop and rebuild; "
                                               "a temporary SQLite file if not given")
    args, schemathesis_options = parser.parse_known_args()

    workdir = Path(tempfile.mkdtemp(prefix="openapi-fuzz-"))
    env = {**os.environ, "DJANGO_SETTINGS_MODULE": "portal.settings.dev",
           "DATABASE_URL": args.database_url or f"sqlite:///{workdir / 'fuzz.sqlite3'}",
           "MEDIA_ROOT": str(workdir / "media"),
           "PETITIONS_PRIVATE_ROOT": str(workdir / "private")}
    if args.database_url:
        recreate_postgres_database(dj_database_url.parse(args.database_url))
    server = None
    result = None
    try:
        started = time.monotonic()
        manage("migrate", "--no-input", env=env)
        manage("load_demo_content", env=env)
        key = re.search(r"api_key for .*: (\S+)", manage("issue_open311_key", "fuzzing", env=env))
        env["OPEN311_API_KEY"] = key[1]
        print(f"demo portal built in {time.monotonic() - started:.0f} s", flush=True)

        server = subprocess.Popen(
            [str(Path(sys.executable).parent / "gunicorn"), "portal.wsgi",
             "-b", f"127.0.0.1:{args.port}", "-w", str(args.workers), "--log-level", "warning"],
            cwd=ROOT, env=env)
        schema_url = f"http://127.0.0.1:{args.port}/api/openapi.json"
        wait_until_up(schema_url, server)
        # One schemathesis worker: with several threads, Hypothesis 6.170 on CPython 3.11
        # sometimes fails inside ast.parse while describing a strategy (not an API fault).
        command = [
            sys.executable, "-m", "schemathesis.cli", "run", schema_url,
            "--max-examples", str(args.max_examples), "--seed", str(args.seed),
            "--workers", "1", "--request-timeout", "30", "--no-color",
            "--report", "junit,json", "--report-dir", str(REPORTS),
        ]
        if args.max_time:
            command += ["--max-time", str(args.max_time)]
        command += schemathesis_options
        started = time.monotonic()
        result = subprocess.run(command, cwd=ROOT, env=env, check=False)
        print(f"schemathesis took {time.monotonic() - started:.0f} s; reports in {REPORTS}",
              flush=True)
    finally:
        if server is not None:
            server.terminate()
            server.wait()
        shutil.rmtree(workdir, ignore_errors=True)
    sys.exit(result.returncode)


if __name__ == "__main__":
    main()
