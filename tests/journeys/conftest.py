"""A real browser (Debian's Chromium through Playwright) against the live server, with the
site's own data as migrations leave it: Wagtail's Editors and Moderators groups, its
"Moderators approval" workflow on the root page, the gazette's document types, the
deadline policies. Each journey restores that state first (serialized rollback), so none
depends on what another test left or flushed."""

import threading

import pytest
from django.db import connections
from django.test.testcases import LiveServerThread
from pytest_django.live_server_helper import LiveServer
from pytest_django.plugin import blocking_manager_key

import petitions.forms

VIEWPORT = {"width": 1280, "height": 900}


class OneRequestAtATime(LiveServerThread):
    """The admin's pages fetch several things at once. On SQLite in memory every thread of
    the live server shares one connection, which concurrent requests break ("database
    table is locked"). The server still accepts connections in parallel (a browser keeps
    idle ones open), but Django answers one request at a time, reading the whole response
    before the next one starts."""

    def _create_server(self, connections_override=None):
        server = super()._create_server(connections_override)
        lock = threading.Lock()
        set_app = server.set_app

        def serial(handler):
            def application(environ, start_response):
                with lock:
                    response = handler(environ, start_response)
                    try:
                        return list(response)
                    finally:
                        if hasattr(response, "close"):
                            response.close()
            set_app(application)

        server.set_app = serial
        return server


@pytest.fixture(scope="session")
def live_server(request):
    server = LiveServer("localhost", start=False)
    server.thread = OneRequestAtATime(
        "localhost", static_handler=server.thread.static_handler,
        connections_override=server.thread.connections_override)
    server.thread.daemon = True
    server.start()
    yield server
    server.stop()


@pytest.hookimpl(wrapper=True)
def pytest_runtest_teardown(item):
    """Django's flush after a serialized-rollback test leaves the tables empty, without even
    the content types its post_migrate handler would recreate; the next transactional test
    on this worker (another app's browser test) then fails to build its pages. Once the
    test's own teardown has flushed, put back the data migrations left."""
    try:
        return (yield)
    finally:
        with item.config.stash[blocking_manager_key].unblock():
            for connection in connections.all():
                if hasattr(connection, "_test_serialized_contents"):
                    connection.creation.deserialize_db_from_string(
                        connection._test_serialized_contents)


@pytest.fixture(autouse=True)
def _journey_settings(settings, tmp_path, monkeypatch):
    settings.PETITIONS_PRIVATE_ROOT = str(tmp_path / "private")
    # A person takes longer than the intake's minimum fill time; a script filling the form
    # does not, and would be answered as a bot.
    monkeypatch.setattr(petitions.forms, "MIN_FILL_SECONDS", 0)


@pytest.fixture
def new_person(browser, live_server):
    """Opens a browser window of its own for each person (no shared cookies), at a fixed
    size. `page.errors` collects what went wrong on the way without stopping the person:
    scripts that failed or that the content security policy blocked, and resources that
    failed to load (the browser's own favicon request aside)."""
    contexts = []

    def open_window():
        context = browser.new_context(viewport=VIEWPORT, base_url=live_server.url)
        context.set_default_timeout(15_000)
        contexts.append(context)
        page = context.new_page()
        page.errors = []
        page.on("console", lambda message: message.type == "error"
                and not message.text.startswith("Failed to load resource")
                and page.errors.append(message.text))
        page.on("pageerror", lambda error: page.errors.append(str(error)))
        page.on("response", lambda response: response.status >= 400
                and response.request.resource_type != "document"
                and page.errors.append(f"{response.status} {response.url}"))
        return page

    yield open_window
    for context in contexts:
        context.close()

