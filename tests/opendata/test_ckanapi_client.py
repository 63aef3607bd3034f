"""Real clients (ckanapi, frictionless) run as subprocesses against a live test server."""

import io
import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from ckanapi import NotFound, RemoteCKAN, ValidationError
from django.core.management import call_command

from opendata.demo import DATASETS
from tests.opendata.helpers import (
    CKAN_ORGANIZATION,
    CKAN_ORGANIZATION_LISTED,
    CKAN_TAG,
    assert_ckan_package,
    assert_ckan_types,
)

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


@pytest.mark.parametrize("get", [False, True])
def test_the_command_line_in_its_key_value_form(live_server, published, get):
    """KEY=VALUE sends every value as text, `rows=1` as {"rows": "1"} (with -g in the
    query string): CKAN reads numbers and booleans from text, and so does the portal."""
    def action(*args):
        return json.loads(ckanapi("action", *args, "-r", live_server.url,
                                  *(["-g"] if get else [])))

    found = action("package_search", "rows=1", "start=1", "sort=name asc", "q=*:*")
    assert found["count"] == 2
    assert [package["name"] for package in found["results"]] == ["gazette-issues"]
    assert [package["name"] for package in action("package_search", "q=公报")["results"]] == [
        "gazette-issues"]  # Simplified finds Traditional
    package = action("package_show", "id=consumer-figures")
    assert_ckan_package(package)
    assert action("package_list", "limit=1", "offset=1") == ["gazette-issues"]
    assert len(action("current_package_list_with_resources", "limit=1")) == 1
    [organization] = action("organization_list", "all_fields=true")
    assert organization["package_count"] == 2
    shown = action("organization_show", "id=397000000a", "include_datasets=True")
    assert sorted(package["name"] for package in shown["packages"]) == [
        "consumer-figures", "gazette-issues"]
    assert action("tag_list", "query=公") == ["公報"]
    assert ":param rows:" in action("help_show", "name=package_search")


def test_dump_organizations(live_server, published, tmp_path):
    ckanapi("dump", "organizations", "--all", "-O", str(tmp_path / "organizations.jsonl"),
            "-r", live_server.url)
    [line] = (tmp_path / "organizations.jsonl").read_text(encoding="utf-8").splitlines()
    assert_ckan_types(json.loads(line), CKAN_ORGANIZATION)


def test_python_api_sees_ckan_2_10_fields_and_types(live_server, published):
    for get_only in (False, True):
        remote = RemoteCKAN(live_server.url, get_only=get_only)
        package = remote.action.package_show(id="gazette-issues")
        assert_ckan_package(package)
        for found in remote.action.package_search(rows="5", q="消费")["results"]:
            assert_ckan_package(found)
        resource = remote.action.resource_show(id=package["resources"][0]["id"])
        assert resource == package["resources"][0]
        for listed in remote.action.organization_list(all_fields=True):
            assert_ckan_types(listed, CKAN_ORGANIZATION_LISTED)
        organization = remote.action.organization_show(id="397000000a",
                                                       include_datasets=True)
        assert_ckan_types(organization, CKAN_ORGANIZATION)
        for listed in organization["packages"]:
            assert_ckan_package(listed)
        for tag in remote.action.tag_list(all_fields=True):
            assert_ckan_types(tag, CKAN_TAG)
        newest = remote.action.current_package_list_with_resources(limit=1, offset=1)
        assert len(newest) == 1
        assert_ckan_package(newest[0])
        assert "limit" in remote.action.help_show(name="current_package_list_with_resources")
        with pytest.raises(NotFound):
            remote.action.help_show(name="package_create")
        with pytest.raises(ValidationError):
            remote.action.package_search(rows="many")


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
