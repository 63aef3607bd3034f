"""Real clients (ckanapi, frictionless) run as subprocesses against a live test server."""

import io
import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from django.core.management import call_command

from opendata.demo import DATASETS

from .page_makers import make_dataset

pytestmark = pytest.mark.django_db(transaction=True)

CKANAPI = shutil.which("ckanapi") or str(Path(sys.executable).with_name("ckanapi"))


def ckanapi(*args):
    # dump starts worker processes by the bare name "ckanapi", so its folder goes on PATH.
    env = {**os.environ, "PATH": f"{Path(CKANAPI).parent}{os.pathsep}{os.environ['PATH']}"}
    done = subprocess.run([CKANAPI, *args], capture_output=True, text=True, timeout=120,
                          env=env)
    assert done.returncode == 0, done.stderr
    return done.stdout


@pytest.fixture
def published(home):
    make_dataset(home)
    make_dataset(home, identifier="gazette-issues", title="公報期數", tags=("公報",),
                 content="年度,期數\n2020,24\n2021,24\n".encode())


@pytest.mark.parametrize("get", [False, True])
def test_action_package_search(live_server, published, get):
    args = ["action", "package_search", "q=公報", "-r", live_server.url]
    result = json.loads(ckanapi(*args, *(["-g"] if get else [])))
    assert result["count"] == 1
    assert result["results"][0]["name"] == "gazette-issues"


def test_search_datasets(live_server, published):
    lines = ckanapi("search", "datasets", "-r", live_server.url).splitlines()
    assert sorted(json.loads(line)["name"] for line in lines) == ["consumer-figures",
                                                                  "gazette-issues"]


def test_dump_downloads_every_resource(live_server, published, tmp_path):
    ckanapi("dump", "datasets", "--all", "-D", str(tmp_path / "dump"), "-r", live_server.url)
    downloaded = sorted(path for path in (tmp_path / "dump").rglob("*")
                        if path.is_file() and path.name != "datapackage.json")
    assert len(downloaded) == 2
    assert "年度,期數" in {path.read_text(encoding="utf-8").splitlines()[0] for path in downloaded}


def frictionless_validate(url):
    frictionless = Path(CKANAPI).with_name("frictionless")
    return subprocess.run([str(frictionless), "validate", url], capture_output=True, text=True,
                          timeout=120)


def test_frictionless_validates_the_data_package(live_server, published, home):
    done = frictionless_validate(f"{live_server.url}/data/consumer-figures/datapackage.json")
    assert done.returncode == 0, done.stdout + done.stderr
    make_dataset(home, identifier="broken",
                 content="期別,諮詢件數,申訴件數\n2015,many,1\n".encode())
    assert frictionless_validate(f"{live_server.url}/data/broken/datapackage.json").returncode != 0


def test_frictionless_validates_every_demo_dataset(live_server, home):
    call_command("load_demo_content", stdout=io.StringIO())
    for spec in DATASETS:
        done = frictionless_validate(f"{live_server.url}/data/{spec['slug']}/datapackage.json")
        assert done.returncode == 0, spec["slug"] + done.stdout + done.stderr
