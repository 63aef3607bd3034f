"""What the demo's editorial accounts must allow (run by tests/home/test_demo_content.py): the
editor submits a page for moderation, the reviewer sees the task and approves it."""

import io
import re

from django.core.management import call_command

from sistercities.models import ExhibitionIndexPage
from tests.html import parse
from tests.sign_in import enrol, sign_in


def logins():
    out = io.StringIO()
    call_command("demo_editors", stdout=out)
    return dict(re.findall(r"user: (\S+)  password: (\S+)", out.getvalue()))


def form_data(form):
    """What a browser would post for the form as it is shown."""
    data = {}
    for field in form.find_all(["input", "textarea", "select"]):
        name, kind = field.get("name"), field.get("type")
        if not name or kind == "submit" or (
                kind in ("checkbox", "radio") and not field.has_attr("checked")):
            continue
        if field.name == "textarea":
            data[name] = field.get_text()
        elif field.name == "select":
            chosen = field.find("option", selected=True)
            data[name] = chosen["value"] if chosen else ""
        else:
            data[name] = field.get("value", "")
    return data


def check(client):
    accounts = logins()
    assert set(accounts) == {"editor", "reviewer"}
    assert logins() != accounts  # new passwords on every run, as for the officers

    accounts = logins()
    page = ExhibitionIndexPage.objects.get(locale__language_code="zh-hant")
    # The editor signs in with the printed password alone (an editor cannot publish, so
    # needs no second factor) and submits a change for moderation.
    assert sign_in(client, "editor", accounts["editor"])["Location"] == "/admin/"
    edit = client.get(f"/admin/pages/{page.pk}/edit/")
    assert edit.status_code == 200
    form = parse(edit.content.decode()).find("form", id="page-edit-form")
    assert form.find(attrs={"name": "action-submit"}) is not None
    data = form_data(form)
    data.update({"title": "姊妹市主題展（新版）", "action-submit": "submit"})
    response = client.post(f"/admin/pages/{page.pk}/edit/", data)
    assert response.status_code == 302, response.content.decode()[:3000]
    page.refresh_from_db()
    assert page.workflow_in_progress and page.title == "姊妹市主題展"  # not live before review
    client.post("/admin/logout/")

    # The reviewer, who can publish, sets up two-step verification at the first sign-in,
    # then finds the task on the dashboard and approves it.
    assert sign_in(client, "reviewer", accounts["reviewer"]).status_code == 302
    enrol(client)
    dashboard = client.get("/admin/").content.decode()
    task = page.current_workflow_task_state
    approve = f"/admin/pages/workflow/action/{page.pk}/approve/{task.pk}/"
    assert "姊妹市主題展（新版）" in dashboard and approve in dashboard
    assert client.post(approve, {"comment": ""}).status_code == 302
    page.refresh_from_db()
    assert page.title == "姊妹市主題展（新版）" and not page.workflow_in_progress
    client.post("/admin/logout/")
