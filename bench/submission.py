"""CPU of one submission, in one process: the intake form's POST and its confirmation page
through portal.wsgi as gunicorn calls it (portal.settings.production, PostgreSQL, Redis),
one after another with nothing else running, split between the two requests. This is what
bench/intake.py's "gunicorn CPU a submission" is made of, without the other processes
that share the cores under load. Run it for two code trees in turn to compare them.

    DATABASE_URL=postgres://portal:portal@127.0.0.1:5432/portal_intake \
        .venv/bin/python bench/submission.py --total 500

It sets the database up as bench/intake.py does (schema, a petition page, no cases) and
starts its own redis-server. The receipts are queued but not sent: no task worker runs.
The submissions are sent by bench/submission_worker.py, in a process of its own that
imports the application once that environment is ready.
"""

import argparse
import json
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

from intake import (
    REDIS_PORT,
    ROOT,
    STATIC,
    ensure_database,
    manage,
    production_env,
    setup_page,
    start,
)

# Submissions first sent to warm up: templates, routes and kept chrome, as a worker that
# served some.
WARM_UP = 20


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
        measured = json.loads(subprocess.run(
            [sys.executable, str(Path(__file__).with_name("submission_worker.py")), path,
             str(WARM_UP), str(args.total)], cwd=ROOT, env=env, check=True, stdout=subprocess.PIPE,
            text=True).stdout.splitlines()[-1])
    finally:
        redis.terminate()
        redis.wait()
        shutil.rmtree(workdir, ignore_errors=True)
    post, shown = (measured["spent"][name] * 1000 / args.total
                   for name in ("POST", "confirmation"))
    print("command:", " ".join(sys.argv))
    print(f"submissions: {args.total}, one at a time, after {WARM_UP} to warm up")
    print(f"CPU a submission: {post + shown:.2f} ms (POST {post:.2f} ms, "
          f"confirmation {shown:.2f} ms)")
    print("load average before: {:.2f} {:.2f} {:.2f}".format(*measured["load_before"]))
    print("load average after:  {:.2f} {:.2f} {:.2f}".format(*measured["load_after"]))


if __name__ == "__main__":
    main()
