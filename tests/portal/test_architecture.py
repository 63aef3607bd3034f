"""scripts/check_architecture.py, run on small project trees: it passes a tree that keeps
the rules and names file and line of each kind of violation, so it cannot pass silently."""

import subprocess
import sys
import textwrap
import tomllib
from pathlib import Path

import pytest

SCRIPT = Path(__file__).resolve().parents[2] / "scripts" / "check_architecture.py"

APP_CONFIG = """\
from django.apps import AppConfig


class {name}Config(AppConfig):
    name = "{app}"

    def ready(self):
        from . import signals  # noqa: F401
"""


def write(root, files):
    for relative, source in files.items():
        path = root / relative
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(textwrap.dedent(source), encoding="utf-8")


@pytest.fixture
def project(tmp_path):
    """A project that keeps every rule: a kernel and two apps that use it."""
    write(tmp_path, {
        "manage.py": """\
            import sys

            if __name__ == "__main__":
                from django.core.management import execute_from_command_line

                execute_from_command_line(sys.argv)
            """,
        "portal/__init__.py": "",
        "portal/apps.py": APP_CONFIG.format(name="Portal", app="portal"),
        "portal/signals.py": "",
        "portal/extensions.py": "HOME_SECTIONS = 'portal_home_sections'\n",
        "portal/sections.py": """\
            import importlib

            from django.conf import settings

            from portal import extensions
            from . import signals

            SETTINGS = importlib.import_module("portal.extensions")
            """,
        "portal/migrations/__init__.py": "",
        "portal/migrations/0002_data.py": """\
            def forwards(apps, schema_editor):
                from portal.extensions import HOME_SECTIONS  # noqa: F401
            """,
        "bulletin/__init__.py": "",
        "bulletin/apps.py": APP_CONFIG.format(name="Bulletin", app="bulletin"),
        "bulletin/signals.py": "from .models import Issue\n",
        "bulletin/models.py": """\
            from typing import TYPE_CHECKING

            from portal import extensions

            if TYPE_CHECKING:
                from bulletin.signals import Issue  # never runs: no cycle


            class Issue:
                pass
            """,
        "opendata/__init__.py": "",
        "opendata/apps.py": APP_CONFIG.format(name="OpenData", app="opendata"),
        "opendata/signals.py": "from bulletin.models import Issue\n",
        "tests/__init__.py": "",
        "tests/test_issue.py": "from bulletin.models import Issue\n",
    })
    return tmp_path


def run(root):
    result = subprocess.run([sys.executable, str(SCRIPT), "--root", str(root)],
                            capture_output=True, text=True, check=False)
    return result.returncode, result.stdout.splitlines()


def test_a_tree_that_keeps_the_rules_passes(project):
    code, lines = run(project)
    assert (code, lines) == (0, [
        "Architecture check passed: portal/ imports no app, module heads tell the truth, "
        "no import cycles."])


def test_the_kernel_importing_an_app_fails_naming_file_and_line(project):
    write(project, {"portal/pages.py": """\
        from django.db import models

        from bulletin.models import Issue
        import opendata.signals
        """})
    code, lines = run(project)
    assert code == 1
    assert [line.split(": ")[0] for line in lines] == ["portal/pages.py:3", "portal/pages.py:4"]
    assert "imports the app 'bulletin' (bulletin.models.Issue)" in lines[0]
    assert "imports the app 'opendata' (opendata.signals)" in lines[1]


def test_the_kernel_importing_an_app_by_importlib_fails(project):
    write(project, {"portal/demo.py": """\
        import importlib
        from django.utils.module_loading import import_string

        DEMO = importlib.import_module("bulletin.demo")
        LOADER = import_string("opendata.signals.Issue")
        MODULES = [__import__(app + ".demo") for app in ("bulletin",)]
        """})
    code, lines = run(project)
    assert code == 1
    assert lines[0].startswith("portal/demo.py:4: portal/ imports the app 'bulletin'")
    assert lines[1].startswith("portal/demo.py:5: portal/ imports the app 'opendata'")
    assert lines[2].startswith("portal/demo.py:6: portal/ imports a module whose name is "
                               "computed")
    assert len(lines) == 3


def test_the_apps_are_read_from_the_folders(project):
    """A new app is covered as soon as its folder has an apps.py: nothing to keep in step."""
    write(project, {
        "newsroom/__init__.py": "",
        "newsroom/apps.py": APP_CONFIG.format(name="Newsroom", app="newsroom"),
        "newsroom/signals.py": "",
        "portal/news.py": "from newsroom import signals\n",
    })
    code, lines = run(project)
    assert (code, lines) == (1, [
        "portal/news.py:1: portal/ imports the app 'newsroom' (newsroom.signals): the kernel "
        "imports no app; let the app register with an extension point (portal/extensions.py)"])


def test_a_function_local_import_fails_naming_file_line_and_function(project):
    write(project, {
        "opendata/views.py": """\
            from django.http import HttpResponse


            class Catalogue:
                def get(self, request):
                    import csv

                    return HttpResponse(csv)


            def download(request):
                from bulletin.models import Issue

                return HttpResponse(Issue)
            """,
        # ready() is allowed on an AppConfig only.
        "opendata/tasks.py": """\
            class Worker:
                def ready(self):
                    import json  # noqa: F401
            """,
    })
    code, lines = run(project)
    assert code == 1
    assert lines == [
        "opendata/tasks.py:3: function-local import of json in Worker.ready(): move it to the "
        "module head (if that makes a cycle, move the code to where it belongs)",
        "opendata/views.py:6: function-local import of csv in Catalogue.get(): move it to the "
        "module head (if that makes a cycle, move the code to where it belongs)",
        "opendata/views.py:12: function-local import of bulletin.models.Issue in download(): "
        "move it to the module head (if that makes a cycle, move the code to where it "
        "belongs)",
    ]


def allow(*entries):
    return "".join(f"""
        [[tool.check-architecture.allowed-local-imports]]
        file = "{path}"
        function = "{function}"
        reason = "{reason}"
        """ for path, function, reason in entries)


def test_the_documented_exceptions_are_few_with_reasons_and_cannot_go_stale(project):
    write(project, {"opendata/views.py": """\
        def download(request):
            import csv  # noqa: F401
        """})
    write(project, {"pyproject.toml": allow(("opendata/views.py", "download", "a reason"))})
    assert run(project)[0] == 0

    write(project, {"pyproject.toml": allow(("opendata/views.py", "download", "a reason"),
                                            ("opendata/gone.py", "old", "a reason"))})
    assert run(project) == (1, [
        "pyproject.toml:1: allowed-local-imports entry (opendata/gone.py, old) matches no "
        "import: remove it"])

    write(project, {"pyproject.toml": allow(("opendata/views.py", "download", " "))})
    assert run(project) == (1, [
        "pyproject.toml:1: each allowed function-local import needs its reason"])

    write(project, {"pyproject.toml": allow(*[(f"opendata/views{n}.py", "download", "why")
                                              for n in range(6)])})
    assert run(project) == (1, [
        "pyproject.toml:1: 6 allowed function-local imports: at most 5"])


def test_the_repository_documents_at_most_five_exceptions_each_with_its_reason():
    with (SCRIPT.parents[1] / "pyproject.toml").open("rb") as handle:
        config = tomllib.load(handle)["tool"]["check-architecture"]
    allowed = config["allowed-local-imports"]
    assert len(allowed) <= 5
    assert all(entry["reason"].strip() for entry in allowed)


def test_an_import_cycle_fails_naming_each_import(project):
    write(project, {
        "bulletin/search.py": "from . import conditions\n",
        "bulletin/conditions.py": """\
            import datetime

            from .models import Issue
            """,
        "bulletin/models.py": """\
            from portal import extensions


            class Index:
                def browse(self, request):
                    from .search import conditions  # the cycle hidden in a function

                    return conditions
            """,
    })
    code, lines = run(project)
    assert code == 1
    assert lines == [
        "bulletin/conditions.py:3: import cycle bulletin.conditions -> bulletin.models -> "
        "bulletin.search -> bulletin.conditions: bulletin/conditions.py:3 imports "
        "bulletin.models; bulletin/models.py:6 imports bulletin.search; bulletin/search.py:1 "
        "imports bulletin.conditions",
        "bulletin/models.py:6: function-local import of bulletin.search.conditions in "
        "Index.browse(): move it to the module head (if that makes a cycle, move the code to "
        "where it belongs)",
    ]


def test_a_cycle_between_apps_at_module_level_fails(project):
    write(project, {"bulletin/models.py": "import opendata.signals\n"})
    code, lines = run(project)
    assert code == 1
    assert lines == [
        "bulletin/models.py:1: import cycle bulletin.models -> opendata.signals -> "
        "bulletin.models: bulletin/models.py:1 imports opendata.signals; "
        "opendata/signals.py:1 imports bulletin.models"]
